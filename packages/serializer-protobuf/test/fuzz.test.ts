import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isStatusError } from "@apimachinery/meta";
import { MAGIC, decodeWatchEvent, lengthDelimitedFramer } from "../src/index.js";
import { testMessages, testSerializer } from "./support/test-schemas.js";

const serializer = testSerializer({ maxDepth: 64 });

/** Runs `fn` and returns true when it returned or failed with a StatusError. Any other failure fails the property. */
function onlyStatusErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    // A StatusError that wraps an unexpected failure (TypeError, RangeError) still fails the property.
    if (isStatusError(error) && !error.message.includes("unexpected failure")) return true;
    throw error;
  }
}

/** Returns `value` as the decoder gives it back: integers within 2^53 as numbers, larger ones as bigint, and -0 as 0. */
function normalize(value: unknown): unknown {
  if (typeof value === "bigint") return value >= -(2n ** 53n - 1n) && value <= 2n ** 53n - 1n ? Number(value) : value;
  if (typeof value === "number") {
    if (value === 0) return 0;
    // Integers beyond 2^53 inside raw JSON come back exact, as bigint, within the int64 range.
    if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(String(value));
    return value;
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: normalize(item), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** A Widget with random field values, written by the codec itself. */
const widgetArbitrary = fc.record(
  {
    name: fc.string(),
    count: fc.integer({ min: -2147483648, max: 2147483647 }),
    big: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    tags: fc.array(fc.string(), { maxLength: 4 }),
    labels: fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }),
    children: fc.array(fc.record({ name: fc.string() }), { maxLength: 3 }),
    port: fc.oneof(fc.integer({ min: -1000, max: 65535 }), fc.string()),
    raw: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: [] },
);

describe("decoder on random input", () => {
  it("fails only with StatusErrors on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.boolean(), (data, withMagic) => {
        const input = withMagic ? Uint8Array.from([...MAGIC, ...data]) : data;
        return onlyStatusErrors(() => serializer.decode(input)) && onlyStatusErrors(() => decodeWatchEvent(data));
      }),
      { numRuns: 2000 },
    );
  });

  it("fails only with StatusErrors on mutated valid objects", () => {
    fc.assert(
      fc.property(
        widgetArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (fields, flips, cut) => {
          const data = serializer.encode({ apiVersion: "example.com/v1", kind: "Widget", ...fields });
          const flipped = data.slice();
          for (const [offset, bit] of flips) flipped[offset % flipped.length]! ^= 1 << bit;
          return onlyStatusErrors(() => serializer.decode(flipped)) && onlyStatusErrors(() => serializer.decode(data.subarray(0, cut % data.length)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("round-trips random valid objects", () => {
    fc.assert(
      fc.property(widgetArbitrary, (fields) => {
        const object = { apiVersion: "example.com/v1", kind: "Widget", ...fields };
        const decoded = serializer.decode(serializer.encode(object)).object;
        const expected = normalize(object) as Record<string, unknown>;
        // Protobuf has no empty list or map on the wire, so those come back absent.
        for (const key of ["tags", "labels", "children"]) {
          const value = expected[key];
          if (value !== undefined && Object.keys(value as object).length === 0) delete expected[key];
        }
        expect(decoded).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("encoder fails only with StatusErrors on values of any type", () => {
    const anything = fc.oneof(fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true }), fc.uint8Array({ maxLength: 4 }));
    const names = testMessages.find((message) => message.name === "test.Widget")!.fields.map((field) => field.name);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), anything, { maxKeys: 4 }), (fields) =>
        onlyStatusErrors(() => serializer.encode({ apiVersion: "example.com/v1", kind: "Widget", ...fields })),
      ),
      { numRuns: 2000 },
    );
  });

  it("frame reader fails only with StatusErrors", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const reader = lengthDelimitedFramer.newFrameReader({ maxFrameBytes: 1024 });
        return chunks.every((chunk) => onlyStatusErrors(() => reader.push(chunk)));
      }),
      { numRuns: 500 },
    );
  });
});
