import { describe, expect, test } from "vitest";
import { getScaledValueFromIntOrPercent, intOrStringToString, intOrStringValue, isBadRequest, isPercent } from "../src/index.js";

describe("IntOrString", () => {
  test.each([
    [8080, 8080],
    ["8080", 8080],
    ["+12", 12],
    ["-3", -3],
    ["http", 0],
    ["1.5", 0],
    ["", 0],
    ["99999999999999999999", 0],
  ])("value of %j is %d", (input, expected) => {
    expect(intOrStringValue(input)).toBe(expected);
  });

  test.each([
    [80, "80"],
    ["http", "http"],
  ])("%j as a string is %j", (input, expected) => {
    expect(intOrStringToString(input)).toBe(expected);
  });

  test.each([
    [5, 100, true, 5],
    [5, 100, false, 5],
    ["25%", 10, true, 3],
    ["25%", 10, false, 2],
    ["100%", 7, true, 7],
    ["0%", 7, true, 0],
    ["33%", 3, true, 1],
    ["33%", 3, false, 0],
    ["-10%", 15, false, -2],
    ["-10%", 15, true, -1],
    ["150%", 4, false, 6],
  ])("scaled value of %j of %d (round up %s) is %d", (value, total, roundUp, expected) => {
    expect(getScaledValueFromIntOrPercent(value, total, roundUp)).toBe(expected);
  });

  test.each([["10"], ["%"], ["a%"], ["1.5%"], ["10 %"]])("%j is not a percentage", (value) => {
    let caught: unknown;
    try {
      getScaledValueFromIntOrPercent(value, 10, true);
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^invalid value for IntOrString: /);
  });

  test("undefined is rejected", () => {
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, true)).toThrow("nil value for IntOrString");
  });

  test.each([
    ["25%", true],
    ["25", false],
    [25, false],
    ["x%", false],
  ])("%j is a percentage: %s", (value, expected) => {
    expect(isPercent(value)).toBe(expected);
  });
});
