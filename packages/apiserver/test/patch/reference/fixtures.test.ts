import { readFileSync } from "node:fs";
import { parseJsonText } from "@apimachinery/serializer-json";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import fc from "fast-check";
import { isStatusError } from "@apimachinery/meta";
import { describe, expect, test } from "vitest";
import { applyStrategicMergePatchTo, builtinScheme, messageSchemaOf } from "@apimachinery/apiserver";

const scheme = builtinScheme();
const fixtures = referenceDir() === undefined ? [] : listFixtures().map((fixture) => ({ name: fixture.name, object: parseJsonText(readFileSync(fixture.json, "utf8")) }));

/** Drops object keys whose value is null, as a patch that sends them deletes them. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null)
      .map(([key, child]) => [key, withoutNulls(child)]),
  );
}

// Every golden fixture fills each field of its kind, so these tables walk every schema.
describe.skipIf(fixtures.length === 0)("strategic merge patch on golden fixtures", () => {
  test.each(fixtures.map((fixture) => [fixture.name, fixture.object] as const))("%s: empty patch keeps it", (_name, object) => {
    expect(applyStrategicMergePatchTo(object, {}, scheme)).toEqual(object);
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture.object] as const))("%s: self patch keeps it", (_name, object) => {
    expect(applyStrategicMergePatchTo(object, object, scheme)).toEqual(withoutNulls(object));
  });

  test("patching one fixture with another throws only StatusError", () => {
    const objects = fixtures.map((fixture) => fixture.object);
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.constantFrom(...objects), (target, source) => {
        const patch = { ...(source as Record<string, unknown>), apiVersion: undefined, kind: undefined };
        try {
          applyStrategicMergePatchTo(target, JSON.parse(JSON.stringify(patch, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value))), scheme);
        } catch (error) {
          expect(isStatusError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  test("finds a schema for most fixtures", () => {
    const withSchema = fixtures.filter((fixture) => messageSchemaOf(fixture.object, scheme) !== undefined);
    expect(withSchema.length).toBeGreaterThan(fixtures.length / 2);
  });
});
