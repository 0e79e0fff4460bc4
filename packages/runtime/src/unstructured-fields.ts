import { StatusError } from "@apimachinery/meta";

/** An object in its plain JSON form, with no schema: what Go calls Unstructured. */
export type Unstructured = Record<string, unknown>;

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Names a JSON value's type as Go's Unstructured accessors do in their errors. */
function goTypeName(value: unknown): string {
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "int64";
    case "number":
      return Number.isInteger(value) ? "int64" : "float64";
    default:
      return "map[string]interface {}";
  }
}

function accessorError(fields: readonly string[], value: unknown, expected: string): StatusError {
  const shown = typeof value === "string" ? value : JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
  return StatusError.badRequest(`.${fields.join(".")} accessor error: ${shown} is of the type ${goTypeName(value)}, expected ${expected}`);
}

/**
 * Sets an own field. `__proto__` is defined as a plain field, as JSON.parse creates it,
 * so that a path from user input cannot reach `Object.prototype`.
 */
export function setOwnField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Returns a deep copy of a JSON value (bigints included). */
export function deepCopyJSON<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopyJSON(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwnField(copy, key, deepCopyJSON(item));
  return copy as T;
}

/** Returns the value at a path of field names, or undefined when a field on the way is absent or not a map. */
export function nestedField(object: Unstructured, ...fields: string[]): unknown {
  let current: unknown = object;
  for (const field of fields) {
    if (!isMap(current) || !Object.hasOwn(current, field)) return undefined;
    current = current[field];
  }
  return current;
}

/**
 * Returns the string at a path; undefined when absent. Fails with a BadRequest StatusError
 * naming the path when the value has another type.
 */
export function nestedString(object: Unstructured, ...fields: string[]): string | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined || typeof value === "string") return value;
  throw accessorError(fields, value, "string");
}

/** Returns the boolean at a path; undefined when absent. Fails like {@link nestedString} on another type. */
export function nestedBool(object: Unstructured, ...fields: string[]): boolean | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined || typeof value === "boolean") return value;
  throw accessorError(fields, value, "bool");
}

/**
 * Returns the integer at a path, a `bigint` beyond ±(2^53 − 1); undefined when absent.
 * Fails like {@link nestedString} when the value is not an integer (a float included).
 */
export function nestedInt64(object: Unstructured, ...fields: string[]): number | bigint | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined || typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value))) return value;
  throw accessorError(fields, value, "int64");
}

/** Returns the number at a path; undefined when absent. Fails like {@link nestedString} on another type. */
export function nestedFloat64(object: Unstructured, ...fields: string[]): number | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined || typeof value === "number") return value;
  throw accessorError(fields, value, "float64");
}

/** Returns a deep copy of the array at a path; undefined when absent. Fails like {@link nestedString} on another type. */
export function nestedSlice(object: Unstructured, ...fields: string[]): unknown[] | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return deepCopyJSON(value);
  throw accessorError(fields, value, "[]interface{}");
}

/** Returns a copy of the string array at a path; undefined when absent. Fails when the value or an element is not a string. */
export function nestedStringSlice(object: Unstructured, ...fields: string[]): string[] | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw accessorError(fields, value, "[]interface{}");
  return value.map((item: unknown) => {
    if (typeof item !== "string") throw accessorError(fields, item, "string");
    return item;
  });
}

/** Returns a deep copy of the map at a path; undefined when absent. Fails like {@link nestedString} on another type. */
export function nestedMap(object: Unstructured, ...fields: string[]): Record<string, unknown> | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined) return undefined;
  if (isMap(value)) return deepCopyJSON(value);
  throw accessorError(fields, value, "map[string]interface{}");
}

/** Returns a copy of the string map at a path; undefined when absent. Fails when the value or an entry is not a string. */
export function nestedStringMap(object: Unstructured, ...fields: string[]): Record<string, string> | undefined {
  const value = nestedField(object, ...fields);
  if (value === undefined) return undefined;
  if (!isMap(value)) throw accessorError(fields, value, "map[string]interface{}");
  const copy: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== "string") throw accessorError([...fields, key], item, "string");
    setOwnField(copy, key, item);
  }
  return copy;
}

/**
 * Sets the value at a path, creating maps on the way. Fails with a BadRequest StatusError
 * when a field on the way contains something other than a map.
 */
export function setNestedField(object: Unstructured, value: unknown, ...fields: string[]): void {
  if (fields.length === 0) throw StatusError.badRequest("setNestedField requires at least one field name");
  let current: Record<string, unknown> = object;
  for (let index = 0; index < fields.length - 1; index++) {
    const field = fields[index] ?? "";
    const next = Object.hasOwn(current, field) ? current[field] : undefined;
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {};
      setOwnField(current, field, created);
      current = created;
    } else if (isMap(next)) {
      current = next;
    } else {
      const path = fields.slice(0, index + 1).join(".");
      throw StatusError.badRequest(`value cannot be set because ${path} is not a map[string]interface{}`);
    }
  }
  setOwnField(current, fields[fields.length - 1] ?? "", value);
}

/** Removes the value at a path; does nothing when it is absent. */
export function removeNestedField(object: Unstructured, ...fields: string[]): void {
  const parent = nestedField(object, ...fields.slice(0, -1));
  const last = fields[fields.length - 1];
  if (isMap(parent) && last !== undefined && Object.hasOwn(parent, last)) delete parent[last];
}
