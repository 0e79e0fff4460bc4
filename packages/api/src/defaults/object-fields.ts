/**
 * Accessors for plain objects decoded from JSON, YAML or protobuf. Defaulting and
 * validation read fields that a client may have left out or sent with the wrong type, so
 * every accessor checks the shape and none of them throws.
 */

/** A decoded JSON object. */
export type PlainObject = Record<string, unknown>;

/** Reports whether a value is a JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Returns `parent[key]` when it is an object, else undefined. */
export function objectField(parent: PlainObject | undefined, key: string): PlainObject | undefined {
  const value = parent?.[key];
  return isPlainObject(value) ? value : undefined;
}

/** Returns `parent[key]` when it is an object. Otherwise it stores a new empty object there and returns that. */
export function ensureObject(parent: PlainObject, key: string): PlainObject {
  const value = parent[key];
  if (isPlainObject(value)) return value;
  const created: PlainObject = {};
  parent[key] = created;
  return created;
}

/** Returns the objects of the array `parent[key]`, skipping elements that are not objects. */
export function objectItems(parent: PlainObject | undefined, key: string): PlainObject[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

/** Returns `parent[key]` when it is an array, else an empty array. */
export function arrayField(parent: PlainObject | undefined, key: string): unknown[] {
  const value = parent?.[key];
  return Array.isArray(value) ? value : [];
}

/** Returns `parent[key]` when it is a string, else the empty string (Go's zero value). */
export function stringField(parent: PlainObject | undefined, key: string): string {
  const value = parent?.[key];
  return typeof value === "string" ? value : "";
}

/** Returns `parent[key]` when it is a number, else undefined. */
export function numberField(parent: PlainObject | undefined, key: string): number | undefined {
  const value = parent?.[key];
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

/** Reports whether `parent[key]` is absent, as a nil pointer or an unset field is in Go. */
export function isUnset(parent: PlainObject, key: string): boolean {
  return parent[key] === undefined || parent[key] === null;
}

/** Sets `parent[key]` to `value` when the field is unset or, for strings, empty. */
export function setDefault(parent: PlainObject, key: string, value: unknown): void {
  const current = parent[key];
  if (current === undefined || current === null || current === "") parent[key] = value;
}

/** Returns the string map at `parent[key]` with non-string values left out. */
export function stringMapField(parent: PlainObject | undefined, key: string): Record<string, string> {
  const value = parent?.[key];
  if (!isPlainObject(value)) return {};
  const result: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) if (typeof item === "string") result[name] = item;
  return result;
}

/**
 * Reports whether a decoded value is the zero value of its Go type, or empty: null,
 * `""`, 0, false, an empty list, or an object whose fields are all zero.
 */
export function isZeroValue(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === 0 || value === false || value === 0n) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.values(value).every(isZeroValue);
}

/** Compares an int64 that a codec returned as a bigint with a number or another bigint. */
function sameInteger(a: unknown, b: unknown): boolean {
  const integer = (value: unknown) => typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
  return integer(a) && integer(b) && BigInt(a as number | bigint) === BigInt(b as number | bigint);
}

/**
 * Compares two decoded objects as Go's semantic equality compares typed ones: key order
 * does not matter, a field set to its zero value equals an absent field, and empty lists
 * and maps equal absent ones. Objects decoded from Go's protobuf carry every zero scalar,
 * and JSON from the same client leaves them out, so a plain comparison would differ.
 * NOTE: Go distinguishes a nil pointer from a pointer to a zero value (an unset
 * `replicas` from `replicas: 0`), and this does not.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZeroValue(a) && isZeroValue(b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (typeof a === "bigint" || typeof b === "bigint") return sameInteger(a, b);
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
  return true;
}
