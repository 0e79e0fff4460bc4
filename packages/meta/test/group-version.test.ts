import { describe, expect, test } from "vitest";
import {
  formatGroupKind,
  formatGroupResource,
  formatGroupVersion,
  formatGroupVersionKind,
  formatGroupVersionResource,
  fromAPIVersionAndKind,
  isBadRequest,
  parseGroupKind,
  parseGroupResource,
  parseGroupVersion,
  parseKindArg,
  parseResourceArg,
  sameGroupVersionKind,
  toAPIVersionAndKind,
} from "../src/index.js";

describe("parseGroupVersion", () => {
  test.each([
    ["v1", "", "v1"],
    ["apps/v1", "apps", "v1"],
    ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io", "v1"],
    ["", "", ""],
    ["/", "", ""],
    ["apps/", "apps", ""],
    ["/v1", "", "v1"],
  ])("%j is group %j version %j", (input, group, version) => {
    expect(parseGroupVersion(input)).toEqual({ group, version });
  });

  test.each(["a/b/c", "apps/v1/", "//"])("%j is rejected", (input) => {
    let caught: unknown;
    try {
      parseGroupVersion(input);
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toBe(`unexpected GroupVersion string: ${input}`);
  });

  test.each(["v1", "apps/v1", "batch/v1beta1"])("%j round-trips", (input) => {
    expect(formatGroupVersion(parseGroupVersion(input))).toBe(input);
  });
});

describe("GroupVersionKind and GroupVersionResource", () => {
  test.each([
    [{ group: "apps", version: "v1", kind: "Deployment" }, "apps/v1, Kind=Deployment"],
    [{ group: "", version: "v1", kind: "Pod" }, "/v1, Kind=Pod"],
    [{ group: "", version: "", kind: "" }, "/, Kind="],
  ])("%j formats as %j", (gvk, expected) => {
    expect(formatGroupVersionKind(gvk)).toBe(expected);
  });

  test("resource formats like Go", () => {
    expect(formatGroupVersionResource({ group: "apps", version: "v1", resource: "deployments" })).toBe("apps/v1, Resource=deployments");
  });

  test.each([
    ["apps/v1", "Deployment", { group: "apps", version: "v1", kind: "Deployment" }],
    ["v1", "Pod", { group: "", version: "v1", kind: "Pod" }],
    ["", "Pod", { group: "", version: "", kind: "Pod" }],
    ["a/b/c", "Pod", { group: "", version: "", kind: "Pod" }],
  ])("fromAPIVersionAndKind(%j, %j)", (apiVersion, kind, expected) => {
    expect(fromAPIVersionAndKind(apiVersion, kind)).toEqual(expected);
  });

  test.each([
    [{ group: "apps", version: "v1", kind: "Deployment" }, { apiVersion: "apps/v1", kind: "Deployment" }],
    [{ group: "", version: "v1", kind: "Pod" }, { apiVersion: "v1", kind: "Pod" }],
    [{ group: "", version: "", kind: "" }, { apiVersion: "", kind: "" }],
  ])("toAPIVersionAndKind(%j)", (gvk, expected) => {
    expect(toAPIVersionAndKind(gvk)).toEqual(expected);
  });

  test("same kind comparison", () => {
    expect(sameGroupVersionKind({ group: "a", version: "v1", kind: "K" }, { group: "a", version: "v1", kind: "K" })).toBe(true);
    expect(sameGroupVersionKind({ group: "a", version: "v1", kind: "K" }, { group: "a", version: "v2", kind: "K" })).toBe(false);
  });
});

describe("GroupKind and GroupResource", () => {
  test.each([
    ["Deployment.apps", { group: "apps", kind: "Deployment" }, "Deployment.apps"],
    ["Pod", { group: "", kind: "Pod" }, "Pod"],
    ["Role.rbac.authorization.k8s.io", { group: "rbac.authorization.k8s.io", kind: "Role" }, "Role.rbac.authorization.k8s.io"],
  ])("group kind %j", (input, expected, formatted) => {
    expect(parseGroupKind(input)).toEqual(expected);
    expect(formatGroupKind(expected)).toBe(formatted);
  });

  test.each([
    ["deployments.apps", { group: "apps", resource: "deployments" }],
    ["pods", { group: "", resource: "pods" }],
  ])("group resource %j", (input, expected) => {
    expect(parseGroupResource(input)).toEqual(expected);
    expect(formatGroupResource(expected)).toBe(input);
  });

  test("resource argument with version", () => {
    expect(parseResourceArg("deployments.v1.apps")).toEqual({
      gvr: { resource: "deployments", version: "v1", group: "apps" },
      gr: { resource: "deployments", group: "v1.apps" },
    });
    expect(parseResourceArg("deployments.apps")).toEqual({ gr: { resource: "deployments", group: "apps" } });
    expect(parseKindArg("Role.v1.rbac.authorization.k8s.io").gvk).toEqual({ kind: "Role", version: "v1", group: "rbac.authorization.k8s.io" });
  });
});
