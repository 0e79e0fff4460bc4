import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import type { RuntimeObject } from "@apimachinery/runtime";
import { ProtobufSerializer } from "../src/index.js";
import { ObjectArbitraries } from "./support/arbitrary-object.js";

const schemas = builtinSchemas();
const serializer = new ProtobufSerializer({ schemas, kinds: allKindSchemas });
const arbitraries = new ObjectArbitraries(schemas);

describe("random objects of every built-in kind", () => {
  it("round-trip through protobuf unchanged", () => {
    let checked = 0;
    for (const kind of allKindSchemas) {
      const apiVersion = kind.group === "" ? kind.version : `${kind.group}/${kind.version}`;
      const typeMeta = kind.kind === "WatchEvent" ? {} : { apiVersion, kind: kind.kind };
      const gvk = { group: kind.group, version: kind.version, kind: kind.kind };
      fc.assert(
        fc.property(arbitraries.value(kind.message, 0), (fields) => {
          const object = { ...(fields as Record<string, unknown>), ...typeMeta } as RuntimeObject;
          const decoded = serializer.decode(serializer.encode(object, gvk), gvk).object;
          expect(decoded).toEqual(object);
        }),
        { numRuns: 4, seed: 42 },
      );
      checked++;
    }
    expect(checked).toBe(allKindSchemas.length);
  });
});
