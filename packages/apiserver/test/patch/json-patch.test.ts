import { isStatusError } from "@apimachinery/meta";
import { describe, expect, test } from "vitest";
import { applyJsonPatch, applyMergePatch } from "@apimachinery/apiserver";

function statusMessage(run: () => unknown): { reason: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (!isStatusError(error)) throw error;
    return { reason: error.status.reason ?? "", message: error.status.message ?? "" };
  }
  return undefined;
}

const doc = { metadata: { name: "a", labels: { x: "1" } }, list: [1, 2, 3] };

describe("JSON patch operations", () => {
  test.each([
    ["add a key", [{ op: "add", path: "/metadata/labels/y", value: "2" }], { ...doc, metadata: { name: "a", labels: { x: "1", y: "2" } } }],
    ["add to a list end", [{ op: "add", path: "/list/-", value: 4 }], { ...doc, list: [1, 2, 3, 4] }],
    ["add at a list index", [{ op: "add", path: "/list/0", value: 0 }], { ...doc, list: [0, 1, 2, 3] }],
    ["remove a list element", [{ op: "remove", path: "/list/1" }], { ...doc, list: [1, 3] }],
    ["replace a value", [{ op: "replace", path: "/metadata/name", value: "b" }], { ...doc, metadata: { name: "b", labels: { x: "1" } } }],
    ["move a value", [{ op: "move", from: "/metadata/labels/x", path: "/metadata/labels/z" }], { ...doc, metadata: { name: "a", labels: { z: "1" } } }],
    ["copy a value", [{ op: "copy", from: "/list/0", path: "/list/-" }], { ...doc, list: [1, 2, 3, 1] }],
    ["test then replace", [{ op: "test", path: "/list", value: [1, 2, 3] }, { op: "replace", path: "/list", value: [] }], { ...doc, list: [] }],
    ["escaped keys", [{ op: "add", path: "/metadata/labels/a~1b~0c", value: "v" }], { ...doc, metadata: { name: "a", labels: { x: "1", "a/b~c": "v" } } }],
    ["replace the root", [{ op: "replace", path: "", value: { a: 1 } }], { a: 1 }],
    ["a key named __proto__", [{ op: "add", path: "/__proto__", value: { polluted: true } }], { ...doc, ["__proto__"]: { polluted: true } }],
  ])("%s", (_name, patch, expected) => {
    const result = applyJsonPatch(doc, patch);
    expect(result).toStrictEqual(JSON.parse(JSON.stringify(expected)));
  });

  test("bigint values pass through", () => {
    const target = { spec: { big: 2n ** 60n } };
    const result = applyJsonPatch(target, [
      { op: "copy", from: "/spec/big", path: "/spec/copy" },
      { op: "add", path: "/spec/other", value: 2n ** 61n },
      { op: "test", path: "/spec/big", value: 2n ** 60n },
    ]);
    expect(result).toEqual({ spec: { big: 2n ** 60n, copy: 2n ** 60n, other: 2n ** 61n } });
  });

  test("inputs are left unchanged", () => {
    const target = structuredClone(doc);
    const patch = [{ op: "add", path: "/metadata/labels/y", value: { deep: [1] } }, { op: "remove", path: "/list/0" }];
    const patchCopy = structuredClone(patch);
    const result = applyJsonPatch(target, patch) as { metadata: { labels: { y: { deep: number[] } } } };
    expect(target).toEqual(doc);
    expect(patch).toEqual(patchCopy);
    result.metadata.labels.y.deep.push(2);
    expect(patch).toEqual(patchCopy);
  });
});

describe("JSON patch rejects", () => {
  test.each([
    ["a patch that is an object", { op: "add" }, "must be a list of operations"],
    ["an operation that is a string", ["add"], "operation 0: expected an object"],
    ["an unknown op", [{ op: "merge", path: "/a" }], 'unknown op "merge"'],
    ["a missing path", [{ op: "add", value: 1 }], 'missing "path"'],
    ["a missing value", [{ op: "add", path: "/a" }], 'missing "value"'],
    ["a missing from", [{ op: "move", path: "/a" }], 'missing "from"'],
    ["a relative path", [{ op: "add", path: "a", value: 1 }], 'must be empty or start with "/"'],
    ["a bad escape", [{ op: "add", path: "/a~2", value: 1 }], 'invalid "~" escape'],
    ["removing a missing key", [{ op: "remove", path: "/metadata/nope" }], "operation 0 (remove /metadata/nope)"],
    ["replacing under a missing parent", [{ op: "replace", path: "/nope/x", value: 1 }], "the path does not exist"],
    ["an index out of range", [{ op: "add", path: "/list/9", value: 1 }], "out of range"],
    ["an index with a leading zero", [{ op: "remove", path: "/list/01" }], "is not a list index"],
    ["a failed test", [{ op: "test", path: "/metadata/name", value: "b" }], "the test failed"],
    ["adding below a scalar", [{ op: "add", path: "/metadata/name/x", value: 1 }], "not an object or list"],
    ["moving into its own child", [{ op: "move", from: "/metadata", path: "/metadata/inner" }], "into one of its own children"],
    ["too many operations", Array.from({ length: 10001 }, () => ({ op: "test", path: "", value: null })), "maximum operations"],
  ])("%s", (_name, patch, message) => {
    const status = statusMessage(() => applyJsonPatch(doc, patch));
    expect(status?.reason).toBe("BadRequest");
    expect(status?.message).toContain(message);
  });
});

describe("JSON merge patch", () => {
  test.each([
    ["merges objects", { a: { b: 1 } }, { a: { c: 2 } }, { a: { b: 1, c: 2 } }],
    ["deletes with null", { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ["replaces lists", { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ["replaces a scalar with an object", { a: 1 }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
    ["replaces the whole value with a non-object patch", { a: 1 }, [1], [1]],
    ["keeps bigint values", { a: 2n ** 60n }, { b: 2n ** 61n }, { a: 2n ** 60n, b: 2n ** 61n }],
  ])("%s", (_name, target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  test("leaves inputs unchanged and shares nothing", () => {
    const target = { a: { b: [1] }, c: 1 };
    const patch = { a: { d: { e: 1 } }, c: null };
    const result = applyMergePatch(target, patch) as { a: { b: number[]; d: { e: number } } };
    expect(target).toEqual({ a: { b: [1] }, c: 1 });
    expect(patch).toEqual({ a: { d: { e: 1 } }, c: null });
    expect(result.a.b).not.toBe(target.a.b);
    expect(result.a.d).not.toBe(patch.a.d);
  });

  test("sets a __proto__ key as data", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(["__proto__"]);
  });
});

describe("patches of deeply nested values", () => {
  let deep: unknown = 1;
  for (let level = 0; level < 20000; level++) deep = { a: deep };

  test.each([
    ["JSON patch", () => applyJsonPatch({}, [{ op: "add", path: "/x", value: deep }])],
    ["merge patch", () => applyMergePatch({}, deep)],
  ])("%s rejects deep nesting", (_name, run) => {
    const status = statusMessage(run);
    expect(status?.reason).toBe("BadRequest");
    expect(status?.message).toContain("nested too deeply");
  });
});
