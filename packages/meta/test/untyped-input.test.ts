import { describe, expect, test } from "vitest";
import {
  addQuantities,
  isBadRequest,
  labelSelectorAsMap,
  labelSelectorAsSelector,
  nameIsDNSSubdomain,
  parseDuration,
  parseFieldSelector,
  parseLabelSelector,
  parseMicroTime,
  parseQuantity,
  parseTime,
  validateLabels,
  validateObjectMetaName,
  validateObjectMetaNamespace,
} from "../src/index.js";

/** Values as they arrive from decoded JSON that no schema has checked. */
const junk: unknown[] = [undefined, null, 5, true, {}, [], ["a"], { a: 1 }];

function expectBadRequest(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(isBadRequest(caught)).toBe(true);
}

describe("untyped input", () => {
  // A JSON number is a valid quantity, so 5 is left out here.
  const notQuantities = junk.filter((value) => typeof value !== "number");

  test.each(notQuantities)("parseQuantity rejects %j", (value) => {
    expectBadRequest(() => parseQuantity(value as string));
  });

  test.each(notQuantities)("addQuantities rejects %j", (value) => {
    expectBadRequest(() => addQuantities(value as string, "1"));
  });

  test.each(junk)("parseDuration rejects %j", (value) => {
    expectBadRequest(() => parseDuration(value as string));
  });

  test.each(junk)("parseTime rejects %j", (value) => {
    expectBadRequest(() => parseTime(value as string));
    expectBadRequest(() => parseMicroTime(value as string));
  });

  test.each(junk)("selector parsers reject %j", (value) => {
    expectBadRequest(() => parseLabelSelector(value as string));
    expectBadRequest(() => parseFieldSelector(value as string));
  });

  test.each([
    { matchLabels: { a: 1 } },
    { matchLabels: "a=b" },
    { matchExpressions: "a" },
    { matchExpressions: [null] },
    { matchExpressions: [{ key: 5, operator: "Exists" }] },
    { matchExpressions: [{ key: "a", operator: 1 }] },
    { matchExpressions: [{ key: "a", operator: "In", values: "b" }] },
    { matchExpressions: [{ key: "a", operator: "In", values: [1] }] },
  ])("LabelSelector %j is rejected", (selector) => {
    expectBadRequest(() => labelSelectorAsSelector(selector as never));
    expectBadRequest(() => labelSelectorAsMap(selector as never));
  });

  test.each([{ name: 5 }, { generateName: {} }])("metadata %j is rejected", (meta) => {
    expectBadRequest(() => validateObjectMetaName(meta as never, nameIsDNSSubdomain));
  });

  test("namespace and labels of the wrong type are rejected", () => {
    expectBadRequest(() => validateObjectMetaNamespace({ namespace: 1 } as never, true));
    expectBadRequest(() => validateLabels({ a: 1 } as never));
    expectBadRequest(() => validateLabels([] as never));
  });
});
