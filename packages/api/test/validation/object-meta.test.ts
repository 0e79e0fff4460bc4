import { describe, expect, it, test } from "vitest";
import { validation } from "@apimachinery/api";
import { reasonsAndFields, type ExpectedCause } from "./helpers.js";

const valid = { name: "web", namespace: "default" };

test.each<[string, Record<string, unknown>, ExpectedCause[]]>([
  ["valid", valid, []],
  ["missing name", { namespace: "default" }, [["FieldValueRequired", "metadata.name", "name or generateName is required"]]],
  ["upper-case name", { ...valid, name: "Bad_Name" }, [["FieldValueInvalid", "metadata.name", 'Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of']]],
  ["bad generateName", { ...valid, generateName: "Web-" }, [["FieldValueInvalid", "metadata.generateName", '"Web-"']]],
  ["missing namespace", { name: "web" }, [["FieldValueRequired", "metadata.namespace", "Required value"]]],
  ["bad label key", { ...valid, labels: { "bad key": "x" } }, [["FieldValueInvalid", "metadata.labels", '"bad key"']]],
  ["bad label value", { ...valid, labels: { app: "-x" } }, [["FieldValueInvalid", "metadata.labels[app]", '"-x"']]],
  ["bad annotation key", { ...valid, annotations: { "a/b/c": "x" } }, [["FieldValueInvalid", "metadata.annotations", '"a/b/c"']]],
  ["bad finalizer", { ...valid, finalizers: ["example.com/ok", "bad/finalizer/name"] }, [["FieldValueInvalid", "metadata.finalizers", '"bad/finalizer/name"']]],
  ["orphan and foreground", { ...valid, finalizers: ["orphan", "foregroundDeletion"] }, [["FieldValueInvalid", "metadata.finalizers", "cannot be both set"]]],
  [
    "owner reference without uid",
    { ...valid, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs" }] },
    [["FieldValueInvalid", "metadata.ownerReferences.uid", "must not be empty"]],
  ],
  [
    "two controllers",
    {
      ...valid,
      ownerReferences: [
        { apiVersion: "v1", kind: "A", name: "a", uid: "1", controller: true },
        { apiVersion: "v1", kind: "B", name: "b", uid: "2", controller: true },
      ],
    },
    [["FieldValueInvalid", "metadata.ownerReferences", "Only one reference can have Controller set to true"]],
  ],
  ["negative generation", { ...valid, generation: -1 }, [["FieldValueInvalid", "metadata.generation", "must be greater than or equal to 0"]]],
])("ObjectMeta %s", (_name, metadata, expected) => {
  const causes = validation.validateObjectMeta(metadata, { namespaced: true });
  expect(reasonsAndFields(causes)).toEqual(expected.map(([reason, field]) => [reason, field]));
  causes.forEach((cause, index) => expect(cause.message).toContain(expected[index]![2]));
});

describe("ObjectMeta", () => {
  it("limits the total annotation size", () => {
    const annotations = { big: "x".repeat(validation.TOTAL_ANNOTATION_SIZE_LIMIT) };
    const causes = validation.validateObjectMeta({ ...valid, annotations }, { namespaced: true });
    expect(causes).toEqual([{ reason: "FieldValueTooLong", field: "metadata.annotations", message: "Too long: must have at most 262144 bytes" }]);
  });

  it("forbids a namespace on a cluster-scoped object", () => {
    const causes = validation.validateObjectMeta({ name: "n", namespace: "default" }, { namespaced: false });
    expect(reasonsAndFields(causes)).toEqual([["FieldValueForbidden", "metadata.namespace"]]);
  });

  it("reports an update that changes the name", () => {
    const causes = validation.validateObjectMetaUpdate({ ...valid, name: "other", uid: "1" }, { ...valid, uid: "1" });
    expect(causes).toEqual([{ reason: "FieldValueInvalid", field: "metadata.name", message: 'Invalid value: "other": field is immutable' }]);
  });
});
