import { YAMLException, loadAll } from "js-yaml";
import { goYamlSchema, resetState, trackState } from "./schema.js";

/** A quoted or plain key at the start of `text`, up to the `:` that ends it. */
const KEY_TEXT = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\n]*?))[ \t]*:(?:[ \t\n]|$)/;

function keyAt(text: string, position: number): string {
  const match = KEY_TEXT.exec(text.slice(position, position + 1024));
  if (match === null) return "";
  return match[1] ?? match[2]?.replaceAll("''", "'") ?? match[3] ?? "";
}

/**
 * Returns the first duplicate mapping key of a YAML stream as go-yaml v2's strict mode
 * words it (`line 3: key "name" already set in map`), or undefined when there is none.
 * Other problems are left to the lenient parse, which has already succeeded.
 */
export function findDuplicateKey(text: string): string | undefined {
  try {
    loadAll(text, null, { schema: goYamlSchema, json: false, listener: trackState });
    return undefined;
  } catch (error) {
    if (!(error instanceof YAMLException) || error.reason !== "duplicated mapping key") return undefined;
    const mark = (error as YAMLException & { mark?: { line: number; position: number } }).mark;
    if (mark === undefined) return "key already set in map";
    return `line ${mark.line + 1}: key ${JSON.stringify(keyAt(text, mark.position))} already set in map`;
  } finally {
    resetState();
  }
}
