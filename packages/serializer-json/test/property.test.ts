import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { isStatusError } from "@apimachinery/meta";
import { decodeJson, encodeJsonText, isDeepEqual, jsonFramer, MAX_INT64, MIN_INT64, parseJsonText } from "@apimachinery/serializer-json";

/** Returns `value` with every bigint turned into the nearest double, as JSON.parse reads it. */
function toDoubles(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toDoubles);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toDoubles(item)]));
  return value;
}

/** Reports whether a parsed value contains an infinite number. */
function hasInfinity(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(hasInfinity);
}

/** Runs `action` and fails the property when it throws anything but a StatusError. */
function onlyStatusErrors(action: () => unknown): boolean {
  try {
    action();
  } catch (error) {
    if (!isStatusError(error)) throw error;
  }
  return true;
}

const sample = JSON.stringify({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" }, generation: 9007199254740993 },
  spec: { replicas: 3, template: { spec: { containers: [{ name: "c", image: "nginx:1.25", ports: [{ containerPort: 80 }] }] } } },
});

/** A JSON value tree whose numbers include int64 integers as bigints. */
const jsonWithBigints = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.integer(),
    // JSON.stringify writes a double beyond 2^53 as its shortest digits, which an int64
    // reader takes at face value, so such doubles do not round-trip by design.
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((double) => !Number.isInteger(double) || Number.isSafeInteger(double)),
    fc.bigInt({ min: MIN_INT64, max: MAX_INT64 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** An edit of a text: remove, insert or replace characters, or cut it short. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), text: fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\\", "9", "-", "e", "\u0000", "\uD800") }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

/** One generated edit; `length` and `text` are set for the operations that use them. */
interface Edit {
  readonly op: string;
  readonly at: number;
  readonly length?: number;
  readonly text?: string;
}

function mutate(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of edits) {
    const at = result.length === 0 ? 0 : edit.at % result.length;
    if (edit.op === "delete") result = result.slice(0, at) + result.slice(at + (edit.length ?? 1));
    else if (edit.op === "insert") result = result.slice(0, at) + (edit.text ?? "") + result.slice(at);
    else if (edit.op === "replace") result = result.slice(0, at) + (edit.text ?? "") + result.slice(at + 1);
    else result = result.slice(0, at);
  }
  return result;
}

describe("properties", () => {
  test("random strings give values or StatusErrors", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => onlyStatusErrors(() => decodeJson(text, { strict: true }))), { numRuns: 2000 });
  });

  test("random bytes give values or StatusErrors", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => onlyStatusErrors(() => decodeJson(bytes))), { numRuns: 2000 });
  });

  test("random JSON gives values or StatusErrors", () => {
    fc.assert(fc.property(fc.json(), (text) => onlyStatusErrors(() => decodeJson(text))), { numRuns: 1000 });
  });

  test("mutated objects give values or StatusErrors", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = mutate(sample, edits);
        return onlyStatusErrors(() => decodeJson(text)) && onlyStatusErrors(() => decodeJson(text, { strict: true }));
      }),
      { numRuns: 3000 },
    );
  });

  test("frame reader gives frames or StatusErrors", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (bytes, size) =>
        onlyStatusErrors(() => {
          const reader = jsonFramer.newFrameReader({ maxFrameBytes: 100 });
          for (let offset = 0; offset < bytes.length; offset += size) reader.push(bytes.subarray(offset, offset + size));
        }),
      ),
      { numRuns: 1000 },
    );
  });

  test("frame reader splits any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom("\n", "", " \r\n"),
        (objects, sizes, separator) => {
          const texts = objects.map((object) => encodeJsonText(object));
          const bytes = new TextEncoder().encode(texts.join(separator));
          const reader = jsonFramer.newFrameReader();
          const frames: string[] = [];
          let offset = 0;
          for (let index = 0; offset < bytes.length; index++) {
            const size = sizes[index % sizes.length] ?? 1;
            for (const frame of reader.push(bytes.subarray(offset, offset + size))) frames.push(new TextDecoder().decode(frame));
            offset += size;
          }
          expect(frames).toEqual(texts);
          expect(reader.idle).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("encode then decode keeps the value", () => {
    fc.assert(
      fc.property(jsonWithBigints, fc.boolean(), (value, pretty) => {
        const object = { kind: "K", value };
        const decoded = decodeJson(encodeJsonText(object, { pretty })).object;
        expect(isDeepEqual(decoded, object)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test("exact parser rejects what JSON.parse rejects", () => {
    const jsonish = fc.string({ unit: fc.constantFrom(..."{}[],:\"\\ -+.0123456789eEtrufalsn\n\t\u0001\u00a0u".split("")), maxLength: 30 });
    fc.assert(
      fc.property(jsonish, (text) => {
        let fastFails = false;
        try {
          // Go rejects a number that overflows a double, where JSON.parse returns Infinity.
          fastFails = hasInfinity(JSON.parse(text));
        } catch {
          fastFails = true;
        }
        let exactFails = false;
        try {
          parseJsonText(text, { duplicates: [] });
        } catch (error) {
          expect(isStatusError(error)).toBe(true);
          exactFails = true;
        }
        expect(exactFails).toBe(fastFails);
      }),
      { numRuns: 5000 },
    );
  });

  test("exact parser agrees with JSON.parse", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const fast: unknown = JSON.parse(text);
        const exact = parseJsonText(text, { duplicates: [] });
        expect(toDoubles(exact)).toStrictEqual(fast);
      }),
      { numRuns: 2000 },
    );
  });
});
