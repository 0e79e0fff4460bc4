import { describe, expect, test } from "vitest";
import { apiVersionOf, groupVersionOf, parseFixtureName, printLiteral, propertyKey } from "../src/index.js";

describe("groupVersionOf", () => {
  test.each([
    ["k8s.io.api.core.v1", "", "v1", "core/v1"],
    ["k8s.io.api.apps.v1", "apps", "v1", "apps/v1"],
    ["k8s.io.api.rbac.v1", "rbac.authorization.k8s.io", "v1", "rbac/v1"],
    ["k8s.io.api.apiserverinternal.v1alpha1", "internal.apiserver.k8s.io", "v1alpha1", "apiserverinternal/v1alpha1"],
    ["k8s.io.api.flowcontrol.v1beta3", "flowcontrol.apiserver.k8s.io", "v1beta3", "flowcontrol/v1beta3"],
    ["k8s.io.apimachinery.pkg.apis.meta.v1", "meta.k8s.io", "v1", "meta/v1"],
    ["k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1", "apiextensions.k8s.io", "v1beta1", "apiextensions/v1beta1"],
    ["k8s.io.apimachinery.pkg.util.intstr", "", "", "apimachinery/util/intstr"],
    ["k8s.io.apimachinery.pkg.runtime", "", "", "apimachinery/runtime"],
  ])("places %s", (packageName, group, version, folder) => {
    expect(groupVersionOf(packageName)).toEqual({ group, version, folder });
  });

  test.each([["k8s.io.api.unknowngroup.v1"], ["k8s.io.api.apps"], ["google.protobuf"]])("rejects %s", (packageName) => {
    expect(() => groupVersionOf(packageName)).toThrow(/unknown/);
  });
});

describe("apiVersionOf", () => {
  test.each([
    ["", "v1", "v1"],
    ["apps", "v1", "apps/v1"],
  ])("joins %j and %s", (group, version, expected) => {
    expect(apiVersionOf(group, version)).toBe(expected);
  });
});

describe("parseFixtureName", () => {
  test.each([
    ["core.v1.Pod", { group: "", version: "v1", kind: "Pod" }],
    ["apps.v1.Deployment", { group: "apps", version: "v1", kind: "Deployment" }],
    ["rbac.authorization.k8s.io.v1.Role", { group: "rbac.authorization.k8s.io", version: "v1", kind: "Role" }],
  ])("reads %s", (name, expected) => {
    expect(parseFixtureName(name)).toEqual(expected);
  });

  test.each([["Pod"], ["v1.Pod"], [""]])("rejects %j", (name) => {
    expect(() => parseFixtureName(name)).toThrow(/invalid fixture name/);
  });
});

describe("printLiteral", () => {
  test.each([
    ["text", '"text"'],
    ['quote " and \\', '"quote \\" and \\\\"'],
    [7, "7"],
    [true, "true"],
    [[], "[]"],
    [["a", 1], '["a", 1]'],
    [{}, "{}"],
    [{ a: 1, b: undefined, c: "x" }, '{ a: 1, c: "x" }'],
    [{ $ref: "r", "x-kubernetes-list-type": "map" }, '{ $ref: "r", "x-kubernetes-list-type": "map" }'],
  ])("writes %j", (value, expected) => {
    expect(printLiteral(value)).toBe(expected);
  });
});

describe("propertyKey", () => {
  test.each([
    ["name", "name"],
    ["$ref", "$ref"],
    ["x-kubernetes-map-type", '"x-kubernetes-map-type"'],
    ["1st", '"1st"'],
  ])("writes %s", (name, expected) => {
    expect(propertyKey(name)).toBe(expected);
  });
});
