import { readFileSync } from "node:fs";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { describe, expect, it, test } from "vitest";
import { openApiV2Document, type JsonObject } from "../../../src/openapi/index.js";
import { refsOf } from "../support/walk.js";
import { resource } from "../support/resources.js";

const fixtures = referenceDir() === undefined ? [] : listFixtures();

/** Splits a fixture name such as `apps.v1.Deployment` or `core.v1.Pod` into its group, version and kind. */
function fixtureGvk(name: string): { group: string; version: string; kind: string } {
  const parts = name.split(".");
  const kind = parts.pop() ?? "";
  const version = parts.pop() ?? "";
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

const served = fixtures.map((fixture) => {
  const gvk = fixtureGvk(fixture.name);
  return resource(gvk.group, gvk.version, gvk.kind, `${gvk.kind.toLowerCase()}s`, true);
});
const document = served.length > 0 ? openApiV2Document(served) : { definitions: {} };
const definitions = document["definitions"] as Record<string, JsonObject>;

/** Finds the definition whose GVK extension names the kind. */
function definitionOf(gvk: { group: string; version: string; kind: string }): JsonObject | undefined {
  return Object.values(definitions).find((definition) => {
    const kinds = (definition["x-kubernetes-group-version-kind"] as { group: string; version: string; kind: string }[] | undefined) ?? [];
    return kinds.some((entry) => entry.group === gvk.group && entry.version === gvk.version && entry.kind === gvk.kind);
  });
}

function resolve(schema: JsonObject): JsonObject {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return schema;
  return definitions[ref.slice("#/definitions/".length)] ?? {};
}

const typeChecks: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === "string",
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === "number",
  boolean: (value) => typeof value === "boolean",
  array: (value) => Array.isArray(value),
  object: (value) => value !== null && typeof value === "object" && !Array.isArray(value),
};

/** Checks a JSON value against a v2 schema and returns one message per mismatch, with its path. */
function validate(value: unknown, schemaOrRef: JsonObject, path: string): string[] {
  // Go writes a zero Time inside a map as null, and Go's decoder reads null as the zero value of any type.
  if (value === null) return [];
  const schema = resolve(schemaOrRef);
  const type = schema["type"];
  if (typeof type === "string") {
    const intOrString = schema["format"] === "int-or-string" && (typeof value === "number" || typeof value === "string");
    if (!intOrString && !typeChecks[type]?.(value)) return [`${path}: ${JSON.stringify(value)} is not ${type}`];
  }
  const errors: string[] = [];
  if (Array.isArray(value) && schema["items"]) {
    value.forEach((item, index) => errors.push(...validate(item, schema["items"] as JsonObject, `${path}[${index}]`)));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return errors;
  const properties = schema["properties"] as Record<string, JsonObject> | undefined;
  const additional = schema["additionalProperties"] as JsonObject | undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (properties) {
      const property = properties[key];
      if (!property) errors.push(`${path}.${key}: not in the schema`);
      else errors.push(...validate(inner, property, `${path}.${key}`));
    } else if (additional) {
      errors.push(...validate(inner, additional, `${path}.${key}`));
    }
  }
  return errors;
}

describe.skipIf(fixtures.length === 0)("golden fixtures against OpenAPI v2", () => {
  it("every reference resolves across all kinds", () => {
    const dangling = refsOf(document).filter(({ ref }) => !(ref.slice("#/definitions/".length) in definitions));
    expect(dangling).toEqual([]);
    expect(Object.keys(definitions).length).toBeGreaterThan(500);
  });

  it("validator reports unknown fields and wrong types", () => {
    const definition = definitionOf({ group: "apps", version: "v1", kind: "Deployment" }) ?? {};
    const value = { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: "2", bogus: true } };
    expect(validate(value, definition, "deployment")).toEqual(['deployment.spec.replicas: "2" is not integer', "deployment.spec.bogus: not in the schema"]);
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture.json] as const))("%s fits its definition", (name, file) => {
    const definition = definitionOf(fixtureGvk(name));
    expect(definition, `no definition for ${name}`).toBeDefined();
    const value = JSON.parse(readFileSync(file, "utf8")) as unknown;
    expect(validate(value, definition ?? {}, name)).toEqual([]);
  });
});
