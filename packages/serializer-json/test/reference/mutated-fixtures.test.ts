import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { type StatusError, isStatusError } from "@apimachinery/meta";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { decodeJson, isDeepEqual } from "@apimachinery/serializer-json";

const fixtures = referenceDir() === undefined ? [] : listFixtures();
const texts = fixtures.map((fixture) => readFileSync(fixture.json, "utf8"));

/** Runs `action` and fails the property when it throws anything but a StatusError. */
function onlyStatusErrors(action: () => unknown): boolean {
  try {
    action();
  } catch (error) {
    if (!isStatusError(error)) throw error;
  }
  return true;
}

describe.skipIf(fixtures.length === 0)("golden fixtures under mutation", () => {
  test("strict decoding finds no duplicates and agrees", () => {
    for (const text of texts) {
      const lenient = decodeJson(text, { defaults: { kind: "Fixture" } });
      const strict = decodeJson(text, { defaults: { kind: "Fixture" }, strict: true });
      expect(strict.strictErrors).toBeUndefined();
      expect(isDeepEqual(strict.object, lenient.object)).toBe(true);
    }
  });

  test("mutated fixtures give values or StatusErrors", () => {
    const edit = fc.record({
      fixture: fc.nat({ max: texts.length - 1 }),
      at: fc.nat(),
      cut: fc.integer({ min: 0, max: 16 }),
      insert: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom("{", "}", "[", "]", '"', ",", ":", "\\", "12345678901234567890", "1e999", "\uD800")),
    });
    fc.assert(
      fc.property(edit, ({ fixture, at, cut, insert }) => {
        const text = texts[fixture] ?? "";
        const position = at % (text.length + 1);
        const mutated = text.slice(0, position) + insert + text.slice(position + cut);
        return onlyStatusErrors(() => decodeJson(mutated)) && onlyStatusErrors(() => decodeJson(mutated, { strict: true }));
      }),
      { numRuns: 1000 },
    );
  });

  test("truncated fixtures fail with a position", () => {
    for (const text of texts.slice(0, 20)) {
      let caught: unknown;
      try {
        decodeJson(text.slice(0, Math.floor(text.length / 2)));
      } catch (error) {
        caught = error;
      }
      expect(isStatusError(caught)).toBe(true);
      expect((caught as StatusError).reason).toBe("BadRequest");
      expect(String(caught)).toMatch(/line \d+, column \d+: unexpected end of JSON input/);
    }
  });
});
