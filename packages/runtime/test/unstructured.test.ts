import { describe, expect, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import {
  deepCopyJSON,
  getAnnotations,
  getContinue,
  getDeletionTimestamp,
  getFinalizers,
  getGeneration,
  getLabels,
  getListResourceVersion,
  getName,
  getNamespace,
  getOwnerReferences,
  getRemainingItemCount,
  getResourceVersion,
  getUID,
  groupVersionKind,
  isUnstructuredList,
  listItems,
  nestedBool,
  nestedField,
  nestedFloat64,
  nestedInt64,
  nestedMap,
  nestedSlice,
  nestedString,
  nestedStringMap,
  nestedStringSlice,
  removeNestedField,
  setAnnotations,
  setContinue,
  setDeletionTimestamp,
  setFinalizers,
  setGeneration,
  setGroupVersionKind,
  setLabels,
  setListResourceVersion,
  setName,
  setNamespace,
  setNestedField,
  setOwnerReferences,
  setRemainingItemCount,
  setResourceVersion,
  setUID,
  type Unstructured,
} from "@apimachinery/runtime";

function sample(): Unstructured {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "default",
      uid: "u-1",
      resourceVersion: "42",
      generation: 3,
      labels: { app: "web", bad: 5 },
      annotations: { note: "x" },
      finalizers: ["a", 7, "b"],
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "n", uid: "u", controller: true }, "junk"],
    },
    spec: { replicas: 2, paused: false, ratio: 0.5, big: 9007199254740993n, selector: { matchLabels: { app: "web" } }, ports: [{ port: 80 }] },
  };
}

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("nested accessors", () => {
  test("read typed values", () => {
    const object = sample();
    expect(nestedString(object, "metadata", "name")).toBe("web");
    expect(nestedInt64(object, "spec", "replicas")).toBe(2);
    expect(nestedInt64(object, "spec", "big")).toBe(9007199254740993n);
    expect(nestedBool(object, "spec", "paused")).toBe(false);
    expect(nestedFloat64(object, "spec", "ratio")).toBe(0.5);
    expect(nestedStringMap(object, "spec", "selector", "matchLabels")).toEqual({ app: "web" });
    expect(nestedSlice(object, "spec", "ports")).toEqual([{ port: 80 }]);
    expect(nestedMap(object, "spec", "selector")).toEqual({ matchLabels: { app: "web" } });
  });

  test("absent paths are undefined", () => {
    const object = sample();
    expect(nestedString(object, "metadata", "missing")).toBeUndefined();
    expect(nestedString(object, "spec", "replicas", "deeper")).toBeUndefined();
    expect(nestedField(object, "nothing", "here")).toBeUndefined();
    expect(nestedSlice(object, "spec", "none")).toBeUndefined();
  });

  test.each([
    [() => nestedString(sample(), "spec", "replicas"), ".spec.replicas accessor error: 2 is of the type int64, expected string"],
    [() => nestedInt64(sample(), "spec", "ratio"), ".spec.ratio accessor error: 0.5 is of the type float64, expected int64"],
    [() => nestedBool(sample(), "metadata", "name"), ".metadata.name accessor error: web is of the type string, expected bool"],
    [() => nestedStringMap(sample(), "metadata", "labels"), ".metadata.labels.bad accessor error: 5 is of the type int64, expected string"],
    [() => nestedStringSlice(sample(), "metadata", "finalizers"), ".metadata.finalizers accessor error: 7 is of the type int64, expected string"],
    [() => nestedSlice(sample(), "metadata"), "expected []interface{}"],
    [() => nestedMap(sample(), "metadata", "finalizers"), "is of the type []interface {}, expected map[string]interface{}"],
    [() => nestedFloat64(sample(), "metadata", "name"), "expected float64"],
  ])("wrong type %#", (action, message) => {
    const error = caught(action);
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain(message);
  });

  test("copies are detached", () => {
    const object = sample();
    const ports = nestedSlice(object, "spec", "ports") as { port: number }[];
    (ports[0] as { port: number }).port = 1;
    expect(nestedSlice(object, "spec", "ports")).toEqual([{ port: 80 }]);
  });

  test("set creates maps", () => {
    const object: Unstructured = {};
    setNestedField(object, 3, "spec", "template", "replicas");
    expect(object).toEqual({ spec: { template: { replicas: 3 } } });
  });

  test("set through a non-map fails", () => {
    const error = caught(() => setNestedField(sample(), 1, "spec", "replicas", "x"));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain("value cannot be set because spec.replicas is not a map[string]interface{}");
  });

  test("__proto__ in a path stays an own field", () => {
    const object: Unstructured = {};
    setNestedField(object, "polluted", "__proto__", "injected");
    expect(({} as Record<string, unknown>)["injected"]).toBeUndefined();
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(nestedField(object, "__proto__", "injected")).toBe("polluted");
    removeNestedField(object, "__proto__", "injected");
    expect(nestedField(object, "__proto__")).toEqual({});
  });

  test("__proto__ label survives copies", () => {
    const object = JSON.parse('{"metadata":{"labels":{"__proto__":"x","a":"b"}}}') as Unstructured;
    expect(Object.keys(getLabels(object))).toEqual(["__proto__", "a"]);
    expect(Object.keys(nestedStringMap(object, "metadata", "labels") ?? {})).toEqual(["__proto__", "a"]);
    expect(Object.keys(deepCopyJSON(object["metadata"]) as object)).toEqual(["labels"]);
    expect(Object.keys((deepCopyJSON(object["metadata"]) as { labels: object }).labels)).toEqual(["__proto__", "a"]);
  });

  test("remove", () => {
    const object = sample();
    removeNestedField(object, "spec", "selector", "matchLabels");
    removeNestedField(object, "spec", "absent", "x");
    expect(nestedField(object, "spec", "selector")).toEqual({});
  });

  test("deep copy keeps bigints", () => {
    const object = sample();
    const copy = deepCopyJSON(object);
    expect(copy).toEqual(object);
    expect(copy["spec"]).not.toBe(object["spec"]);
  });
});

