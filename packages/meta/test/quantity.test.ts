import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addQuantities,
  canonicalizeQuantity,
  compareQuantities,
  equalQuantities,
  formatQuantity,
  isBadRequest,
  isZeroQuantity,
  multiplyQuantity,
  negateQuantity,
  newMilliQuantity,
  newQuantity,
  newScaledQuantity,
  normalizeQuantity,
  parseQuantity,
  parseQuantityJSON,
  quantityMilliValue,
  quantityScaledValue,
  quantitySign,
  quantityValue,
  subtractQuantities,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  type ParsedQuantity,
  type QuantityFormat,
} from "../src/index.js";

/** Expected output of Go's ParseQuantity followed by String(), recorded from k8s.io/apimachinery. */
const parseCases: Array<[input: string, string: string, format: QuantityFormat]> = [
  ["0", "0", "DecimalSI"],
  ["0n", "0", "DecimalSI"],
  ["0Ki", "0", "BinarySI"],
  ["00", "0", "DecimalSI"],
  ["0.5", "500m", "DecimalSI"],
  [".5", "500m", "DecimalSI"],
  ["1000m", "1", "DecimalSI"],
  ["5000m", "5", "DecimalSI"],
  ["1024Ki", "1Mi", "BinarySI"],
  ["2048Ki", "2Mi", "BinarySI"],
  ["307200Ki", "300Mi", "BinarySI"],
  ["1025024Mi", "1001Gi", "BinarySI"],
  ["100Mi", "100Mi", "BinarySI"],
  ["300Mi", "300Mi", "BinarySI"],
  ["1Ti", "1Ti", "BinarySI"],
  ["1023Ki", "1023Ki", "BinarySI"],
  ["1.5Gi", "1536Mi", "BinarySI"],
  ["0.5Mi", "512Ki", "BinarySI"],
  ["0.5Ki", "512", "BinarySI"],
  ["1.5Ki", "1536", "BinarySI"],
  ["100.035Ki", "102435840m", "BinarySI"],
  ["0.05Gi", "53687091200m", "BinarySI"],
  ["1.000000001Ki", "1024000001024n", "BinarySI"],
  ["0.000000000001Ki", "2n", "DecimalSI"],
  ["1.5", "1500m", "DecimalSI"],
  ["1.08", "1080m", "DecimalSI"],
  ["1080000000n", "1080m", "DecimalSI"],
  ["1000M", "1G", "DecimalSI"],
  ["0.001T", "1G", "DecimalSI"],
  ["1000000000", "1G", "DecimalSI"],
  ["1000000000000000000", "1E", "DecimalSI"],
  [".001", "1m", "DecimalSI"],
  [".0001k", "100m", "DecimalSI"],
  ["0.1m", "100u", "DecimalSI"],
  ["1025", "1025", "DecimalSI"],
  ["1234567", "1234567", "DecimalSI"],
  ["9223372036854775808", "9223372036854775808", "DecimalSI"],
  ["999999999999999999.1", "999999999999999999100m", "DecimalSI"],
  ["12E", "12E", "DecimalSI"],
  ["10E", "10E", "DecimalSI"],
  ["1e3", "1e3", "DecimalExponent"],
  ["1E6", "1E6", "DecimalExponent"],
  ["12E-3", "12E-3", "DecimalExponent"],
  ["80e-3", "80e-3", "DecimalExponent"],
  ["1.3E+6", "1300e3", "DecimalExponent"],
  [".001e12", "1e9", "DecimalExponent"],
  ["1000e-12", "1e-9", "DecimalExponent"],
  ["5e2147483647", "50e2147483646", "DecimalExponent"],
  ["-1.5Gi", "-1536Mi", "BinarySI"],
  ["-0.5", "-500m", "DecimalSI"],
  ["-1000m", "-1", "DecimalSI"],
];

/** Inputs whose fraction is finer than a nano: Go rounds them up, away from zero. */
const roundingCases: Array<[input: string, string: string]> = [
  ["3.001n", "4n"],
  ["0.9n", "1n"],
  ["-0.9n", "-1n"],
  ["0.0000000001", "1n"],
  ["0.0000000005", "1n"],
  ["0.00000012345", "124n"],
  ["1.1E-9", "2e-9"],
  ["0.5e-9", "1e-9"],
  ["1.5n", "2n"],
];

/** Inputs that Go keeps as written because its exact reading needs no rescaling. */
const keptAsWritten = ["+1", "+1Ki", "01", "1.500", "100.035k", "7.123456M", "1.", "1.G", "1e3", "12E-3", "1Mi", "500m"];

