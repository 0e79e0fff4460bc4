import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { allKindSchemas, allMessageSchemas } from "@apimachinery/api";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { Scheme } from "@apimachinery/runtime";
import { decodeJson } from "@apimachinery/serializer-json";

const fixtures = referenceDir() === undefined ? [] : listFixtures();

/** Builds a Scheme with every built-in kind and its schema. */
function builtinScheme(): Scheme {
  const scheme = new Scheme("builtin").addKindSchemas(allKindSchemas);
  scheme.schemas.add(allMessageSchemas);
  return scheme;
}

/** Returns the kind that a fixture's file name (`apps.v1.Deployment`, `core.v1.Pod`) names. */
function kindOfFixture(name: string): { group: string; version: string; kind: string } {
  const parts = name.split(".");
  const kind = parts.pop() ?? "";
  const version = parts.pop() ?? "";
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

describe.skipIf(fixtures.length === 0)("strict decoding of golden fixtures", () => {
  const scheme = builtinScheme();

  test("every fixture has no unknown fields", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const fixture of fixtures) {
      const gvk = kindOfFixture(fixture.name);
      if (scheme.kindSchema(gvk) === undefined) continue;
      checked++;
      const decoded = decodeJson(readFileSync(fixture.json), { defaults: gvk, strict: true, schemas: scheme });
      if (decoded.strictErrors !== undefined) failures.push(`${fixture.name}: ${decoded.strictErrors.join(", ")}`);
    }
    console.log(`${checked - failures.length}/${checked} fixtures with a schema decoded strictly without errors`);
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  test("an extra field in every fixture is reported", () => {
    const failures: string[] = [];
    for (const fixture of fixtures) {
      const gvk = kindOfFixture(fixture.name);
      if (scheme.kindSchema(gvk) === undefined) continue;
      const object = JSON.parse(readFileSync(fixture.json, "utf8")) as Record<string, unknown>;
      object["unexpectedField"] = 1;
      const decoded = decodeJson(JSON.stringify(object), { defaults: gvk, strict: true, schemas: scheme });
      if (decoded.strictErrors?.join() !== 'unknown field "unexpectedField"') failures.push(fixture.name);
    }
    expect(failures).toEqual([]);
  });

  test("nested unknown field in a Pod", () => {
    const fixture = fixtures.find((candidate) => candidate.name === "core.v1.Pod");
    expect(fixture).toBeDefined();
    const object = JSON.parse(readFileSync(fixture?.json ?? "", "utf8")) as { spec: { containers: Record<string, unknown>[] } };
    const container = object.spec.containers[0];
    if (container !== undefined) container["imagePullPolicyy"] = "Always";
    const decoded = decodeJson(JSON.stringify(object), { strict: true, schemas: scheme });
    expect(decoded.strictErrors).toEqual(['unknown field "spec.containers[0].imagePullPolicyy"']);
  });
});
