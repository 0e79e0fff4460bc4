import { describe, expect, it, test } from "vitest";
import { parseMarkers } from "../src/index.js";

describe("parseMarkers", () => {
  test.each([
    ["", { optional: false, listMapKeys: [] }],
    ["+optional", { optional: true, listMapKeys: [] }],
    ["text\n+listType=map\n+listMapKey=name\n+listMapKey=protocol", { optional: false, listType: "map", listMapKeys: ["name", "protocol"] }],
    ["+listType=atomic", { optional: false, listType: "atomic", listMapKeys: [] }],
    ["+listType=set", { optional: false, listType: "set", listMapKeys: [] }],
    ["+mapType=granular", { optional: false, mapType: "granular", listMapKeys: [] }],
    ["+structType=atomic", { optional: false, structType: "atomic", listMapKeys: [] }],
    ["+patchStrategy=merge,retainKeys\n+patchMergeKey=name", { optional: false, patchStrategy: "merge,retainKeys", patchMergeKey: "name", listMapKeys: [] }],
    ["  +optional  ", { optional: true, listMapKeys: [] }],
  ])("reads %j", (comment, expected) => {
    expect(parseMarkers(comment)).toEqual(expected);
  });

  test.each([
    ["+k8s:optional"],
    ['+k8s:alpha(since: "1.37")=+k8s:optional'],
    ["+featureGate=Something"],
    ["an +optional inside prose"],
  ])("ignores %j", (comment) => {
    expect(parseMarkers(comment)).toEqual({ optional: false, listMapKeys: [] });
  });

  it("accepts null and undefined comments", () => {
    expect(parseMarkers(null)).toEqual({ optional: false, listMapKeys: [] });
    expect(parseMarkers(undefined)).toEqual({ optional: false, listMapKeys: [] });
  });

  test.each([["+listType=bag"], ["+mapType=loose"], ["+structType="]])("rejects %j", (comment) => {
    expect(() => parseMarkers(comment)).toThrow(/invalid marker value/);
  });
});
