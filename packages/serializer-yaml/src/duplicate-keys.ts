import { YAMLException, loadAll } from "js-yaml";
import { resolvePlain } from "./resolve.js";
import { loadAllWithGoEscapes } from "./go-escapes.js";
import { goYamlSchema, resetState, trackState } from "./schema.js";

/** A quoted or plain key at the start of a line's rest, up to the `:` that ends it. */
const KEY_TEXT = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\n]*?))[ \t]*:(?:[ \t\r\n]|$)/;

/** The maximum number of duplicate keys reported for one stream, because each one costs another parse. */
const MAX_REPORTED = 100;

/** A duplicate mapping key: its 1-based line and the message go-yaml v2's strict mode gives. */
export interface DuplicateKey {
  readonly line: number;
  readonly message: string;
}

interface KeyToken {
  /** The key as go-yaml v2 prints it with `%#v`. */
  readonly printed: string;
  /** The length of the key's source text. */
  readonly length: number;
}

function keyTokenAt(text: string, position: number): KeyToken | undefined {
  const match = KEY_TEXT.exec(text.slice(position, position + 1024));
  if (match === null) return undefined;
  const [whole, doubleQuoted, singleQuoted, plain] = match;
  const keyLength = whole.replace(/[ \t]*:[ \t\r\n]?$/, "").length;
  if (doubleQuoted !== undefined) return { printed: `"${doubleQuoted}"`, length: keyLength };
  if (singleQuoted !== undefined) return { printed: JSON.stringify(singleQuoted.replaceAll("''", "'")), length: keyLength };
  const key = (plain ?? "").trim();
  const resolved = resolvePlain(key, false);
  if (resolved.tag === "bool" || resolved.tag === "int") return { printed: String(resolved.value), length: keyLength };
  return { printed: JSON.stringify(key), length: keyLength };
}

/**
 * Finds the duplicate mapping keys of a YAML stream that already parsed leniently, in the
 * words of go-yaml v2's strict mode (`line 3: key "name" already set in map`). js-yaml
 * stops at the first duplicate, so each one found is renamed to a unique key of the same
 * line and the stream parsed again.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  try {
    let source = normalizedSource(text);
    while (found.length < MAX_REPORTED) {
      const duplicate = nextDuplicate(source);
      if (duplicate === undefined) break;
      const token = keyTokenAt(source, duplicate.position);
      const line = valueLine(source, duplicate.position + (token?.length ?? 0), duplicate.line + 1);
      found.push({ line, message: `line ${line}: key ${token?.printed ?? "(unknown)"} already set in map` });
      if (token === undefined) break;
      const unique = `"\\0duplicate ${found.length}"`;
      source = source.slice(0, duplicate.position) + unique + source.slice(duplicate.position + token.length);
    }
  } finally {
    resetState();
  }
  return found;
}

/**
 * Returns the line of the value after the key that ends at `position`: go-yaml v2 names
 * the value's line, which is a later one when the value is a block on its own lines.
 */
function valueLine(text: string, position: number, keyLine: number): number {
  let line = keyLine;
  let index = text.indexOf(":", position) + 1;
  while (index > 0 && index < text.length) {
    const char = text[index];
    if (char === " " || char === "\t" || char === "\r") index++;
    else if (char === "#") {
      const end = text.indexOf("\n", index);
      index = end === -1 ? text.length : end;
    } else if (char === "\n") {
      line++;
      index++;
    } else break;
  }
  return line;
}

/** Returns `text` with go-yaml's `\'` escapes rewritten, or `text` itself when it does not parse. */
function normalizedSource(text: string): string {
  try {
    return loadAllWithGoEscapes(text, { schema: goYamlSchema, json: true, listener: trackState }).source;
  } catch {
    return text;
  }
}

function nextDuplicate(text: string): { line: number; position: number } | undefined {
  try {
    loadAll(text, null, { schema: goYamlSchema, json: false, listener: trackState });
    return undefined;
  } catch (error) {
    if (!(error instanceof YAMLException) || error.reason !== "duplicated mapping key") return undefined;
    const mark = (error as YAMLException & { mark?: { line: number; position: number } }).mark;
    return mark === undefined ? undefined : { line: mark.line, position: mark.position };
  }
}
