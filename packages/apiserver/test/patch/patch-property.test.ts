import { isStatusError } from "@apimachinery/meta";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatchTo, builtinScheme } from "@apimachinery/apiserver";

const scheme = builtinScheme();

// Keys and strings that reach the schema-driven and directive code paths.
const words = [
  "spec", "template", "containers", "initContainers", "name", "image", "ports", "containerPort", "env", "value",
  "volumes", "emptyDir", "configMap", "hostPath", "strategy", "type", "rollingUpdate", "maxSurge", "tolerations",
  "metadata", "finalizers", "labels", "resources", "limits", "cpu", "selector", "securityContext",
  "$patch", "$retainKeys", "$setElementOrder/containers", "$setElementOrder/env", "$setElementOrder/finalizers",
  "$deleteFromPrimitiveList/finalizers", "replace", "delete", "merge", "__proto__", "apiVersion", "kind",
];

const { json } = fc.letrec((tie) => ({
  scalar: fc.oneof(fc.constantFrom(...words), fc.integer(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.double()),
  json: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("scalar"), fc.array(tie("json"), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...words), tie("json"), { maxKeys: 5 })),
}));

// Pod specs nested where a Deployment keeps them, so that random values reach the list merges.
const podSpec = fc.dictionary(fc.constantFrom(...words), json, { maxKeys: 5 });
const templated = podSpec.map((spec) => ({ spec: { template: { spec } } }));
const patchValue = fc.oneof(json, templated);

const deployment = fc.record({ spec: fc.oneof(json, templated.map((value) => value.spec)), metadata: json }).map((fields) => ({ apiVersion: "apps/v1", kind: "Deployment", ...fields }));
const pod = fc.record({ spec: json, metadata: json }).map((fields) => ({ apiVersion: "v1", kind: "Pod", ...fields }));
const target = fc.oneof(deployment, pod, json);

function throwsOnlyStatusError(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    return isStatusError(error);
  }
}

describe("patch properties", () => {
  test("strategic merge throws only StatusError", () => {
    fc.assert(fc.property(target, patchValue, (object, patch) => throwsOnlyStatusError(() => applyStrategicMergePatchTo(object, patch, scheme))), { numRuns: 2000 });
  });

  test("strategic merge never changes its inputs", () => {
    fc.assert(
      fc.property(target, patchValue, (object, patch) => {
        const objectCopy = structuredClone(object);
        const patchCopy = structuredClone(patch);
        throwsOnlyStatusError(() => applyStrategicMergePatchTo(object, patch, scheme));
        expect(object).toEqual(objectCopy);
        expect(patch).toEqual(patchCopy);
      }),
      { numRuns: 500 },
    );
  });

  test("merge patch throws only StatusError", () => {
    fc.assert(fc.property(json, json, (object, patch) => throwsOnlyStatusError(() => applyMergePatch(object, patch))), { numRuns: 1000 });
  });

  test("merge patch on a schemaless kind equals strategic merge", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "c"), json, { maxKeys: 3 }), fc.dictionary(fc.constantFrom("a", "b", "d"), json, { maxKeys: 3 }), (spec, patch) => {
        const object = { apiVersion: "example.com/v1", kind: "Widget", spec };
        expect(applyStrategicMergePatchTo(object, { spec: patch }, scheme)).toEqual(applyMergePatch(object, { spec: patch }));
      }),
      { numRuns: 300 },
    );
  });

  test("JSON patch throws only StatusError", () => {
    const pointer = fc.array(fc.constantFrom("spec", "containers", "0", "1", "-", "name", "~1", "~0", "~", ""), { maxLength: 4 }).map((tokens) => tokens.map((token) => `/${token}`).join(""));
    const operation = fc.record(
      { op: fc.constantFrom("add", "remove", "replace", "move", "copy", "test", "bogus"), path: fc.oneof(pointer, json), from: fc.oneof(pointer, json), value: json },
      { requiredKeys: ["op"] },
    );
    fc.assert(fc.property(json, fc.oneof(fc.array(operation, { maxLength: 5 }), json), (object, patch) => throwsOnlyStatusError(() => applyJsonPatch(object, patch))), { numRuns: 1000 });
  });
});
