import { StatusError } from "./status-error.js";

/**
 * A value that is an integer or a string, such as a port (`8080` or `"http"`) or a
 * percentage (`"25%"`). Objects carry the JSON value as it is.
 */
export type IntOrString = number | string;

const maxInt64 = (1n << 63n) - 1n;
const atoiPattern = /^[+-]?\d+$/;

/** Parses a base-10 integer as Go's `strconv.Atoi` does; `undefined` when invalid or outside int64. */
function atoi(text: string): number | undefined {
  if (!atoiPattern.test(text)) return undefined;
  const value = BigInt(text);
  if (value > maxInt64 || value < -maxInt64 - 1n) return undefined;
  return Number(value);
}

/**
 * Returns the integer value of an IntOrString, as Go's `IntValue()` does: a number as it
 * is, a string parsed as a base-10 integer, or 0 when the string is not one.
 */
export function intOrStringValue(value: IntOrString): number {
  return typeof value === "number" ? value : (atoi(value) ?? 0);
}

/** Formats an IntOrString as Go's `String()` does: the string, or the number in base 10. */
export function intOrStringToString(value: IntOrString): string {
  return typeof value === "number" ? String(value) : value;
}

/** Reads an IntOrString as an integer or a percentage (`"25%"`); rejects any other string. */
function intOrPercent(value: IntOrString): { value: number; percent: boolean } {
  if (typeof value === "number") return { value, percent: false };
  if (!value.endsWith("%")) {
    throw StatusError.badRequest(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const parsed = atoi(value.slice(0, -1));
  if (parsed === undefined) {
    throw StatusError.badRequest(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}: expected an integer percentage such as "25%"`);
  }
  return { value: parsed, percent: true };
}

/**
 * Scales an integer or percentage against a total, as Go's `GetScaledValueFromIntOrPercent`
 * does: an integer is returned as it is; a percentage is `value * total / 100`, rounded up
 * (`Math.ceil`) when `roundUp` is true and down (`Math.floor`) otherwise, in float64.
 *
 * @throws StatusError (BadRequest) for a string that is not an integer followed by `%`.
 */
export function getScaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) throw StatusError.badRequest("nil value for IntOrString");
  const read = intOrPercent(value);
  if (!read.percent) return read.value;
  const scaled = (read.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Reports whether an IntOrString is a percentage string such as `"25%"`. */
export function isPercent(value: IntOrString): boolean {
  return typeof value === "string" && value.endsWith("%") && atoi(value.slice(0, -1)) !== undefined;
}
