import { StatusError } from "@apimachinery/meta";
import { YAMLException, type LoadOptions, type State } from "js-yaml";
import { DocumentFinisher } from "./finish.js";
import { loadAllWithGoEscapes } from "./go-escapes.js";
import { YamlValueError, type SourcePosition } from "./scalar-box.js";
import { goYamlSchema, resetState, trackState } from "./schema.js";

/** Limits and modes of YAML parsing. */
export interface ParseOptions {
  /** The largest input accepted, in bytes (UTF-16 code units for a string). Default 64 MiB. */
  readonly maxBytes?: number;
  /** The deepest nesting of collections accepted. Default 1000. */
  readonly maxDepth?: number;
}

/** One parsed document: its JSON value and the line its content starts on. */
export interface ParsedDocument {
  readonly value: unknown;
  /** The 1-based line of the document's root node. */
  readonly line: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 1000;
const PREFIX = "error converting YAML to JSON: yaml";

/** Returns a BadRequest for a problem at `position`, worded like sigs.k8s.io/yaml's errors plus the column. */
export function yamlError(problem: string, position?: SourcePosition): StatusError {
  if (position === undefined || position.line === 0) return StatusError.badRequest(`${PREFIX}: ${problem}`);
  return StatusError.badRequest(`${PREFIX}: line ${position.line}, column ${position.column}: ${problem}`);
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decodes the bytes of a YAML stream as go-yaml does: UTF-8, or UTF-16 after a byte order mark. */
function decodeText(input: Uint8Array): string {
  try {
    if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(input);
    if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(input);
    return utf8.decode(input);
  } catch {
    throw yamlError("input is not valid UTF-8");
  }
}

/** Turns any failure inside js-yaml or the finisher into a BadRequest StatusError. */
function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof YAMLException) {
    const mark = (error as YAMLException & { mark?: { line: number; column: number } }).mark;
    const position = mark === undefined ? undefined : { line: mark.line + 1, column: mark.column + 1 };
    return yamlError(error.reason, position);
  }
  if (error instanceof YamlValueError) return yamlError(error.message, error.position);
  if (error instanceof RangeError) return yamlError("document is nested too deeply");
  return yamlError(error instanceof Error ? error.message : String(error));
}

type LoaderOptions = LoadOptions & { maxDepth?: number };

// The parser is js-yaml 4 because it is the faster of the two well-kept YAML libraries on
// Kubernetes manifests. The bench suite `yaml` decoded the 39 KB core.v1.Pod reference
// fixture in about 2.1 ms through this codec and in 1.8 ms with a plain js-yaml load. The
// `yaml` 2 library with its YAML 1.1 schema took 47 to 52 ms (Node 20, 2 x AMD EPYC, two runs).

/**
 * Parses every document of a YAML stream with go-yaml v2's rules and returns each as
 * JSON data as sigs.k8s.io/yaml would produce it, with the line where it starts. Empty
 * and comment-only documents come back as null. Fails with a BadRequest StatusError
 * naming the line and column of malformed input.
 */
export function parseDocuments(input: string | Uint8Array, options: ParseOptions = {}): ParsedDocument[] {
  return parseText(inputText(input, options), options);
}

/** Checks the size limit and returns the text of `input`. */
export function inputText(input: string | Uint8Array, options: ParseOptions): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length > maxBytes) throw yamlError(`input of ${input.length} bytes is larger than the limit of ${maxBytes} bytes`);
  return typeof input === "string" ? input : decodeText(input);
}

/** A document start (`---`) or end (`...`) marker at the start of a line. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** A line before any document content: blank, a comment or a directive. */
const PROLOGUE_LINE = /^[ \t]*(?:#.*)?$|^%/;

/**
 * Returns the text of the first document of a stream: everything before the first marker
 * that follows content or an earlier `---`. The YAML grammar forbids such a marker inside
 * any node, so the cut never splits one.
 */
export function firstDocumentText(text: string): string {
  let start = 0;
  let started = false;
  for (const match of text.matchAll(DOCUMENT_MARKER)) {
    const before = text.slice(start, match.index);
    if (started || before.split("\n").some((line) => !PROLOGUE_LINE.test(line.replace(/\r$/, "")))) return text.slice(0, match.index);
    started = match[0] === "---";
    start = match.index + match[0].length;
  }
  return text;
}

/** Parses every document of `text`; see {@link parseDocuments}. */
export function parseText(text: string, options: ParseOptions): ParsedDocument[] {
  const lines: number[] = [];
  const loaderOptions: LoaderOptions = {
    schema: goYamlSchema,
    json: true,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    listener(event: string, state: State) {
      trackState(event, state);
      if (event === "open" && (state as State & { depth: number }).depth === 1) lines.push(state.line + 1);
    },
  };
  try {
    const { values } = loadAllWithGoEscapes(text, loaderOptions, () => {
      lines.length = 0;
    });
    return values.map((value, index) => ({ value: new DocumentFinisher().finish(value ?? null), line: lines[index] ?? 1 }));
  } catch (error) {
    throw toStatusError(error);
  } finally {
    resetState();
  }
}

/**
 * Parses the first document of a YAML stream, as sigs.k8s.io/yaml's `YAMLToJSON` does, and
 * returns its JSON data (null for an empty document). Later documents are not read.
 */
export function parseYaml(input: string | Uint8Array, options: ParseOptions = {}): unknown {
  return parseText(firstDocumentText(inputText(input, options)), options)[0]?.value ?? null;
}

/** Parses every document of a YAML stream and returns the JSON data of each one that is not empty. */
export function parseYamlAll(input: string | Uint8Array, options: ParseOptions = {}): unknown[] {
  return parseDocuments(input, options)
    .map((document) => document.value)
    .filter((value) => value !== null);
}
