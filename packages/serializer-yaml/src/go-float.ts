/**
 * Go's `strconv.FormatFloat(v, 'g', -1, bits)`, which go-yaml v2 writes floats with and
 * sigs.k8s.io/yaml turns float map keys into strings with.
 */

/** Splits the shortest decimal form of `value` into its digits and decimal exponent. */
function shortestDigits(value: number, bits: 32 | 64): { digits: string; exponent: number } {
  let text = value.toExponential();
  if (bits === 32) {
    const single = Math.fround(value);
    for (let precision = 1; precision <= 9; precision++) {
      text = single.toExponential(precision - 1);
      if (Math.fround(Number(text)) === single) break;
    }
  }
  const [mantissa = "0", exponent = "0"] = text.split("e");
  return { digits: mantissa.replace(".", "").replace(/0+$/, "") || "0", exponent: Number(exponent) };
}

/**
 * Formats a finite, non-zero-or-zero `value` as Go's shortest `%g`: exponent notation when
 * the decimal exponent is below -4 or at least 6 ("1e+06", "1.5e-05"), plain digits otherwise.
 */
export function formatGoFloat(value: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(value)) return ".nan";
  if (bits === 32 && !Number.isFinite(Math.fround(value))) return value > 0 ? ".inf" : "-.inf";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const sign = value < 0 ? "-" : "";
  const { digits, exponent } = shortestDigits(Math.abs(value), bits);
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  const pointAt = exponent + 1;
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${"0".repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
