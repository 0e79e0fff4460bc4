import { StatusError } from "@apimachinery/meta";
import { formatGoFloat } from "./go-float.js";
import { compareKeys } from "./key-order.js";
import { resolvePlain } from "./resolve.js";
import { analyzeScalar, selectStyle } from "./scalar-analysis.js";
import {
  BEST_INDENT,
  writeDoubleQuoted,
  writeIndent,
  writeIndicator,
  writeLiteral,
  writePlain,
  writeSimplePlain,
  writeSingleQuoted,
  type WriterState,
} from "./scalar-writer.js";

/** The deepest nesting the encoder follows before it reports a cycle; deeper objects would overflow the stack. */
const MAX_DEPTH = 2000;
/** libyaml writes a key longer than this many bytes as a complex key (`? key`). */
const MAX_SIMPLE_KEY_BYTES = 128;

/**
 * Strings that the emitter analysis always allows plain: an ASCII letter or digit first,
 * then no spaces, colons or other indicators. Only the YAML 1.1 resolution can still force quotes.
 */
const SIMPLE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/=+-]*$/;

const TWO_POW_63 = 2 ** 63;
const TWO_POW_64 = 2 ** 64;


/** Returns the value JSON encoding would write for `value`, or undefined where it writes nothing. */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  return value;
}

/**
 * Writes a number as go-yaml v2 writes what sigs.k8s.io/yaml hands it: integers below
 * 2^64 in full (Go reads them back as int64 or uint64), other numbers as Go's `%g`.
 */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw StatusError.internal(`json: unsupported value: ${value}`);
  if (Number.isInteger(value) && value >= -TWO_POW_63 && value < TWO_POW_64) return value === 0 ? "0" : BigInt(value).toString();
  return formatGoFloat(value, 64);
}

function codePointsOf(text: string): number[] {
  const chars: number[] = [];
  for (const char of text) chars.push(char.codePointAt(0) as number);
  return chars;
}

/** Writes JSON-like data as go-yaml v2 block YAML, the form `kubectl get -o yaml` prints. */
class BlockEmitter {
  readonly state: WriterState = { text: "", column: 0, whitespace: true, indention: true };
  private depth = 0;

  /** Writes `value` as a node whose parent has indentation `parentIndent` (-1 at the root). */
  node(value: unknown, parentIndent: number, mappingContext: boolean): void {
    if (Array.isArray(value) && value.length > 0) {
      // A sequence that is a mapping value starts at the key's column, as go-yaml v2 writes it.
      const indentless = mappingContext && !this.state.indention;
      let indent = parentIndent + BEST_INDENT;
      if (parentIndent < 0) indent = 0;
      else if (indentless) indent = parentIndent;
      this.sequence(value, indent);
      return;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const keys = this.keysOf(value as Record<string, unknown>);
      if (keys.length > 0) {
        this.mapping(value as Record<string, unknown>, keys, parentIndent < 0 ? 0 : parentIndent + BEST_INDENT);
        return;
      }
      writeIndicator(this.state, "{}", true, false, false);
      return;
    }
    const scalarIndent = parentIndent < 0 ? BEST_INDENT : parentIndent + BEST_INDENT;
    this.scalar(value, scalarIndent, false);
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) throw StatusError.internal(`object nests deeper than ${MAX_DEPTH} levels or contains a cycle`);
  }

  private keysOf(record: Record<string, unknown>): string[] {
    return Object.keys(record)
      .filter((key) => jsonValue(record[key], key) !== undefined)
      .sort(compareKeys);
  }

  private sequence(items: readonly unknown[], indent: number): void {
    this.enter();
    for (let index = 0; index < items.length; index++) {
      writeIndent(this.state, indent);
      writeIndicator(this.state, "-", true, false, true);
      const item = jsonValue(items[index], String(index));
      this.node(item === undefined ? null : item, indent, false);
    }
    this.depth--;
  }

  private mapping(record: Readonly<Record<string, unknown>>, keys: readonly string[], indent: number): void {
    this.enter();
    for (const key of keys) {
      writeIndent(this.state, indent);
      const value = jsonValue(record[key], key);
      if (Buffer.byteLength(key) <= MAX_SIMPLE_KEY_BYTES && !/[\n\r\u0085\u2028\u2029]/.test(key)) {
        this.scalar(key, indent + BEST_INDENT, true);
        writeIndicator(this.state, ":", false, false, false);
      } else {
        writeIndicator(this.state, "?", true, false, true);
        this.scalar(key, indent + BEST_INDENT, false);
        writeIndent(this.state, indent);
        writeIndicator(this.state, ":", true, false, true);
      }
      this.node(value, indent, true);
    }
    this.depth--;
  }

  private scalar(value: unknown, indent: number, simpleKey: boolean): void {
    switch (typeof value) {
      case "string":
        this.string(value, indent, simpleKey);
        return;
      case "number":
        writeSimplePlain(this.state, formatNumber(value));
        return;
      case "bigint":
        writeSimplePlain(this.state, value.toString());
        return;
      case "boolean":
        writeSimplePlain(this.state, value ? "true" : "false");
        return;
      default:
        if (value === null || value === undefined) {
          writeSimplePlain(this.state, "null");
          return;
        }
        if (Array.isArray(value)) writeIndicator(this.state, "[]", true, false, false);
        else throw StatusError.internal(`cannot encode a value of type ${typeof value} as YAML`);
    }
  }

  private string(value: string, indent: number, simpleKey: boolean): void {
    if (SIMPLE_PLAIN.test(value) && resolvePlain(value, true).tag === "str") {
      writeSimplePlain(this.state, value);
      return;
    }
    const chars = codePointsOf(value);
    const style = selectStyle(value, analyzeScalar(chars), simpleKey);
    const allowBreaks = !simpleKey;
    if (style === "plain") writePlain(this.state, chars, value, indent, allowBreaks);
    else if (style === "single") writeSingleQuoted(this.state, chars, indent, allowBreaks);
    else if (style === "double") writeDoubleQuoted(this.state, chars, indent, allowBreaks);
    else writeLiteral(this.state, chars, indent);
  }
}

/**
 * Encodes JSON-like data as YAML the way sigs.k8s.io/yaml (go-yaml v2) does, which is how
 * kubectl prints it. Keys come in go-yaml's order with 2-space indentation, and a sequence
 * under a key starts at the key's column. Strings that a YAML 1.1 reader would take for
 * another type are quoted, text with line breaks becomes a literal block, and long lines
 * fold at 80 columns. Bigints are written as bare integers.
 */
export function stringifyYaml(value: unknown): string {
  const emitter = new BlockEmitter();
  const root = jsonValue(value, "");
  try {
    emitter.node(root === undefined ? null : root, -1, false);
  } catch (error) {
    if (error instanceof RangeError) throw StatusError.internal(`object nests too deeply or contains a cycle: ${error.message}`);
    throw error;
  }
  // go-yaml v2 clears its open-ended flag before the stream ends, so no `...` marker follows
  // a root scalar or a block scalar that keeps its final line breaks.
  const state = emitter.state;
  writeIndent(state, -1);
  return state.text;
}


/**
 * Encodes several values as one multi-document YAML stream with a `---` line between
 * documents, as go-yaml v2's Encoder and kubectl's YAML printer write them.
 */
export function stringifyYamlAll(values: readonly unknown[]): string {
  return values.map((value) => stringifyYaml(value)).join("---\n");
}
