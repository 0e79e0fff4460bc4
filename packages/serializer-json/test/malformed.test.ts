import { describe, expect, test } from "vitest";
import { type StatusError, isBadRequest } from "@apimachinery/meta";
import { decodeJson, DEFAULT_MAX_DEPTH } from "@apimachinery/serializer-json";

function decodeError(data: string | Uint8Array, maxDepth?: number): unknown {
  try {
    decodeJson(data, maxDepth === undefined ? {} : { maxDepth });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("malformed input", () => {
  test.each([
    ["", "line 1, column 1: unexpected end of JSON input"],
    ["   ", "unexpected end of JSON input"],
    ['{"kind":"Pod"', "line 1, column 14: unexpected end of JSON input"],
    ['{"kind":"Pod",}', "line 1, column 15: invalid character '}' looking for beginning of object key string"],
    ['{"kind":"Pod"}}', "invalid character '}' after top-level value"],
    ['{"kind":"Pod"} x', "invalid character 'x' after top-level value"],
    ['{"kind" "Pod"}', "invalid character '\"' after object key"],
    ['{"kind":"Pod" "a":1}', "invalid character '\"' after object key:value pair"],
    ['{"kind":"Pod","a":[1 2]}', "invalid character '2' after array element"],
    ['{"kind":"Pod","a":tru}', "invalid character 't' looking for beginning of value"],
    ['{"kind":"Pod","a":01}', "invalid character '1' after object key:value pair"],
    ['{"kind":"Pod","a":-}', "invalid character '}' in numeric literal"],
    ['{"kind":"Pod","a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"kind":"Pod","a":1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"kind":"Pod","a":"\\x"}', "invalid character 'x' in string escape code"],
    ['{"kind":"Pod","a":"\\u12G4"}', 'invalid character in \\u escape code: "12G4"'],
    ['{"kind":"Pod","a":"tab\there"}', "invalid character '\\x09' in string literal"],
    ['{"kind":"Pod","a":NaN}', "invalid character 'N' looking for beginning of value"],
    ["{'kind':'Pod'}", "invalid character '\\'' looking for beginning of object key string"],
    ['{\n  "kind": "Pod",\n  "a": ]\n}', "line 3, column 8: invalid character ']' looking for beginning of value"],
    ["\uFEFF{}", "invalid character '\uFEFF' looking for beginning of value"],
    ["[1,2]", "expected a JSON object, got array"],
    ["null", "expected a JSON object, got null"],
    ['"Pod"', "expected a JSON object, got string"],
    ["12345678901234567890", "expected a JSON object, got number"],
    ['{"apiVersion":"v1"}', `Object 'Kind' is missing in '{"apiVersion":"v1"}'`],
    ['{"kind":""}', "Object 'Kind' is missing"],
    ['{"kind":5}', 'cannot unmarshal number into field "kind" of type string'],
    ['{"kind":"Pod","apiVersion":["v1"]}', 'cannot unmarshal array into field "apiVersion" of type string'],
    ['{"kind":"Pod","apiVersion":true}', 'cannot unmarshal boolean into field "apiVersion" of type string'],
    ['{"kind":"Pod","apiVersion":"a/b/c"}', "unexpected GroupVersion string: a/b/c"],
    ['{"kind":"Pod","n":1e999}', "number 1e999 is out of the range of a 64-bit float"],
  ])("%j", (input, message) => {
    const error = decodeError(input);
    expect(isBadRequest(error)).toBe(true);
    expect((error as StatusError).code).toBe(400);
    expect(String(error)).toContain(message);
  });

  test("long missing-kind input is shortened", () => {
    const error = decodeError(`{"apiVersion":"v1","data":"${"x".repeat(10_000)}"}`);
    expect((error as StatusError).message.length).toBeLessThan(400);
  });

  test.each([
    [new Uint8Array([0x7b, 0xff, 0x7d]), "invalid UTF-8 at byte offset 1"],
    [new Uint8Array([0x7b, 0x22, 0xc3, 0x22, 0x7d]), "invalid UTF-8 at byte offset 2"],
    [new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d]), "invalid UTF-8 at byte offset 1"],
    [new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]), "invalid UTF-8 at byte offset 1"],
    [new Uint8Array([0x7b, 0xf0, 0x9f, 0x98]), "invalid UTF-8 at byte offset 1"],
  ])("invalid UTF-8 %#", (bytes, message) => {
    const error = decodeError(bytes);
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain(message);
  });

  test("byte order mark in bytes", () => {
    const error = decodeError(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain("line 1, column 1: invalid character '\uFEFF' looking for beginning of value");
  });

  test.each([
    ['{"k\\u0069nd":"Pod","apiVersion":"v1"}', { group: "", version: "v1", kind: "Pod" }],
    ['{"kind":"P\\u006fd","n":12345678901234567890}', { group: "", version: "", kind: "Pod" }],
    ['{"kind":"\\ud83d\\ude00"}', { group: "", version: "", kind: "😀" }],
  ])("escaped names %s", (text, gvk) => {
    expect(decodeJson(text).gvk).toEqual(gvk);
    expect(decodeJson(text, { strict: true }).gvk).toEqual(gvk);
  });

  test("valid multi-byte UTF-8", () => {
    const { object } = decodeJson(new TextEncoder().encode('{"kind":"Pod","s":"ü✓😀"}'));
    expect(object["s"]).toBe("ü✓😀");
  });

  test.each([
    ["arrays", (depth: number) => `{"kind":"K","a":${"[".repeat(depth)}${"]".repeat(depth)}}`],
    ["objects", (depth: number) => `{"kind":"K","a":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`],
  ])("deep %s", (_name, build) => {
    expect(() => decodeJson(build(DEFAULT_MAX_DEPTH - 1))).not.toThrow();
    const error = decodeError(build(DEFAULT_MAX_DEPTH));
    expect(isBadRequest(error)).toBe(true);
    expect(String(error)).toContain(`exceeded max depth of ${DEFAULT_MAX_DEPTH}`);
  });

  test("huge nesting", () => {
    const depth = 1_000_000;
    const error = decodeError(`{"kind":"K","a":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    expect(isBadRequest(error)).toBe(true);
  });

  test("brackets inside strings are not nesting", () => {
    const text = `{"kind":"K","s":"${"[".repeat(5000)}"}`;
    expect(decodeJson(text).object["s"]).toBe("[".repeat(5000));
  });

  test("custom depth limit", () => {
    expect(String(decodeError('{"kind":"K","a":[[[]]]}', 3))).toContain("exceeded max depth of 3");
    expect(() => decodeJson('{"kind":"K","a":[[]]}', { maxDepth: 3 })).not.toThrow();
  });
});
