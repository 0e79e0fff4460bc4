import { requireString } from "./input-checks.js";
import { StatusError } from "./status-error.js";

/**
 * A span of time written as Go's `time.Duration` prints it: `1h0m0s`, `1.5s`, `300ms`.
 * Objects keep the string; {@link parseDuration} and {@link formatDuration} convert it.
 */
export type Duration = string;

const nanosecond = 1n;
const microsecond = 1000n * nanosecond;
const millisecond = 1000n * microsecond;
const second = 1000n * millisecond;
const minute = 60n * second;
const hour = 60n * minute;

const maxMagnitude = 1n << 63n;
const maxInt64 = maxMagnitude - 1n;

/** The units that Go's `time.ParseDuration` accepts, in nanoseconds. */
const units: ReadonlyMap<string, bigint> = new Map([
  ["ns", nanosecond],
  ["us", microsecond],
  ["\u00b5s", microsecond],
  ["\u03bcs", microsecond],
  ["ms", millisecond],
  ["s", second],
  ["m", minute],
  ["h", hour],
]);

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

/** Reads leading decimal digits; `undefined` when the integer exceeds 2^63. */
function leadingInt(text: string, start: number): { value: bigint; end: number } | undefined {
  let value = 0n;
  let end = start;
  while (isDigit(text[end])) {
    value = value * 10n + BigInt(text.charCodeAt(end) - 48);
    if (value > maxMagnitude) return undefined;
    end++;
  }
  return { value, end };
}

/** Reads fraction digits, keeping as many as fit in an int64, as Go does. */
function leadingFraction(text: string, start: number): { value: bigint; scale: number; end: number } {
  let value = 0n;
  let scale = 1;
  let overflow = false;
  let end = start;
  while (isDigit(text[end])) {
    if (!overflow) {
      const next = value * 10n + BigInt(text.charCodeAt(end) - 48);
      if (value > maxInt64 / 10n || next > maxMagnitude) {
        overflow = true;
      } else {
        value = next;
        scale *= 10;
      }
    }
    end++;
  }
  return { value, scale, end };
}

/**
 * Parses a Go duration string into nanoseconds.
 *
 * Grammar (Go's `time.ParseDuration`):
 * ```
 * duration ::= [ "-" | "+" ] ( "0" | term { term } )
 * term     ::= number unit
 * number   ::= digits [ "." [ digits ] ] | "." digits
 * unit     ::= "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h"
 * ```
 * The result must fit in an int64 (about ±292 years).
 *
 * @throws StatusError (BadRequest) with Go's message meaning: invalid duration, missing
 * unit, or unknown unit.
 */
export function parseDuration(input: string): bigint {
  const text = requireString(input, "duration");
  const quoted = JSON.stringify(text);
  const invalid = (): StatusError => StatusError.badRequest(`time: invalid duration ${quoted}`);
  let position = 0;
  let negative = false;
  if (text[0] === "-" || text[0] === "+") {
    negative = text[0] === "-";
    position = 1;
  }
  if (text.slice(position) === "0") return 0n;
  if (position === text.length) throw invalid();

  let total = 0n;
  while (position < text.length) {
    if (!(text[position] === "." || isDigit(text[position]))) throw invalid();
    const integer = leadingInt(text, position);
    if (integer === undefined) throw invalid();
    const hasInteger = integer.end !== position;
    position = integer.end;

    let fraction = { value: 0n, scale: 1, end: position };
    let hasFraction = false;
    if (text[position] === ".") {
      fraction = leadingFraction(text, position + 1);
      hasFraction = fraction.end !== position + 1;
      position = fraction.end;
    }
    if (!hasInteger && !hasFraction) throw invalid();

    let unitEnd = position;
    while (unitEnd < text.length && !(text[unitEnd] === "." || isDigit(text[unitEnd]))) unitEnd++;
    if (unitEnd === position) throw StatusError.badRequest(`time: missing unit in duration ${quoted}`);
    const unitName = text.slice(position, unitEnd);
    const unit = units.get(unitName);
    if (unit === undefined) throw StatusError.badRequest(`time: unknown unit ${JSON.stringify(unitName)} in duration ${quoted}`);
    position = unitEnd;

    if (integer.value > maxMagnitude / unit) throw invalid();
    let term = integer.value * unit;
    if (fraction.value > 0n) {
      // Go adds the fraction through float64 arithmetic, so this does the same to agree to the nanosecond.
      term += BigInt(Math.trunc(Number(fraction.value) * (Number(unit) / fraction.scale)));
      if (term > maxMagnitude) throw invalid();
    }
    total += term;
    if (total > maxMagnitude) throw invalid();
  }
  if (negative) return -total;
  if (total > maxInt64) throw invalid();
  return total;
}

/** Writes `value / 10^precision`'s fraction digits without trailing zeros; returns the digits and the integer part. */
function splitFraction(value: bigint, precision: number): { fraction: string; integer: bigint } {
  let digits = "";
  let rest = value;
  let printing = false;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printing = printing || digit !== 0n;
    if (printing) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return { fraction: digits === "" ? "" : `.${digits}`, integer: rest };
}

/**
 * Formats nanoseconds as Go's `time.Duration.String()` does: `0s`, `1.5µs`, `300ms`,
 * `1.5s`, `1m30s`, `1h0m0s`, `-2m3s`. Below one second it uses the largest unit of ns, µs
 * (U+00B5) or ms; from one second up it writes hours, minutes and seconds.
 *
 * @throws StatusError (BadRequest) for a value outside the int64 range or a non-integer number.
 */
export function formatDuration(nanoseconds: bigint | number): Duration {
  if (typeof nanoseconds === "number" && !Number.isSafeInteger(nanoseconds)) {
    throw StatusError.badRequest(`invalid duration: ${nanoseconds} is not an integer number of nanoseconds`);
  }
  const value = BigInt(nanoseconds);
  if (value > maxInt64 || value < -maxMagnitude) {
    throw StatusError.badRequest(`invalid duration: ${value} nanoseconds is outside the int64 range`);
  }
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let text: string;
  if (magnitude === 0n) {
    return "0s";
  } else if (magnitude < second) {
    const [precision, unit] = magnitude < microsecond ? [0, "ns"] : magnitude < millisecond ? [3, "\u00b5s"] : [6, "ms"];
    const { fraction, integer } = splitFraction(magnitude, precision);
    text = `${integer}${fraction}${unit}`;
  } else {
    const { fraction, integer: seconds } = splitFraction(magnitude, 9);
    const minutes = seconds / 60n;
    text = `${seconds % 60n}${fraction}s`;
    if (minutes > 0n) {
      const hours = minutes / 60n;
      text = `${minutes % 60n}m${text}`;
      if (hours > 0n) text = `${hours}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}
