import { WireError } from "./errors.js";

/*
 * Go's time.Duration text form, as meta/v1 Duration uses it in JSON: `1h2m3.5s`, `1.5ms`,
 * `300µs`, `0s`. The grammar that `parseDuration` accepts:
 *
 *   duration = [ "-" | "+" ] ( "0" | component { component } )
 *   component = ( digits [ "." [ digits ] ] | "." digits ) unit
 *   unit = "ns" | "us" | "µs" (U+00B5) | "μs" (U+03BC) | "ms" | "s" | "m" | "h"
 */

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n,
  "\u03bcs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;

/** Writes `value` with `precision` fraction digits, trailing zeros and a bare point removed. */
function fraction(value: bigint, precision: number): string {
  const digits = value.toString().padStart(precision, "0").replace(/0+$/, "");
  return digits === "" ? "" : `.${digits}`;
}

/** Formats int64 nanoseconds as Go's `time.Duration.String` does. */
export function formatDuration(nanoseconds: number | bigint): string {
  const value = BigInt(nanoseconds);
  const negative = value < 0n;
  const u = negative ? -value : value;
  let text: string;
  if (u === 0n) return "0s";
  if (u < 1_000n) text = `${u}ns`;
  else if (u < 1_000_000n) text = `${u / 1_000n}${fraction(u % 1_000n, 3)}\u00b5s`;
  else if (u < 1_000_000_000n) text = `${u / 1_000_000n}${fraction(u % 1_000_000n, 6)}ms`;
  else {
    const seconds = u / 1_000_000_000n;
    text = `${seconds % 60n}${fraction(u % 1_000_000_000n, 9)}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      text = `${minutes % 60n}m${text}`;
      const hours = minutes / 60n;
      if (hours > 0n) text = `${hours}h${text}`;
    }
  }
  return negative ? `-${text}` : text;
}

const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]+)/;

/** Parses a Go duration string into int64 nanoseconds, as Go's `time.ParseDuration` does. */
export function parseDuration(text: string): bigint {
  const invalid = (why: string): WireError => new WireError(`invalid duration ${JSON.stringify(text)}: ${why}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") throw invalid("empty");
  let total = 0n;
  while (rest !== "") {
    const match = COMPONENT.exec(rest);
    if (match === null) throw invalid("expected a number followed by a unit");
    const [whole, integer = "", fractionDigits, unitText = ""] = match;
    if (integer === "" && (fractionDigits === undefined || fractionDigits === "")) throw invalid("expected a number");
    const unit = NANOS_PER_UNIT[unitText];
    if (unit === undefined) throw invalid(`unknown unit ${JSON.stringify(unitText)}`);
    let nanos = BigInt(integer || "0") * unit;
    if (fractionDigits) nanos += (BigInt(fractionDigits) * unit) / 10n ** BigInt(fractionDigits.length);
    total += nanos;
    if (total > MAX_INT64 + (negative ? 1n : 0n)) throw invalid("overflows int64 nanoseconds");
    rest = rest.slice(whole.length);
  }
  return negative ? -total : total;
}
