import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { SchemaWalker } from "./schema-walk.js";

const fixtures = referenceDir() === undefined ? [] : listFixtures();
const registry = builtinSchemas();
const kindsByFixtureName = new Map(allKindSchemas.map((kind) => [`${kind.group === "" ? "core" : kind.group}.${kind.version}.${kind.kind}`, kind]));

describe.skipIf(fixtures.length === 0)("golden fixtures against the schemas", () => {
  it("has a fixture set of the expected size", () => {
    expect(fixtures.length).toBeGreaterThan(190);
  });

  it("has a kind schema for every fixture", () => {
    const missing = fixtures.map((fixture) => fixture.name).filter((name) => !kindsByFixtureName.has(name));
    console.log(`kind schemas: ${fixtures.length - missing.length}/${fixtures.length} fixtures`);
    expect(missing).toEqual([]);
  });

  it("explains every JSON key of every fixture", () => {
    const walker = new SchemaWalker(registry, new Set(allKindSchemas.map((kind) => kind.message)));
    let documents = 0;
    for (const fixture of fixtures) {
      const kind = kindsByFixtureName.get(fixture.name);
      if (kind === undefined) continue;
      walker.walkMessage(JSON.parse(readFileSync(fixture.json, "utf8")), kind.message, fixture.name);
      documents += 1;
    }
    const { known, total, mismatches } = walker.result;
    console.log(`JSON keys: ${known}/${total} known to the schema in ${documents} fixtures`);
    expect(mismatches).toEqual([]);
    expect(known).toBe(total);
    expect(total).toBeGreaterThan(10_000);
  });

  it("flags keys and values the schema does not allow", () => {
    const walker = new SchemaWalker(registry, new Set(allKindSchemas.map((kind) => kind.message)));
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", unknownField: 1, creationTimestamp: 5 },
      spec: { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] },
    };
    walker.walkMessage(pod, "k8s.io.api.core.v1.Pod", "pod");
    expect(walker.result.mismatches.map((mismatch) => mismatch.path)).toEqual([
      "pod.metadata.unknownField",
      "pod.metadata.creationTimestamp",
      "pod.spec.containers[0].ports[0].containerPort",
    ]);
  });
});