/** Inputs that Go's scanner accepts as zero although the grammar has no number there. */
const lenientZeros: Array<[input: string, format: QuantityFormat]> = [
  ["Ki", "BinarySI"],
  [".", "DecimalSI"],
  ["-", "DecimalSI"],
  ["+", "DecimalSI"],
  ["e3", "DecimalExponent"],
  ["-0", "DecimalSI"],
];

const rejected: Array<[input: string, reason: string]> = [
  ["", QUANTITY_FORMAT_ERROR],
  ["1.1.1", QUANTITY_FORMAT_ERROR],
  ["1.1.M", QUANTITY_FORMAT_ERROR],
  ["1 Ki", QUANTITY_FORMAT_ERROR],
  [" 1", QUANTITY_FORMAT_ERROR],
  ["1 ", QUANTITY_FORMAT_ERROR],
  ["1e3k", QUANTITY_FORMAT_ERROR],
  ["1e3.5", QUANTITY_FORMAT_ERROR],
  ["1+1.0M", QUANTITY_FORMAT_ERROR],
  ["aoeu", QUANTITY_FORMAT_ERROR],
  ["1Kii", QUANTITY_SUFFIX_ERROR],
  ["1ki", QUANTITY_SUFFIX_ERROR],
  ["1K", QUANTITY_SUFFIX_ERROR],
  ["0.1mi", QUANTITY_SUFFIX_ERROR],
  ["0.1am", QUANTITY_FORMAT_ERROR],
  [".5i", QUANTITY_SUFFIX_ERROR],
  ["1i", QUANTITY_SUFFIX_ERROR],
  ["-3.01i", QUANTITY_SUFFIX_ERROR],
  ["-3.01e-", QUANTITY_SUFFIX_ERROR],
  ["1e", QUANTITY_SUFFIX_ERROR],
  ["1e+", QUANTITY_SUFFIX_ERROR],
  ["1ee3", QUANTITY_SUFFIX_ERROR],
  ["1Mi1", QUANTITY_SUFFIX_ERROR],
  ["+-1", QUANTITY_SUFFIX_ERROR],
  ["--1", QUANTITY_SUFFIX_ERROR],
  ["1e9223372036854775808", QUANTITY_SUFFIX_ERROR],
  [".e-10", QUANTITY_NUMERIC_ERROR],
  ["-.e-10", QUANTITY_NUMERIC_ERROR],
];

