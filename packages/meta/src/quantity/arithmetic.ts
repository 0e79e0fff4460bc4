import { StatusError } from "../status-error.js";
import { formatQuantity } from "./format.js";
import { parseQuantity } from "./parse.js";
import type { ParsedQuantity, QuantityFormat, Quantity } from "./types.js";

/**
 * The largest difference of scales that arithmetic expands. Quantities such as `1e2000000000`
 * parse and print, but adding one to `1` would need two billion digits, so that is rejected.
 */
export const MAX_QUANTITY_SCALE_SPREAD = 10_000;

/** A quantity as the helpers accept it: its string (or JSON number) form, or a parsed value. */
export type QuantityInput = Quantity | number | ParsedQuantity;

/** Parses the input unless it is already a parsed quantity. */
export function toParsedQuantity(input: QuantityInput): ParsedQuantity {
  if (typeof input === "object" && input !== null && typeof input.unscaled === "bigint") return input;
  return parseQuantity(input as Quantity | number);
}

function pow10(exponent: number, context: () => string): bigint {
  if (exponent > MAX_QUANTITY_SCALE_SPREAD) {
    throw StatusError.badRequest(`quantity arithmetic on ${context()} needs more than ${MAX_QUANTITY_SCALE_SPREAD} digits`);
  }
  return 10n ** BigInt(exponent);
}

/** Rescales two quantities to their common (smaller) scale. */
function align(a: ParsedQuantity, b: ParsedQuantity): { x: bigint; y: bigint; scale: number } {
  const context = (): string => `${formatQuantity(a)} and ${formatQuantity(b)}`;
  if (a.scale === b.scale) return { x: a.unscaled, y: b.unscaled, scale: a.scale };
  if (a.scale > b.scale) return { x: a.unscaled * pow10(a.scale - b.scale, context), y: b.unscaled, scale: b.scale };
  return { x: a.unscaled, y: b.unscaled * pow10(b.scale - a.scale, context), scale: a.scale };
}

/** Returns -1, 0 or 1 as the sign of the quantity. */
export function quantitySign(input: QuantityInput): -1 | 0 | 1 {
  const { unscaled } = toParsedQuantity(input);
  if (unscaled === 0n) return 0;
  return unscaled < 0n ? -1 : 1;
}

/** Reports whether the quantity is zero. */
export function isZeroQuantity(input: QuantityInput): boolean {
  return toParsedQuantity(input).unscaled === 0n;
}

/** Returns the position of the leading digit, the least `order` with `magnitude < 10^order`, for a non-zero value. */
function order(q: ParsedQuantity): number {
  const magnitude = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  return magnitude.toString().length + q.scale;
}

/**
 * Compares two quantities by value: -1 when `a < b`, 0 when equal, 1 when `a > b`. The
 * format does not matter (`1Ki` equals `1024`). Values of very different size are
 * compared by their leading digit, so no scale is too large.
 */
