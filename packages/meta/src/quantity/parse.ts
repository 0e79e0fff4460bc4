import { describeValue } from "../input-checks.js";
import { StatusError } from "../status-error.js";
import type { ParsedQuantity, QuantityFormat } from "./types.js";

/** The message of a quantity that does not match the quantity grammar (Go's `ErrFormatWrong`). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** The message of a quantity whose number part cannot be read (Go's `ErrNumeric`). */
export const QUANTITY_NUMERIC_ERROR = "unable to parse numeric part of quantity";
/** The message of a quantity with an unknown suffix (Go's `ErrSuffix`). */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const maxInt64 = (1n << 63n) - 1n;
/** The smallest scale that a parsed quantity keeps: nano (10^-9); finer values round up. */
const nanoScale = -9;
const suffixCharacters = "eEinumkKMGTP";

interface Scanned {
  positive: boolean;
  /** The sign and number without the suffix, as written. */
  value: string;
  /** The integer digits without leading zeros; `"0"` when there are none. */
  num: string;
  /** The fraction digits. */
  denom: string;
  suffix: string;
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= "0" && char <= "9";

function formatError(text: string): StatusError {
  return StatusError.badRequest(`invalid quantity ${JSON.stringify(text)}: ${QUANTITY_FORMAT_ERROR}`);
}

/** Splits a quantity into sign, integer digits, fraction digits and suffix, in the manner of Go's scanner. */
function scan(text: string): Scanned {
  const end = text.length;
  let position = 0;
  let positive = true;
  if (text[0] === "-" || text[0] === "+") {
    positive = text[0] === "+";
    position = 1;
  }
  while (position < end && text[position] === "0") position++;
  if (position >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };

  const numStart = position;
  while (position < end && isDigit(text[position])) position++;
  const num = text.slice(numStart, position) || "0";
  if (position >= end) return { positive, value: text, num, denom: "", suffix: "" };

  let denom = "";
  if (text[position] === ".") {
    position++;
    const denomStart = position;
    while (position < end && isDigit(text[position])) position++;
    denom = text.slice(denomStart, position);
    if (position >= end) return { positive, value: text, num, denom, suffix: "" };
  }
  const value = text.slice(0, position);

  const suffixStart = position;
  while (position < end && suffixCharacters.includes(text[position]!)) position++;
  if (position < end && (text[position] === "-" || text[position] === "+")) position++;
  while (position < end && isDigit(text[position])) position++;
  if (position < end) throw formatError(text);
  return { positive, value, num, denom, suffix: text.slice(suffixStart) };
}

const fixedSuffixes: ReadonlyMap<string, Suffix> = new Map([
  ["", { base: 10, exponent: 0, format: "DecimalSI" }],
  ["n", { base: 10, exponent: -9, format: "DecimalSI" }],
  ["u", { base: 10, exponent: -6, format: "DecimalSI" }],
  ["m", { base: 10, exponent: -3, format: "DecimalSI" }],
  ["k", { base: 10, exponent: 3, format: "DecimalSI" }],
  ["M", { base: 10, exponent: 6, format: "DecimalSI" }],
  ["G", { base: 10, exponent: 9, format: "DecimalSI" }],
  ["T", { base: 10, exponent: 12, format: "DecimalSI" }],
  ["P", { base: 10, exponent: 15, format: "DecimalSI" }],
  ["E", { base: 10, exponent: 18, format: "DecimalSI" }],
  ["Ki", { base: 2, exponent: 10, format: "BinarySI" }],
  ["Mi", { base: 2, exponent: 20, format: "BinarySI" }],
  ["Gi", { base: 2, exponent: 30, format: "BinarySI" }],
  ["Ti", { base: 2, exponent: 40, format: "BinarySI" }],
  ["Pi", { base: 2, exponent: 50, format: "BinarySI" }],
  ["Ei", { base: 2, exponent: 60, format: "BinarySI" }],
]);

const int64Pattern = /^[+-]?\d+$/;

/**
 * Reads a suffix. A decimal exponent (`e3`, `E-3`, `e+6`) is read as an int64 and then
 * truncated to 32 bits, which is what Go's `int32(parsed)` conversion does.
 */
function interpretSuffix(suffix: string): Suffix | undefined {
  const fixed = fixedSuffixes.get(suffix);
  if (fixed) return fixed;
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const digits = suffix.slice(1);
    if (!int64Pattern.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > maxInt64 || parsed < -maxInt64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: "DecimalExponent" };
  }
  return undefined;
}

