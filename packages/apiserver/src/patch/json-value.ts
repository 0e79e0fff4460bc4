import { StatusError } from "@apimachinery/meta";

/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** Tells whether a value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Returns the JSON type name of a value for error messages (`object`, `list`, `string`, ...). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "bigint") return "number";
  return typeof value;
}

/**
 * Returns a deep copy of a decoded JSON value. Integers beyond 2^53 arrive as `bigint`, which
 * `structuredClone` copies and `JSON.stringify` rejects. A value that cannot be cloned (a
 * function, a symbol, nesting a few thousand levels deep) is a BadRequest.
 */
export function cloneJson<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (cause) {
    if (cause instanceof RangeError) throw StatusError.badRequest("the patch or the object is nested too deeply to copy");
    const message = cause instanceof Error ? cause.message : String(cause);
    throw StatusError.badRequest(`the patch contains a value that is not JSON: ${message}`);
  }
}

/** Compares two decoded JSON values structurally. A `bigint` equals the `number` of the same integer. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if ((typeof left === "bigint" || typeof left === "number") && (typeof right === "bigint" || typeof right === "number")) {
    return String(left) === String(right);
  }
  if (Array.isArray(left)) {
    return Array.isArray(right) && left.length === right.length && left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (!isJsonObject(left) || !isJsonObject(right)) return false;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

/**
 * Returns a string that identifies a scalar JSON value, for use as a Map key: `80` and `80n`
 * give the same identity, and the string `"80"` a different one.
 */
export function scalarIdentity(value: unknown): string {
  if (typeof value === "string") return `s:${value}`;
  if (typeof value === "number" || typeof value === "bigint") return `n:${String(value)}`;
  if (typeof value === "boolean") return `b:${String(value)}`;
  if (value === null) return "null";
  return `j:${formatJson(value)}`;
}

/**
 * Sets a key of a JSON object as an own data property. Plain assignment to `__proto__`
 * would replace the object's prototype instead of adding the key a client sent.
 */
export function setJsonKey(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Renders a decoded JSON value for an error message, printing `bigint` values as their digits. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item)) ?? String(value);
}
