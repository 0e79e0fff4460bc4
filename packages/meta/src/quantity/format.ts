import type { ParsedQuantity, QuantityFormat } from "./types.js";

const decimalSuffixes: ReadonlyMap<number, string> = new Map([
  [-9, "n"],
  [-6, "u"],
  [-3, "m"],
  [0, ""],
  [3, "k"],
  [6, "M"],
  [9, "G"],
  [12, "T"],
  [15, "P"],
  [18, "E"],
]);

/** BinarySI suffixes by power of 1024; the power 0 has no suffix. */
const binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/** Moves the factors of `factor` out of `value`; returns the rest and how many were removed. */
function removeFactors(value: bigint, factor: bigint): { rest: bigint; times: number } {
  let rest = value;
  let times = 0;
  while (rest !== 0n && rest % factor === 0n) {
    rest /= factor;
    times++;
  }
  return { rest, times };
}

/** Returns the integer value when the quantity has no fraction, else `undefined`. */
function integerValue(q: ParsedQuantity): bigint | undefined {
  if (q.scale >= 0) return q.unscaled * 10n ** BigInt(q.scale);
  const divisor = 10n ** BigInt(-q.scale);
  return q.unscaled % divisor === 0n ? q.unscaled / divisor : undefined;
}

/** Reports whether `-1024 < q < 1024`, without expanding a large scale. */
function isBelow1024(q: ParsedQuantity): boolean {
  const magnitude = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  if (q.scale >= 4) return false;
  if (q.scale >= 0) return magnitude * 10n ** BigInt(q.scale) < 1024n;
  return magnitude < 1024n * 10n ** BigInt(-q.scale);
}

function formatDecimal(q: ParsedQuantity, format: QuantityFormat): string {
  const { rest, times } = removeFactors(q.unscaled, 10n);
  let amount = rest;
  let exponent = q.scale + times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === "DecimalExponent") return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  // NOTE: Go has no DecimalSI suffix beyond E (10^18), so Go writes larger values without
  // their exponent (1000E prints as 1). This matches Go, although the text then loses the value.
  return `${amount}${decimalSuffixes.get(exponent) ?? ""}`;
}

/**
 * Returns the canonical form of a quantity, as Go's `CanonicalizeBytes` computes it: no
 * fraction digits, the largest suffix of the quantity's format that keeps every digit, and
 * a sign only when negative. BinarySI values between -1024 and 1024 or with a fraction
 * are written as DecimalSI.
 */
export function canonicalizeQuantity(q: ParsedQuantity): string {
  if (q.unscaled === 0n) return "0";
  let format = q.format;
  let integer: bigint | undefined;
  if (format === "BinarySI") {
    integer = isBelow1024(q) ? undefined : integerValue(q);
    if (integer === undefined) format = "DecimalSI";
  }
  if (integer === undefined) return formatDecimal(q, format);

  const negative = integer < 0n;
  const { rest, times } = removeFactors(negative ? -integer : integer, 1024n);
  // NOTE: past Ei (1024^6) Go finds no suffix and writes the bare number, as this does.
  return `${negative ? "-" : ""}${rest}${binarySuffixes[times] ?? ""}`;
}

/**
 * Formats a quantity as Go's `Quantity.String()` and JSON encoding do: the input string
 * when parsing kept it (see {@link ParsedQuantity.text}), otherwise the canonical form.
 */
export function formatQuantity(q: ParsedQuantity): string {
  return q.text ?? canonicalizeQuantity(q);
}