describe("metadata accessors", () => {
  test("getters", () => {
    const object = sample();
    expect(getName(object)).toBe("web");
    expect(getNamespace(object)).toBe("default");
    expect(getUID(object)).toBe("u-1");
    expect(getResourceVersion(object)).toBe("42");
    expect(getGeneration(object)).toBe(3);
    expect(getLabels(object)).toEqual({ app: "web" });
    expect(getAnnotations(object)).toEqual({ note: "x" });
    expect(getFinalizers(object)).toEqual(["a", "b"]);
    expect(getOwnerReferences(object)).toEqual([{ apiVersion: "v1", kind: "Node", name: "n", uid: "u", controller: true }]);
    expect(getDeletionTimestamp(object)).toBeUndefined();
    expect(groupVersionKind(object)).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
  });

  test("getters on an empty object", () => {
    const object: Unstructured = { metadata: "not a map" };
    expect(getName(object)).toBe("");
    expect(getLabels(object)).toEqual({});
    expect(getGeneration(object)).toBe(0);
    expect(getFinalizers(object)).toEqual([]);
    expect(getOwnerReferences(object)).toEqual([]);
    expect(groupVersionKind(object)).toEqual({ group: "", version: "", kind: "" });
  });

  test("setters and zero values", () => {
    const object: Unstructured = {};
    setName(object, "a");
    setNamespace(object, "ns");
    setUID(object, "u");
    setResourceVersion(object, "7");
    setGeneration(object, 2n);
    setLabels(object, { k: "v" });
    setAnnotations(object, { a: "b" });
    setFinalizers(object, ["f"]);
    setDeletionTimestamp(object, "2024-01-01T00:00:00Z");
    setOwnerReferences(object, [{ apiVersion: "v1", kind: "Node", name: "n", uid: "u" }]);
    setGroupVersionKind(object, { group: "", version: "v1", kind: "ConfigMap" });

    expect(object).toEqual({
      metadata: {
        name: "a",
        namespace: "ns",
        uid: "u",
        resourceVersion: "7",
        generation: 2n,
        labels: { k: "v" },
        annotations: { a: "b" },
        finalizers: ["f"],
        deletionTimestamp: "2024-01-01T00:00:00Z",
        ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "n", uid: "u" }],
      },
      apiVersion: "v1",
      kind: "ConfigMap",
    });

    setName(object, "");
    setNamespace(object, "");
    setGeneration(object, 0);
    setLabels(object, undefined);
    setFinalizers(object, []);
    setDeletionTimestamp(object, undefined);
    setOwnerReferences(object, []);
    expect(object["metadata"]).toEqual({ uid: "u", resourceVersion: "7", annotations: { a: "b" } });
  });
});

describe("UnstructuredList", () => {
  test("items and list metadata", () => {
    const list: Unstructured = { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "9" }, items: [{ kind: "Pod" }, 3, null] };
    expect(isUnstructuredList(list)).toBe(true);
    expect(isUnstructuredList({ kind: "Pod" })).toBe(false);
    expect(listItems(list)).toEqual([{ kind: "Pod" }]);
    expect(getListResourceVersion(list)).toBe("9");
    setContinue(list, "token");
    setRemainingItemCount(list, 5);
    expect(getContinue(list)).toBe("token");
    expect(getRemainingItemCount(list)).toBe(5);
    setContinue(list, "");
    setRemainingItemCount(list, undefined);
    setListResourceVersion(list, "");
    expect(list["metadata"]).toEqual({});
  });
});