describe("parseQuantity", () => {
  test.each(parseCases)("%s prints as %s", (input, expected, format) => {
    const q = parseQuantity(input);
    expect(formatQuantity(q)).toBe(expected);
    expect(q.format).toBe(format);
  });

  test.each(roundingCases)("%s rounds up to %s", (input, expected) => {
    expect(formatQuantity(parseQuantity(input))).toBe(expected);
  });

  test.each(keptAsWritten)("%s is kept as written", (input) => {
    expect(formatQuantity(parseQuantity(input))).toBe(input);
  });

  test("kept text has a canonical form", () => {
    expect(canonicalizeQuantity(parseQuantity("1.500"))).toBe("1500m");
    expect(canonicalizeQuantity(parseQuantity("+1"))).toBe("1");
    expect(canonicalizeQuantity(parseQuantity("1e3"))).toBe("1e3");
    expect(canonicalizeQuantity(parseQuantity("100.035k"))).toBe("100035");
  });

  test.each(lenientZeros)("%s parses as zero", (input, format) => {
    const q = parseQuantity(input);
    expect(isZeroQuantity(q)).toBe(true);
    expect(formatQuantity(q)).toBe("0");
    expect(q.format).toBe(format);
  });

  test.each(rejected)("%j is rejected", (input, reason) => {
    let caught: unknown;
    try {
      parseQuantity(input);
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toContain(JSON.stringify(input));
    expect((caught as Error).message).toContain(reason);
  });

  test.each([
    ["9Ei", "9223372036854775807"],
    ["9223372036854775807Ki", "9223372036854775807"],
    ["1024Ei", "9223372036854775807"],
    ["8.5Ei", "9223372036854775807"],
    ["-9Ei", "-9223372036854775807"],
  ])("BinarySI %s is capped at 2^63-1", (input, expected) => {
    expect(formatQuantity(parseQuantity(input))).toBe(expected);
  });

  test("decimal SI past E loses its exponent as in Go", () => {
    const q = parseQuantity("1000E");
    expect(formatQuantity(q)).toBe("1");
    expect(quantityValue(q)).toBe(10n ** 21n);
  });

  test("exponent wraps to 32 bits as in Go", () => {
    const q = parseQuantity("1e4294967296");
    expect(quantityValue(q)).toBe(1n);
    expect(formatQuantity(q)).toBe("1e4294967296");
  });

  test.each(["1e-2147483648", "1e-2147483647", "1e2147483647", "-1e-2147483648"])("%s parses without hanging", (input) => {
    expect(formatQuantity(parseQuantity(input))).toMatch(/^-?\d+(e-?\d+)?$/);
  });

  test("JSON strings are trimmed", () => {
    expect(formatQuantity(parseQuantityJSON(" 100m "))).toBe("100m");
    expect(formatQuantity(parseQuantityJSON("\t1.5Gi\n"))).toBe("1536Mi");
    expect(isBadRequest(catchError(() => parseQuantityJSON(" 1 Ki ")))).toBe(true);
  });

  test("JSON numbers parse like their text", () => {
    expect(formatQuantity(parseQuantity(1.5))).toBe("1500m");
    expect(formatQuantity(parseQuantity(1024))).toBe("1024");
    expect(isBadRequest(catchError(() => parseQuantity(Number.NaN)))).toBe(true);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("canonicalizeQuantity", () => {
  const q = (unscaled: bigint, scale: number, format: QuantityFormat): ParsedQuantity => ({ unscaled, scale, format });

  test.each([
    [q(1024n * 1024n * 1024n, 0, "BinarySI"), "1Gi"],
    [q(300n * 1024n * 1024n, 0, "BinarySI"), "300Mi"],
    [q(6n * 1024n, 0, "BinarySI"), "6Ki"],
    [q(5n, 0, "BinarySI"), "5"],
    [q(500n, -3, "BinarySI"), "500m"],
    [q(1n, 9, "DecimalSI"), "1G"],
    [q(1000n, 6, "DecimalSI"), "1G"],
    [q(1n, -3, "DecimalSI"), "1m"],
    [q(108n, -2, "DecimalSI"), "1080m"],
    [q(10800n, -4, "DecimalSI"), "1080m"],
    [q(1234567n, -3, "BinarySI"), "1234567m"],
    [q(1025n, 0, "BinarySI"), "1025"],
    [q(0n, 0, "BinarySI"), "0"],
    [q(1n, 9, "DecimalExponent"), "1e9"],
    [q(1n, -3, "DecimalExponent"), "1e-3"],
    [q(80n, -3, "DecimalExponent"), "80e-3"],
    [q(300n, 6, "DecimalExponent"), "300e6"],
    [q(0n, 0, "DecimalExponent"), "0"],
    [q(108n, -8, "DecimalSI"), "1080n"],
    [q(10800n, -10, "DecimalSI"), "1080n"],
    [q(1080n, -6, "DecimalSI"), "1080u"],
    [q(-901n, -2, "DecimalSI"), "-9010m"],
    [q(-(1024n ** 3n), 0, "BinarySI"), "-1Gi"],
  ])("%o is %s", (value, expected) => {
    expect(canonicalizeQuantity(value)).toBe(expected);
  });
});

describe("quantity values", () => {
  test.each([
    ["0.5", 1n, 500n],
    ["1.5", 2n, 1500n],
    ["-0.5", -1n, -500n],
    ["-1.5Gi", -1610612736n, -1610612736000n],
    ["0.1m", 1n, 1n],
    ["1000m", 1n, 1000n],
    ["100.035Ki", 102436n, 102435840n],
    ["1.000000001Ki", 1025n, 1024001n],
    ["1Ti", 1099511627776n, 1099511627776000n],
    ["9223372036854775807Ki", 9223372036854775807n, 9223372036854775807000n],
    ["1n", 1n, 1n],
    ["-1n", -1n, -1n],
    ["0", 0n, 0n],
  ])("%s has value %d and milli value %d", (input, value, milli) => {
    expect(quantityValue(input)).toBe(value);
    expect(quantityMilliValue(input)).toBe(milli);
  });

  test("scaled value in kilo units rounds up", () => {
    expect(quantityScaledValue("1500", 3)).toBe(2n);
    expect(quantityScaledValue("1k", 3)).toBe(1n);
    expect(quantityScaledValue("1", 18)).toBe(1n);
  });

  test("sign of quantities", () => {
    expect(quantitySign("-1m")).toBe(-1);
    expect(quantitySign("0Gi")).toBe(0);
    expect(quantitySign("1n")).toBe(1);
  });
});

describe("quantity arithmetic", () => {
  test.each([
    ["0", "0", 0],
    ["100m", "50m", 1],
    ["50m", "100m", -1],
    ["10000T", "100Gi", 1],
    ["1Ki", "1024", 0],
    ["1e3", "1k", 0],
    ["-1", "1n", -1],
    ["-2", "-1", -1],
    ["1e2147483647", "1", 1],
    ["-1e2147483647", "-1", -1],
    ["1n", "1e-9", 0],
  ])("compare %s with %s gives %d", (a, b, expected) => {
    expect(compareQuantities(a, b)).toBe(expected);
    expect(compareQuantities(b, a)).toBe(expected === 0 ? 0 : -expected);
  });

  test.each([
    ["100m", "0", "100m"],
    ["0", "100m", "100m"],
    ["1Gi", "0", "1Gi"],
    ["0", "1Gi", "1Gi"],
    ["1", "500m", "1500m"],
    ["1Gi", "512Mi", "1536Mi"],
    ["1Ki", "1", "1025"],
    ["1e3", "1e3", "2e3"],
    ["1k", "-1k", "0"],
    ["500m", "500m", "1"],
  ])("%s plus %s is %s", (a, b, expected) => {
    expect(formatQuantity(addQuantities(a, b))).toBe(expected);
  });

  test.each([
    ["100m", "0", "100m"],
    ["0", "100m", "-100m"],
    ["0", "1Gi", "-1Gi"],
    ["1", "500m", "500m"],
    ["1Gi", "512Mi", "512Mi"],
    ["1", "2", "-1"],
  ])("%s minus %s is %s", (a, b, expected) => {
    expect(formatQuantity(subtractQuantities(a, b))).toBe(expected);
  });

  test("add and subtract round trip", () => {
    const sum = addQuantities("1.5Gi", "300m");
    expect(equalQuantities(subtractQuantities(sum, "300m"), "1.5Gi")).toBe(true);
  });

  test("negation keeps the format", () => {
    expect(formatQuantity(negateQuantity("9.01"))).toBe("-9010m");
    expect(formatQuantity(negateQuantity("1Gi"))).toBe("-1Gi");
  });

  test("multiplication is exact", () => {
    expect(formatQuantity(multiplyQuantity("1Gi", 3))).toBe("3Gi");
    expect(formatQuantity(multiplyQuantity("1.5", 2n))).toBe("3");
  });

  test("constructors match Go's", () => {
    expect(formatQuantity(newQuantity(5, "BinarySI"))).toBe("5");
    expect(formatQuantity(newQuantity(2048, "BinarySI"))).toBe("2Ki");
    expect(formatQuantity(newMilliQuantity(1500))).toBe("1500m");
    expect(formatQuantity(newMilliQuantity(500, "BinarySI"))).toBe("500m");
    expect(formatQuantity(newScaledQuantity(3, 3))).toBe("3k");
  });

  test("far apart scales are rejected", () => {
    expect(isBadRequest(catchError(() => addQuantities("1e2000000000", "1")))).toBe(true);
  });

  test("normalizeQuantity is Go's String", () => {
    expect(normalizeQuantity("0.5")).toBe("500m");
    expect(normalizeQuantity(parseQuantity("1.500"))).toBe("1.500");
  });
});

describe("quantity properties", () => {
  const formats = fc.constantFrom<QuantityFormat>("DecimalSI", "BinarySI", "DecimalExponent");
  const quantities = fc.record({
    unscaled: fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
    scale: fc.integer({ min: -9, max: 6 }),
    format: formats,
  });

  test("canonical form round-trips to the same value", () => {
    fc.assert(
      fc.property(quantities, (q) => {
        const text = formatQuantity(q);
        const parsed = parseQuantity(text);
        // Go caps BinarySI values above 2^63-1 and has no suffix for DecimalSI values of 1000E
        // or more. Both lose the value in Go as well, so the property leaves them out.
        const value = q.unscaled * 10n ** BigInt(Math.max(q.scale, 0));
        fc.pre(value < 2n ** 63n && value > -(2n ** 63n));
        expect(compareQuantities(parsed, q)).toBe(0);
        // The format can change once (BinarySI 10000 prints as 10000 and reads back as DecimalSI 10k); after that the string is stable.
        expect(normalizeQuantity(formatQuantity(parsed))).toBe(formatQuantity(parsed));
      }),
      { numRuns: 2000 },
    );
  });

  test("parsing any string never throws a plain error", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-+0-9.eEinumkKMGTP ]{0,12}$/), (text) => {
        try {
          parseQuantity(text);
        } catch (error) {
          expect(isBadRequest(error)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("addition commutes", () => {
    fc.assert(
      fc.property(quantities, quantities, (a, b) => {
        expect(compareQuantities(addQuantities(a, b), addQuantities(b, a))).toBe(0);
      }),
    );
  });
});
