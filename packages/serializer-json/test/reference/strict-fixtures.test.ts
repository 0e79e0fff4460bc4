import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { isBadRequest, isStatusError } from "@apimachinery/meta";
import { allKindSchemas, allMessageSchemas } from "@apimachinery/api";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { Scheme } from "@apimachinery/runtime";
import { decodeJson, encodeJsonText } from "@apimachinery/serializer-json";

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

/** Replaces the value at one position of a depth-first walk of `root`, chosen by `pick`. */
function replaceLeaf(root: Record<string, unknown>, pick: number, value: unknown): void {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => {
        slots.push([node, index]);
        visit(item);
      });
    } else if (typeof node === "object" && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        visit(item);
      }
    }
  };
  visit(root);
  const slot = slots[pick % Math.max(slots.length, 1)];
  if (slot === undefined) return;
  const [container, key] = slot;
  (container as Record<string | number, unknown>)[key] = value;
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

  test.each([
    [["metadata", "name"], 5, "json: cannot unmarshal number 5 into Go struct field ObjectMeta.metadata.name of type string"],
    [["spec", "containers"], {}, "cannot unmarshal object into Go struct field PodSpec.spec.containers of type []Container"],
    [["spec", "activeDeadlineSeconds"], "10", "cannot unmarshal string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64"],
    [["spec", "hostNetwork"], "true", "cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool"],
    [["metadata", "creationTimestamp"], 1, "cannot unmarshal number 1 into Go struct field ObjectMeta.metadata.creationTimestamp of type Time"],
  ])("Pod with %j of the wrong type", (path, value, message) => {
    const fixture = fixtures.find((candidate) => candidate.name === "core.v1.Pod");
    const object = JSON.parse(readFileSync(fixture?.json ?? "", "utf8")) as Record<string, Record<string, unknown>>;
    const [parent = "", field = ""] = path;
    (object[parent] ?? {})[field] = value;
    let caught: unknown;
    try {
      decodeJson(JSON.stringify(object), { schemas: scheme });
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect(String(caught)).toContain(message);
  });

  test("replaced values give objects or StatusErrors", () => {
    const objects = fixtures.slice(0, 60).map((fixture) => ({
      gvk: kindOfFixture(fixture.name),
      object: decodeJson(readFileSync(fixture.json), { defaults: kindOfFixture(fixture.name) }).object,
    }));
    const replacement = fc.oneof(fc.jsonValue(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constant(1.5), fc.constant(-1));
    fc.assert(
      fc.property(fc.nat({ max: objects.length - 1 }), fc.nat(), replacement, fc.boolean(), (which, pick, value, strict) => {
        const entry = objects[which];
        if (entry === undefined) return true;
        const copy = structuredClone(entry.object);
        replaceLeaf(copy, pick, value);
        try {
          decodeJson(encodeJsonText(copy), { defaults: entry.gvk, strict, schemas: scheme });
        } catch (error) {
          if (!isStatusError(error)) throw error;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
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
