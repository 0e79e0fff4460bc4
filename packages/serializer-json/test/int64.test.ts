import { describe, expect, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import { decodeJson, encodeJsonText, integerValue, parseJsonText } from "@apimachinery/serializer-json";

describe("int64 decoding", () => {
  test.each([
    ["9007199254740991", 9007199254740991],
    ["-9007199254740991", -9007199254740991],
    ["9007199254740992", 9007199254740992n],
    ["9007199254740993", 9007199254740993n],
    ["-9007199254740993", -9007199254740993n],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["9223372036854775808", 9223372036854775808],
    ["-9223372036854775809", -9223372036854775809],
    ["123456789012345678901234567890", 1.2345678901234568e29],
    ["1234567890123456", 1234567890123456],
    ["0", 0],
    ["-0", -0],
    ["1.5", 1.5],
    ["1e3", 1000],
    ["1E+3", 1000],
    ["9007199254740993.0", 9007199254740992],
    ["1.7976931348623157e308", 1.7976931348623157e308],
    ["5e-324", 5e-324],
    ["1e-400", 0],
    ["12345678901234567890e-10", 1234567890.1234567],
  ])("%s", (literal, expected) => {
    const { object } = decodeJson(`{"kind":"K","n":${literal}}`);
    expect(object["n"]).toStrictEqual(expected);
  });

  test.each(["1e400", "-1e309", "1.5e999"])("%s overflows a double", (literal) => {
    expect(() => decodeJson(`{"kind":"K","n":${literal}}`)).toThrow(/out of the range/);
    try {
      decodeJson(`{"kind":"K","n":${literal}}`);
    } catch (error) {
      expect(isBadRequest(error)).toBe(true);
    }
  });

  test.each(['"12345678901234567890"', '"id 12345678901234567890"', '"a:12345678901234567890"', '"1e999"', '"x 1e999"'])(
    "digits in string %s stay a string",
    (literal) => {
      const { object } = decodeJson(`{"kind":"K","s":${literal}}`);
      expect(object["s"]).toBe(JSON.parse(literal));
    },
  );

  test.each([
    ["9007199254740993", 9007199254740993n],
    [" -9007199254740993", -9007199254740993n],
    ["[9007199254740993]", [9007199254740993n]],
    ["[\n9007199254740993]", [9007199254740993n]],
    ['{"a":[1,\t9007199254740993]}', { a: [1, 9007199254740993n] }],
    ["0.12345678901234567890", 0.12345678901234568],
  ])("parseJsonText %s", (text, expected) => {
    expect(parseJsonText(text)).toStrictEqual(expected);
  });

  test.each([
    ["123", 123],
    ["-9007199254740991", -9007199254740991],
    ["9007199254740992", 9007199254740992n],
    ["18446744073709551615", 18446744073709552000],
  ])("integerValue %s", (text, expected) => {
    expect(integerValue(text)).toStrictEqual(expected);
  });
});

describe("int64 encoding", () => {
  test.each([
    [9007199254740993n, "9007199254740993"],
    [-9223372036854775808n, "-9223372036854775808"],
    [9223372036854775807n, "9223372036854775807"],
  ])("%s is written bare", (value, text) => {
    expect(encodeJsonText({ a: [value], b: { c: value } })).toBe(`{"a":[${text}],"b":{"c":${text}}}`);
  });

  test("README example", () => {
    const input = '{"apiVersion":"v1","kind":"Pod","spec":{"securityContext":{"runAsUser":9007199254740993}}}';
    const { object, gvk } = decodeJson(input);
    expect(gvk).toEqual({ group: "", version: "v1", kind: "Pod" });
    expect(encodeJsonText(object)).toBe(input);
  });

  test("round trip keeps the exact value", () => {
    const input = '{"kind":"K","spec":{"runAsUser":9007199254740993,"list":[1,-9223372036854775808]}}';
    const { object } = decodeJson(input);
    expect(encodeJsonText(object)).toBe(input);
  });

  test("pretty output with a bigint matches JSON.stringify layout", () => {
    const value = { a: 1, b: [1, 2], c: {}, d: [], e: { f: "x" } };
    const withBigint = { ...value, g: 9007199254740993n };
    const expected = JSON.stringify({ ...value, g: 0 }, null, 2).replace('"g": 0', '"g": 9007199254740993');
    expect(encodeJsonText(withBigint, { pretty: true })).toBe(expected);
  });
});
