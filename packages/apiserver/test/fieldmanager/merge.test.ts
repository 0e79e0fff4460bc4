import { describe, expect, test } from "vitest";
import { mergeObjects } from "../../src/fieldmanager/merge.js";
import { removeItems } from "../../src/fieldmanager/remove.js";
import { FieldSet, fieldElement } from "../../src/fieldmanager/index.js";
import { deducedNode, scalarNode, type TypeNode } from "../../src/fieldmanager/type-node.js";

const setList: TypeNode = { kind: "list", atomic: false, element: scalarNode };
const mapList: TypeNode = { kind: "list", atomic: false, keys: ["name"], element: { kind: "map", atomic: false, fields: undefined, element: deducedNode } };

describe("mergeObjects", () => {
  test.each([
    ["appends new set values", ["x", "y", "z"], ["z", "w"], ["x", "y", "z", "w"]],
    ["takes the configured order of shared values", ["p", "q"], ["q", "p"], ["q", "p"]],
    ["keeps live-only values in place", ["p", "m", "q"], ["q", "n", "p"], ["m", "q", "n", "p"]],
    ["keeps a live list when nothing is configured", ["p", "q"], [], ["p", "q"]],
    ["keeps live duplicates", ["p", "p"], ["q"], ["p", "p", "q"]],
  ])("%s", (_name, live, config, expected) => {
    expect(mergeObjects(live, config, setList)).toEqual(expected);
  });

  test("merges map-list elements by key", () => {
    const live = [
      { name: "a", image: "one", port: 1 },
      { name: "b", image: "two" },
    ];
    const config = [{ name: "b", image: "three" }, { name: "c" }];
    expect(mergeObjects(live, config, mapList)).toEqual([{ name: "a", image: "one", port: 1 }, { name: "b", image: "three" }, { name: "c" }]);
  });

  test.each([
    ["a scalar over a map", { a: 1 }, "x", "x"],
    ["null over a value", 5, null, null],
    ["an empty map over null", null, {}, {}],
  ])("takes %s from the configuration", (_name, live, config, expected) => {
    expect(mergeObjects(live, config, deducedNode)).toEqual(expected);
  });
});

describe("removeItems", () => {
  test("removes fields and emptied maps", () => {
    const value = { spec: { a: 1, b: { c: 2 } }, keep: true };
    const toRemove = FieldSet.of([fieldElement("spec"), fieldElement("a")], [fieldElement("spec"), fieldElement("b"), fieldElement("c")]);
    expect(removeItems(value, toRemove, deducedNode)).toEqual({ keep: true });
  });

  test("removes set values", () => {
    const value = { items: ["a", "b"] };
    const types: TypeNode = { kind: "map", atomic: false, fields: new Map([["items", { type: setList, zeroPresent: false }]]), element: deducedNode };
    const toRemove = FieldSet.of([fieldElement("items"), { kind: "value", value: "a" }]);
    expect(removeItems(value, toRemove, types)).toEqual({ items: ["b"] });
  });
});