export function compareQuantities(a: QuantityInput, b: QuantityInput): -1 | 0 | 1 {
  const x = toParsedQuantity(a);
  const y = toParsedQuantity(b);
  const signX = quantitySign(x);
  const signY = quantitySign(y);
  if (signX !== signY) return signX < signY ? -1 : 1;
  if (signX === 0) return 0;
  const orderX = order(x);
  const orderY = order(y);
  if (orderX !== orderY) return (orderX < orderY) === (signX > 0) ? -1 : 1;
  const { x: left, y: right } = align(x, y);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Reports whether two quantities have the same value. */
export function equalQuantities(a: QuantityInput, b: QuantityInput): boolean {
  return compareQuantities(a, b) === 0;
}

/**
 * Adds two quantities exactly. The result keeps the format of `a`, or of `b` when `a` is
 * zero, as Go's `Add` does.
 */
export function addQuantities(a: QuantityInput, b: QuantityInput): ParsedQuantity {
  const x = toParsedQuantity(a);
  const y = toParsedQuantity(b);
  const format = x.unscaled === 0n ? y.format : x.format;
  if (y.unscaled === 0n) return { unscaled: x.unscaled, scale: x.scale, format };
  if (x.unscaled === 0n) return { unscaled: y.unscaled, scale: y.scale, format };
  const aligned = align(x, y);
  return { unscaled: aligned.x + aligned.y, scale: aligned.scale, format };
}

/** Subtracts `b` from `a` exactly; the format rule is that of {@link addQuantities}. */
export function subtractQuantities(a: QuantityInput, b: QuantityInput): ParsedQuantity {
  const y = toParsedQuantity(b);
  return addQuantities(a, { unscaled: -y.unscaled, scale: y.scale, format: y.format });
}

/** Returns the quantity with its sign flipped, in the same format. */
export function negateQuantity(input: QuantityInput): ParsedQuantity {
  const q = toParsedQuantity(input);
  return { unscaled: -q.unscaled, scale: q.scale, format: q.format };
}

/** Multiplies a quantity by an integer exactly, keeping its format. */
export function multiplyQuantity(input: QuantityInput, factor: bigint | number): ParsedQuantity {
  const q = toParsedQuantity(input);
  if (typeof factor === "number" && !Number.isSafeInteger(factor)) {
    throw StatusError.badRequest(`invalid quantity factor ${factor}: expected an integer`);
  }
  return { unscaled: q.unscaled * BigInt(factor), scale: q.scale, format: q.format };
}

/**
 * Returns the value of the quantity at `10^scale` units, rounded up away from zero:
 * `scaledValue("1", -3)` is 1000 and `scaledValue("1.5", 0)` is 2. The result is exact
 * where Go's int64 would overflow.
 */
export function quantityScaledValue(input: QuantityInput, scale: number): bigint {
  const q = toParsedQuantity(input);
  const context = (): string => formatQuantity(q);
  if (q.scale >= scale) return q.unscaled * pow10(q.scale - scale, context);
  const shift = scale - q.scale;
  const magnitude = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  let rounded: bigint;
  if (shift > magnitude.toString().length) {
    rounded = magnitude === 0n ? 0n : 1n;
  } else {
    const divisor = 10n ** BigInt(shift);
    rounded = magnitude / divisor + (magnitude % divisor === 0n ? 0n : 1n);
  }
  return q.unscaled < 0n ? -rounded : rounded;
}

/** Returns the value of the quantity in whole units, rounded up away from zero (Go's `Value()`). */
export function quantityValue(input: QuantityInput): bigint {
  return quantityScaledValue(input, 0);
}

/** Returns the value of the quantity in thousandths, rounded up away from zero (Go's `MilliValue()`). */
export function quantityMilliValue(input: QuantityInput): bigint {
  return quantityScaledValue(input, -3);
}

/** Builds a quantity of `value` whole units in the given format (Go's `NewQuantity`). */
export function newQuantity(value: bigint | number, format: QuantityFormat = "DecimalSI"): ParsedQuantity {
  return newScaledQuantity(value, 0, format);
}

/** Builds a quantity of `value` thousandths (Go's `NewMilliQuantity`). */
export function newMilliQuantity(value: bigint | number, format: QuantityFormat = "DecimalSI"): ParsedQuantity {
  return newScaledQuantity(value, -3, format);
}

/** Builds a quantity of `value × 10^scale` (Go's `NewScaledQuantity`, with a choice of format). */
export function newScaledQuantity(value: bigint | number, scale: number, format: QuantityFormat = "DecimalSI"): ParsedQuantity {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw StatusError.badRequest(`invalid quantity value ${value}: expected an integer`);
  }
  if (!Number.isSafeInteger(scale)) {
    throw StatusError.badRequest(`invalid quantity scale ${scale}: expected an integer`);
  }
  return { unscaled: BigInt(value), scale, format };
}

/** Parses a quantity and returns the string that Go's `String()` gives for it. */
export function normalizeQuantity(input: QuantityInput): Quantity {
  return formatQuantity(toParsedQuantity(input));
}
