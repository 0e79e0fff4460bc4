import { StatusError } from "./status-error.js";

/** Describes a value for an error message: its JSON text, or its type when it has none. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/**
 * Checks that a value read from untyped data (decoded JSON or YAML) is a string.
 *
 * @throws StatusError (BadRequest) naming `what` and the value otherwise.
 */
export function requireString(value: unknown, what: string): string {
  if (typeof value === "string") return value;
  throw StatusError.badRequest(`invalid ${what}: expected a string, got ${describeValue(value)}`);
}

/** Checks that a value is an array of strings, as {@link requireString} checks one string. */
export function requireStringArray(value: unknown, what: string): string[] {
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  throw StatusError.badRequest(`invalid ${what}: expected an array of strings, got ${describeValue(value)}`);
}

/** Checks that a value is a map of strings to strings, such as `labels` or `matchLabels`. */
export function requireStringMap(value: unknown, what: string): Record<string, string> {
  const isMap =
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string");
  if (isMap) return value as Record<string, string>;
  throw StatusError.badRequest(`invalid ${what}: expected a map of strings, got ${describeValue(value)}`);
}
