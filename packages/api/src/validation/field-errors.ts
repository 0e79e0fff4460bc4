import type { StatusCause } from "@apimachinery/meta";

/**
 * Field causes worded as the bodies of Go's `field.Error` (k8s.io/apimachinery
 * `util/validation/field`): the error type's text, the bad value where the type shows one,
 * then the detail. Paths use Go's form: `spec.containers[0].name`, `data[key]`.
 */

/** Formats a bad value as Go does: strings quoted, numbers and booleans bare, nil as `null`, anything else as JSON. */
export function formatBadValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function withDetail(body: string, detail: string): string {
  return detail === "" ? body : `${body}: ${detail}`;
}

/** Returns a FieldValueInvalid cause: `Invalid value: <value>: <detail>`. */
export function invalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: "FieldValueInvalid", field, message: withDetail(`Invalid value: ${formatBadValue(value)}`, detail) };
}

/** Returns a FieldValueRequired cause: `Required value` with an optional detail. */
export function required(field: string, detail = ""): StatusCause {
  return { reason: "FieldValueRequired", field, message: withDetail("Required value", detail) };
}

/** Returns a FieldValueNotSupported cause that lists the supported values, each quoted. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): StatusCause {
  const detail = supported.length > 0 ? `supported values: ${supported.map((item) => JSON.stringify(item)).join(", ")}` : "";
  return { reason: "FieldValueNotSupported", field, message: withDetail(`Unsupported value: ${formatBadValue(value)}`, detail) };
}

/** Returns a FieldValueDuplicate cause: `Duplicate value: <value>`. */
export function duplicate(field: string, value: unknown): StatusCause {
  return { reason: "FieldValueDuplicate", field, message: `Duplicate value: ${formatBadValue(value)}` };
}

/** Returns a FieldValueForbidden cause: `Forbidden: <detail>`. */
export function forbidden(field: string, detail: string): StatusCause {
  return { reason: "FieldValueForbidden", field, message: withDetail("Forbidden", detail) };
}

/** Returns a FieldValueTooLong cause for a value over `maxBytes`. Like Go's, it leaves the value out. */
export function tooLong(field: string, maxBytes: number): StatusCause {
  return { reason: "FieldValueTooLong", field, message: `Too long: must have at most ${maxBytes} bytes` };
}

/** Returns a FieldValueNotFound cause: `Not found: <value>`. */
export function notFound(field: string, value: unknown): StatusCause {
  return { reason: "FieldValueNotFound", field, message: `Not found: ${formatBadValue(value)}` };
}

/** Go's message for a field that an update may not change. */
export const FIELD_IMMUTABLE = "field is immutable";

/** Go's message for a negative value where zero or more is required. */
export const NEGATIVE_ERROR = "must be greater than or equal to 0";

/** Returns one FieldValueInvalid cause when `value` is negative. */
export function validateNonnegative(value: number | undefined, field: string): StatusCause[] {
  return value !== undefined && value < 0 ? [invalid(field, value, NEGATIVE_ERROR)] : [];
}

/** Returns `path[index]`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Returns `path[key]`, Go's form of a map key in a field path. */
export function keyPath(path: string, key: string): string {
  return `${path}[${key}]`;
}

/** Returns `path.child`, or `child` alone when `path` is empty. */
export function childPath(path: string, ...children: string[]): string {
  return [path, ...children].filter((part) => part !== "").join(".");
}
