import { describe, expect, it, test } from "vitest";
import { parseMarkers } from "../src/index.js";

describe("parseMarkers", () => {
  test.each([
    ["", { optional: false, required: false, listMapKeys: [] }],
    ["+optional", { optional: true, required: false, listMapKeys: [] }],
    ["text\n+listType=map\n+listMapKey=name\n+listMapKey=protocol", { optional: false, required: false, listType: "map", listMapKeys: ["name", "protocol"] }],
    ["+listType=atomic", { optional: false, required: false, listType: "atomic", listMapKeys: [] }],
    ["+listType=set", { optional: false, required: false, listType: "set", listMapKeys: [] }],
    ["+mapType=granular", { optional: false, required: false, mapType: "granular", listMapKeys: [] }],
    ["+structType=atomic", { optional: false, required: false, structType: "atomic", listMapKeys: [] }],
    ["+patchStrategy=merge,retainKeys\n+patchMergeKey=name", { optional: false, required: false, patchStrategy: "merge,retainKeys", patchMergeKey: "name", listMapKeys: [] }],
    ["  +optional  ", { optional: true, required: false, listMapKeys: [] }],
    ["+required", { optional: false, required: true, listMapKeys: [] }],
    ["+k8s:required", { optional: false, required: true, listMapKeys: [] }],
  ])("reads %j", (comment, expected) => {
    expect(parseMarkers(comment)).toEqual(expected);
  });

  test.each([
    ["+k8s:optional"],
    ['+k8s:alpha(since: "1.37")=+k8s:optional'],
    ["+featureGate=Something"],
    ["an +optional inside prose"],
  ])("ignores %j", (comment) => {
    expect(parseMarkers(comment)).toEqual({ optional: false, required: false, listMapKeys: [] });
  });

  it("accepts null and undefined comments", () => {
    expect(parseMarkers(null)).toEqual({ optional: false, required: false, listMapKeys: [] });
    expect(parseMarkers(undefined)).toEqual({ optional: false, required: false, listMapKeys: [] });
  });

  test.each([["+listType=bag"], ["+mapType=loose"], ["+structType="]])("rejects %j", (comment) => {
    expect(() => parseMarkers(comment)).toThrow(/invalid marker value/);
  });
});