/** Go's fast path: a value that fits an int64 at a scale of at least nano, kept exactly. */
function parseFast(text: string, scanned: Scanned, suffix: Suffix): ParsedQuantity | undefined {
  const { num, denom, positive } = scanned;
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (suffix.format === "BinarySI") {
    if (denom.length !== 0) return undefined;
    mantissa = 1n << BigInt(suffix.exponent);
    precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  } else {
    scale = suffix.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision < 0) return undefined;
  scale = (scale - denom.length) | 0;
  if (scale < nanoScale) return undefined;

  const shifted = num + denom;
  const digits = BigInt(shifted);
  const product = digits * mantissa;
  if (product > maxInt64) return undefined;
  const unscaled = positive ? product : -product;
  const keepsText =
    suffix.format === "BinarySI"
      ? (digits & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
  return keepsText ? { unscaled, scale, format: suffix.format, text } : { unscaled, scale, format: suffix.format };
}

const decimalPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** Number of decimal digits of a non-negative bigint. */
function digitCount(value: bigint): number {
  return value.toString().length;
}

/** Go's exact path for every other value: rounds up to nano and caps BinarySI at 2^63-1. */
function parseExact(text: string, scanned: Scanned, suffix: Suffix): ParsedQuantity {
  if (!decimalPattern.test(scanned.value)) {
    throw StatusError.badRequest(`invalid quantity ${JSON.stringify(text)}: ${QUANTITY_NUMERIC_ERROR}`);
  }
  const unsigned = scanned.value.replace(/^[+-]/, "");
  const point = unsigned.indexOf(".");
  const fraction = point === -1 ? "" : unsigned.slice(point + 1);
  let magnitude = BigInt((point === -1 ? unsigned : unsigned.slice(0, point) + fraction) || "0");
  // The decimal's scale is an int32 in Go (value = unscaled * 10^-decimalScale); adding the
  // exponent wraps on overflow, and this keeps the same arithmetic.
  let decimalScale = fraction.length | 0;
  if (suffix.base === 10) {
    decimalScale = (decimalScale + (-suffix.exponent | 0)) | 0;
  } else {
    magnitude <<= BigInt(suffix.exponent);
  }
  let scale = -decimalScale;
  const negative = !scanned.positive && magnitude !== 0n;

  if (magnitude !== 0n && scale < nanoScale) {
    const shift = nanoScale - scale;
    if (shift > digitCount(magnitude)) {
      magnitude = 1n;
    } else {
      const divisor = 10n ** BigInt(shift);
      const quotient = magnitude / divisor;
      magnitude = magnitude % divisor === 0n ? quotient : quotient + 1n;
    }
    scale = nanoScale;
  }

  let format = suffix.format;
  if (format === "BinarySI") {
    const exceedsInt64 = scale >= 0 ? magnitude * 10n ** BigInt(scale) > maxInt64 : magnitude > maxInt64 * 10n ** BigInt(-scale);
    if (exceedsInt64) {
      magnitude = maxInt64;
      scale = 0;
    } else if (magnitude !== 0n && scale < 0 && magnitude < 10n ** BigInt(-scale)) {
      format = "DecimalSI";
    }
  }
  return { unscaled: negative ? -magnitude : magnitude, scale, format };
}

/**
 * Parses a quantity string as Go's `resource.ParseQuantity` does.
 *
 * Grammar:
 * ```
 * quantity        ::= signedNumber suffix
 * signedNumber    ::= [ "+" | "-" ] number
 * number          ::= digits | digits "." [ digits ] | "." digits
 * suffix          ::= binarySI | decimalExponent | decimalSI
 * binarySI        ::= "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
 * decimalSI       ::= "n" | "u" | "m" | "" | "k" | "M" | "G" | "T" | "P" | "E"
 * decimalExponent ::= ( "e" | "E" ) [ "+" | "-" ] digits
 * ```
 * Go's scanner is more lenient than this grammar, and so is this parser: a number may be
 * empty (`Ki`, `+` and `.` parse as zero, `1.` as one) and leading zeros are allowed.
 * Values finer than 1n round up (away from zero) to the next nano; BinarySI values above
 * 2^63-1 are capped there. Whitespace anywhere is rejected.
 *
 * When Go would keep the input as the quantity's string form (a value it reads exactly whose
 * digits need no rescaling), the result carries it in `text`, so {@link formatQuantity}
 * returns the input unchanged, as Go's `String()` does (`1.500` stays `1.500`, `+1` stays `+1`).
 *
 * @throws StatusError (BadRequest) naming the input, with Go's reason: the format, the
 * numeric part or the suffix.
 */
export function parseQuantity(input: string | number): ParsedQuantity {
  if (typeof input !== "string" && typeof input !== "number") {
    throw StatusError.badRequest(`invalid quantity ${describeValue(input)}: expected a string or a number`);
  }
  const text = typeof input === "number" ? numberText(input) : input;
  if (text.length === 0) throw formatError(text);
  if (text === "0") return { unscaled: 0n, scale: 0, format: "DecimalSI", text: "0" };
  const scanned = scan(text);
  const suffix = interpretSuffix(scanned.suffix);
  if (suffix === undefined) {
    throw StatusError.badRequest(`invalid quantity ${JSON.stringify(text)}: ${QUANTITY_SUFFIX_ERROR}`);
  }
  return parseFast(text, scanned, suffix) ?? parseExact(text, scanned, suffix);
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) {
    throw StatusError.badRequest(`invalid quantity ${String(value)}: ${QUANTITY_FORMAT_ERROR}`);
  }
  return String(value);
}

/**
 * Parses a quantity as Go's JSON decoder reads it: a string with surrounding whitespace
 * removed, or a JSON number read through its decimal text. The kept spelling (see
 * {@link parseQuantity}) is the trimmed string, so ` 100m ` prints as `100m`.
 *
 * @throws StatusError (BadRequest) as {@link parseQuantity} does.
 */
export function parseQuantityJSON(value: string | number): ParsedQuantity {
  return parseQuantity(typeof value === "string" ? value.trim() : value);
}
