/**
 * Helpers over plain JSON values as the field manager reads them: `null`, booleans, numbers
 * (a `bigint` for an integer beyond 2^53), strings, arrays and objects.
 */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** The order of value kinds in a total order of values: floats, ints, strings, booleans, lists, maps, null. */
type ValueKind = "float" | "int" | "string" | "bool" | "list" | "map" | "null";

const kindRank: Record<ValueKind, number> = { float: 0, int: 1, string: 2, bool: 3, list: 4, map: 5, null: 6 };

/** Reports whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports whether a value is a scalar: a string, number, bigint or boolean. */
export function isScalar(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "number" || type === "bigint" || type === "boolean";
}

function kindOf(value: unknown): ValueKind {
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (isObject(value)) return "map";
  return "null";
}

/** Compares two strings by their UTF-8 bytes, as Go's `strings.Compare` does. */
export function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const a = left.codePointAt(i) ?? 0;
    const b = right.codePointAt(i) ?? 0;
    if (a !== b) return a < b ? -1 : 1;
    if (a > 0xffff) i++;
  }
  return compareNumbers(left.length, right.length);
}

/** Compares two numbers or bigints: -1, 0 or 1. */
export function compareNumbers(left: number | bigint, right: number | bigint): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}

/**
 * Compares two values in a total order over every kind: numbers (floats before ints
 * unless compared by value with each other), then strings, booleans, lists, maps and null.
 */
export function compareValues(left: unknown, right: unknown): number {
  const leftKind = kindOf(left);
  const rightKind = kindOf(right);
  const numeric = (kind: ValueKind) => kind === "float" || kind === "int";
  if (numeric(leftKind) && numeric(rightKind) && (leftKind === "float" || rightKind === "float")) {
    return compareNumbers(Number(left), Number(right));
  }
  if (leftKind !== rightKind) return kindRank[leftKind] < kindRank[rightKind] ? -1 : 1;
  switch (leftKind) {
    case "int":
      return compareNumbers(left as number | bigint, right as number | bigint);
    case "string":
      return compareStrings(left as string, right as string);
    case "bool":
      return compareNumbers(Number(left), Number(right));
    case "list":
      return compareLists(left as unknown[], right as unknown[]);
    case "map":
      return compareMaps(left as JsonObject, right as JsonObject);
    default:
      return 0;
  }
}

function compareLists(left: unknown[], right: unknown[]): number {
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const order = compareValues(left[i], right[i]);
    if (order !== 0) return order;
  }
  return compareNumbers(left.length, right.length);
}

function compareMaps(left: JsonObject, right: JsonObject): number {
  const leftKeys = Object.keys(left).sort(compareStrings);
  const rightKeys = Object.keys(right).sort(compareStrings);
  const length = Math.min(leftKeys.length, rightKeys.length);
  for (let i = 0; i < length; i++) {
    const leftKey = leftKeys[i] as string;
    const rightKey = rightKeys[i] as string;
    const keyOrder = compareStrings(leftKey, rightKey);
    if (keyOrder !== 0) return keyOrder;
    const order = compareValues(left[leftKey], right[rightKey]);
    if (order !== 0) return order;
  }
  return compareNumbers(leftKeys.length, rightKeys.length);
}

/** Reports whether two JSON values are equal; numbers compare by value, object keys in any order. */
export function valuesEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  const leftKind = kindOf(left);
  const rightKind = kindOf(right);
  if ((leftKind === "int" || leftKind === "float") && (rightKind === "int" || rightKind === "float")) {
    // Loose equality compares a bigint and a number by mathematical value.
    return (left as number) == (right as number);
  }
  if (leftKind !== rightKind) return false;
  if (leftKind === "list") {
    const a = left as unknown[];
    const b = right as unknown[];
    return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (leftKind === "map") {
    const a = left as JsonObject;
    const b = right as JsonObject;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && valuesEqual(a[key], b[key]));
  }
  return false;
}

/**
 * Writes a string as Go's `encoding/json` does: besides the JSON escapes, `<`, `>`, `&`,
 * U+2028 and U+2029 become `\u` escapes, and a lone surrogate becomes U+FFFD.
 */
export function goJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) out += "\ufffd";
    else if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += "\\\\";
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x0d) out += "\\r";
    else if (code === 0x09) out += "\\t";
    else if (code < 0x20 || code === 0x3c || code === 0x3e || code === 0x26 || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += text[i]!;
  }
  return `${out}"`;
}

/** Writes a JSON value compactly, with object keys sorted and strings escaped as Go writes them. */
export function goJson(value: unknown): string {
  if (typeof value === "string") return goJsonString(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((key) => `${goJsonString(key)}:${goJson(value[key])}`).join(",")}}`;
  }
  return "null";
}

/** Writes a value the way field paths print it in messages: strings quoted, lists in brackets. */
export function valueToString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueToString).join(",")}]`;
  if (isObject(value)) return Object.keys(value).map((key) => `${key}=${valueToString(value[key])}`).join("");
  return String(value);
}
