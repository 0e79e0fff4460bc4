import { describe, expect, it, test } from "vitest";
import { FieldSet, fieldElement, fromFieldsV1, keyElement, parsePathElement, pathToString, serializePathElement, toFieldsV1, type FieldPath } from "../../src/fieldmanager/index.js";

const f = fieldElement;

/** A managedFields entry as kube-apiserver writes it for `kubectl create deployment web --image=nginx`. */
const deploymentFields = {
  "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
  "f:spec": {
    "f:replicas": {},
    "f:selector": {},
    "f:template": {
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:containers": {
          'k:{"name":"nginx"}': {
            ".": {},
            "f:image": {},
            "f:name": {},
            "f:ports": { ".": {}, 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {}, "f:protocol": {} } },
          },
        },
      },
    },
  },
};

describe("FieldsV1", () => {
  it("round-trips a Deployment entry byte for byte", () => {
    const set = fromFieldsV1(deploymentFields);
    expect(JSON.stringify(toFieldsV1(set))).toBe(JSON.stringify(deploymentFields));
  });

  it("reads members and children", () => {
    const set = fromFieldsV1(deploymentFields);
    expect(set.has([f("spec"), f("replicas")])).toBe(true);
    expect(set.has([f("spec")])).toBe(false);
    expect(set.has([f("metadata"), f("labels")])).toBe(true);
    const port = keyElement([
      { name: "protocol", value: "TCP" },
      { name: "containerPort", value: 80 },
    ]);
    const containers = [f("spec"), f("template"), f("spec"), f("containers")];
    expect(set.has([...containers, keyElement([{ name: "name", value: "nginx" }]), f("ports"), port])).toBe(true);
  });

  it("writes keys in path-element order with the member marker first", () => {
    const set = FieldSet.of(
      [f("spec"), f("b")],
      [f("spec")],
      [f("spec"), { kind: "index", index: 2 }],
      [f("spec"), { kind: "value", value: "x" }],
      [f("spec"), keyElement([{ name: "name", value: "a" }])],
      [f("spec"), f("a"), f("z")],
    );
    expect(JSON.stringify(toFieldsV1(set))).toBe(
      JSON.stringify({ "f:spec": { ".": {}, "f:a": { "f:z": {} }, "f:b": {}, 'k:{"name":"a"}': {}, 'v:"x"': {}, "i:2": {} } }),
    );
  });

  it("writes map-list keys sorted by field name", () => {
    const element = keyElement([
      { name: "protocol", value: "UDP" },
      { name: "containerPort", value: 53 },
    ]);
    expect(serializePathElement(element)).toBe('k:{"containerPort":53,"protocol":"UDP"}');
  });

  it("escapes key strings as Go does", () => {
    expect(serializePathElement(keyElement([{ name: "name", value: "a<b>&c" }]))).toBe('k:{"name":"a\\u003cb\\u003e\\u0026c"}');
    expect(serializePathElement({ kind: "value", value: "x\u2028" })).toBe('v:"x\\u2028"');
  });

  it("orders set values by kind and value", () => {
    const set = FieldSet.of([{ kind: "value", value: "b" }], [{ kind: "value", value: 2 }], [{ kind: "value", value: "a" }], [{ kind: "value", value: 1.5 }], [{ kind: "value", value: true }]);
    expect(Object.keys(toFieldsV1(set))).toEqual(["v:1.5", "v:2", 'v:"a"', 'v:"b"', "v:true"]);
  });

  it("skips keys with an unknown prefix", () => {
    const set = fromFieldsV1({ "f:a": {}, "x:future": {}, "f:b": { "y:z": {} } });
    expect(JSON.stringify(toFieldsV1(set))).toBe(JSON.stringify({ "f:a": {}, "f:b": {} }));
  });

  it("reads an empty object as an empty set", () => {
    expect(fromFieldsV1({}).isEmpty()).toBe(true);
    expect(toFieldsV1(new FieldSet())).toEqual({});
  });

  test.each([
    ["a non-object", "f:a", /must be a JSON object/],
    ["a non-object child", { "f:a": 1 }, /"f:a" must be a JSON object/],
    ["a short key", { f: {} }, /key must be 2 characters long/],
    ["a key without colon", { "fa": {} }, /missing colon/],
    ["a bad key object", { "k:[1]": {} }, /is not a JSON object/],
    ["bad key JSON", { 'k:{"name":': {} }, /invalid JSON/],
    ["bad value JSON", { "v:{": {} }, /invalid JSON/],
    ["a bad index", { "i:x": {} }, /invalid index/],
  ])("rejects %s", (_name, input, message) => {
    expect(() => fromFieldsV1(input)).toThrow(message);
  });
});

describe("path elements", () => {
  test.each([
    ["f:spec", { kind: "field", name: "spec" }],
    ["i:3", { kind: "index", index: 3 }],
    ['v:"a"', { kind: "value", value: "a" }],
    ["v:5", { kind: "value", value: 5 }],
  ])("parses %s", (text, expected) => {
    expect(parsePathElement(text)).toEqual(expected);
  });

  it("prints paths as Kubernetes does", () => {
    const path: FieldPath = [f("spec"), f("containers"), keyElement([{ name: "name", value: "nginx" }]), f("args"), { kind: "value", value: "x" }, { kind: "index", index: 0 }];
    expect(pathToString(path)).toBe('.spec.containers[name="nginx"].args[="x"][0]');
  });
});

describe("FieldSet", () => {
  const a = FieldSet.of([f("a")], [f("b"), f("c")], [f("b"), f("d")]);
  const b = FieldSet.of([f("b"), f("c")], [f("e")], [f("b")]);

  it("unions", () => {
    expect(toFieldsV1(a.union(b))).toEqual({ "f:a": {}, "f:b": { ".": {}, "f:c": {}, "f:d": {} }, "f:e": {} });
  });

  it("intersects", () => {
    expect(toFieldsV1(a.intersection(b))).toEqual({ "f:b": { "f:c": {} } });
  });

  it("subtracts members without their children", () => {
    expect(toFieldsV1(a.difference(b))).toEqual({ "f:a": {}, "f:b": { "f:d": {} } });
  });

  it("subtracts recursively below members", () => {
    expect(toFieldsV1(a.recursiveDifference(FieldSet.of([f("b")])))).toEqual({ "f:a": {} });
  });

  it("lists member paths in order", () => {
    expect(a.paths().map(pathToString)).toEqual([".a", ".b.c", ".b.d"]);
  });

  it("compares sets", () => {
    expect(a.equals(fromFieldsV1(toFieldsV1(a)))).toBe(true);
    expect(a.equals(b)).toBe(false);
  });
});
