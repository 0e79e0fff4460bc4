/**
 * A resource quantity as objects carry it: the string form, such as `500m`, `1Gi` or `1e3`.
 * A JSON number is also accepted by Go's decoder; {@link parseQuantity} reads both.
 */
export type Quantity = string;

/**
 * The notation of a quantity: `DecimalSI` (`12M`, `500m`), `BinarySI` (`12Mi`) or
 * `DecimalExponent` (`12e6`). A parsed quantity keeps the format of its suffix.
 */
export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

/**
 * An exact quantity: `unscaled × 10^scale`, with the format that its string form uses.
 * Plain immutable data; the functions of this module compute with it.
 */
export interface ParsedQuantity {
  readonly unscaled: bigint;
  /** The base-10 exponent; parsing never gives a scale below -9 (nano). */
  readonly scale: number;
  readonly format: QuantityFormat;
  /** The input string, when Go would print the quantity as it was written. */
  readonly text?: string;
}
