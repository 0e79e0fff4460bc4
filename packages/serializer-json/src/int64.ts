/** The largest int64 value, 2^63 - 1. */
export const MAX_INT64 = 9223372036854775807n;
/** The smallest int64 value, -2^63. */
export const MIN_INT64 = -9223372036854775808n;

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const minSafe = -maxSafe;

/**
 * Converts the text of a JSON integer (an optional `-` and digits, no fraction or exponent)
 * to its value as Go's Unstructured decoding keeps it. The result is a `number` within
 * ±(2^53 − 1) and a `bigint` for the rest of the int64 range. Beyond int64 it is a float
 * `number`, because Go falls back to float64 when the integer does not fit in int64.
 */
export function integerValue(text: string): number | bigint {
  // Up to 15 digits always fit in a double exactly.
  if (text.length <= 15) return Number(text);
  const value = BigInt(text);
  if (value >= minSafe && value <= maxSafe) return Number(value);
  if (value >= MIN_INT64 && value <= MAX_INT64) return value;
  return Number(text);
}

/** Reports whether `value` is a bigint within the int64 range. */
export function isInt64(value: bigint): boolean {
  return value >= MIN_INT64 && value <= MAX_INT64;
}
