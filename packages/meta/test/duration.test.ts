import { describe, expect, test } from "vitest";
import { formatDuration, isBadRequest, parseDuration } from "../src/index.js";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isBadRequest(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a BadRequest StatusError");
}

/** Inputs with the nanoseconds and String() that Go's time package gives for them. */
const parseCases: Array<[input: string, nanoseconds: bigint, formatted: string]> = [
  ["1h0m0s", 3600000000000n, "1h0m0s"],
  ["1.5s", 1500000000n, "1.5s"],
  ["300ms", 300000000n, "300ms"],
  ["-2m3s", -123000000000n, "-2m3s"],
  ["0", 0n, "0s"],
  ["+0", 0n, "0s"],
  ["-0", 0n, "0s"],
  ["0s", 0n, "0s"],
  ["1.s", 1000000000n, "1s"],
  [".5s", 500000000n, "500ms"],
  ["2562047h47m16.854775807s", 9223372036854775807n, "2562047h47m16.854775807s"],
  ["-2562047h47m16.854775808s", -9223372036854775808n, "-2562047h47m16.854775808s"],
  ["9223372036854775807ns", 9223372036854775807n, "2562047h47m16.854775807s"],
  ["1.0000000000000000000001s", 1000000000n, "1s"],
  ["0.1234567891234h", 444444440844n, "7m24.444440844s"],
  ["1\u00b5s", 1000n, "1\u00b5s"],
  ["1\u03bcs", 1000n, "1\u00b5s"],
  ["1us", 1000n, "1\u00b5s"],
  ["3h2m1.5s4ns", 10921500000004n, "3h2m1.500000004s"],
  ["0.000000000000000000001h", 0n, "0s"],
  ["1.23456789123456789123456789s", 1234567891n, "1.234567891s"],
  ["24h", 86400000000000n, "24h0m0s"],
];

const rejected: Array<[input: string, message: string]> = [
  ["", 'time: invalid duration ""'],
  ["1", 'time: missing unit in duration "1"'],
  ["00", 'time: missing unit in duration "00"'],
  ["1x", 'time: unknown unit "x" in duration "1x"'],
  [".s", 'time: invalid duration ".s"'],
  ["1h 2m", 'time: unknown unit "h " in duration "1h 2m"'],
  ["2562047h47m16.854775808s", 'time: invalid duration "2562047h47m16.854775808s"'],
  ["9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'],
  ["1e3s", 'time: unknown unit "e" in duration "1e3s"'],
  ["-", 'time: invalid duration "-"'],
  ["+", 'time: invalid duration "+"'],
  ["1.5.5s", 'time: missing unit in duration "1.5.5s"'],
  ["1h-2m", 'time: unknown unit "h-" in duration "1h-2m"'],
  ["100000000000000000000h", 'time: invalid duration "100000000000000000000h"'],
];

describe("parseDuration", () => {
  test.each(parseCases)("%j is %d ns", (input, nanoseconds, formatted) => {
    const parsed = parseDuration(input);
    expect(parsed).toBe(nanoseconds);
    expect(formatDuration(parsed)).toBe(formatted);
  });

  test.each(rejected)("%j is rejected", (input, message) => {
    expect(messageOf(() => parseDuration(input))).toBe(message);
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0s"],
    [1, "1ns"],
    [999, "999ns"],
    [1000, "1\u00b5s"],
    [1500, "1.5\u00b5s"],
    [1000000, "1ms"],
    [1500000, "1.5ms"],
    [999999999, "999.999999ms"],
    [1000000000, "1s"],
    [1500000000, "1.5s"],
    [60000000000, "1m0s"],
    [3600000000000, "1h0m0s"],
    [3723000000004, "1h2m3.000000004s"],
    [-123000000000, "-2m3s"],
    [9223372036854775807n, "2562047h47m16.854775807s"],
    [-9223372036854775808n, "-2562047h47m16.854775808s"],
  ])("%d ns is %j", (nanoseconds, expected) => {
    expect(formatDuration(nanoseconds)).toBe(expected);
  });

  test.each([[1.5], [Number.NaN], [9223372036854775808n], [-9223372036854775809n]])("%o is rejected", (input) => {
    expect(messageOf(() => formatDuration(input))).toMatch(/^invalid duration: /);
  });
});
