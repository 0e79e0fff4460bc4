import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { decodeJson, encodeJson, isDeepEqual } from "@apimachinery/serializer-json";

const fixtures = referenceDir() === undefined ? [] : listFixtures();

/** Returns the kind that a fixture's file name (`apps.v1.Deployment`, `core.v1.Pod`) names. */
function kindOfFixture(name: string): { group: string; version: string; kind: string } {
  const parts = name.split(".");
  const kind = parts.pop() ?? "";
  const version = parts.pop() ?? "";
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

describe.skipIf(fixtures.length === 0)("golden JSON fixtures", () => {
  it("decode and re-encode to equal values", () => {
    const failures: string[] = [];
    for (const fixture of fixtures) {
      const bytes = readFileSync(fixture.json);
      const expected: unknown = JSON.parse(bytes.toString("utf8"));
      try {
        // WatchEvent has no apiVersion or kind in its data; Go decodes it with the kind given.
        const { object, gvk } = decodeJson(bytes, { defaults: kindOfFixture(fixture.name) });
        const reencoded: unknown = JSON.parse(new TextDecoder().decode(encodeJson(object)));
        const gvkMatches = isDeepEqual(gvk, kindOfFixture(fixture.name));
        if (!gvkMatches || !isDeepEqual(reencoded, expected)) failures.push(fixture.name);
      } catch (error) {
        failures.push(`${fixture.name}: ${String(error)}`);
      }
    }
    console.log(`${fixtures.length - failures.length}/${fixtures.length} fixtures passed`);
    expect(failures).toEqual([]);
  });
});
