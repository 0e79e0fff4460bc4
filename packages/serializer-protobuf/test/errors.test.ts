import { describe, expect, it, test } from "vitest";
import { isBadRequest, isStatusError, type StatusError } from "@apimachinery/meta";
import type { RuntimeObject } from "@apimachinery/runtime";
import { bytes, delimitedHex, envelope, testSerializer } from "./support/test-schemas.js";

const serializer = testSerializer();
const widget = (fields: Record<string, unknown>): RuntimeObject => ({ apiVersion: "example.com/v1", kind: "Widget", ...fields });

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    if (isStatusError(error)) return error;
    throw new Error(`expected a StatusError, got ${String(error)}`);
  }
  throw new Error("expected a failure");
}

/** Returns the hex of a Child nested `depth` times: `{child: {child: ...}}`. */
function nestedChildHex(depth: number): string {
  let inner = "0a0178";
  for (let i = 0; i < depth; i++) inner = delimitedHex("12", inner);
  return inner;
}

describe("decode errors", () => {
  test.each([
    ["empty input", new Uint8Array(0), /empty data \(offset 0\)/],
    ["wrong magic", bytes("6b387301 0a00"), /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/],
    ["JSON instead of protobuf", new TextEncoder().encode('{"kind":"Widget"}'), /does not appear to be a protobuf message/],
    ["a truncated envelope", bytes("6b387300 0a18 0a0e 6578"), /length 24 runs past the end of the data \(offset 5\)/],
    ["a length past the end", envelope("0a0561"), /length 5 runs past the end of the data \(field name, offset \d+\)/],
    ["a truncated varint", envelope("1096"), /unexpected end of data in varint \(field count, offset \d+\)/],
    ["a varint over 10 bytes", envelope("10ffffffffffffffffffff01"), /varint overflows 64 bits \(field count/],
    ["a varint over 64 bits", envelope("10ffffffffffffffffff02"), /varint overflows 64 bits \(field count/],
    ["wire type 6", envelope("9e0600"), /invalid wire type 6 for field 99/],
    ["wire type 6 on a known field", envelope("0e00"), /wrong wire type 6 for field number 1/],
    ["wire type 7 on an unknown field", envelope("9f06"), /invalid wire type 7 for field 99/],
    ["a wrong wire type on a known field", envelope("0d01020304"), /wrong wire type 5 for field number 1 \(field name/],
    ["field number 0", envelope("0001"), /invalid field number 0/],
    ["an end group without a start", envelope("9c06"), /invalid wire type 4 for field 99/],
    ["an unterminated group", envelope("9b06 0801"), /unexpected end of data in group 99/],
    ["a mismatched end group", envelope("9b06 a406"), /mismatched end of group 99/],
    ["a truncated fixed64", envelope("2901020304"), /unexpected end of data in fixed64 \(field ratio/],
    ["a truncated fixed32", envelope("b50101"), /unexpected end of data in fixed32 \(field single/],
    ["an unknown kind", envelope("0a0161", "example.com/v1", "Gadget"), /no kind "Gadget" is registered for version "example.com\/v1"/],
    ["an unknown version", envelope("0a0161", "example.com/v2", "Widget"), /no kind "Widget" is registered for version "example.com\/v2"/],
    ["no kind at all", envelope("0a0161", "", ""), /has no kind/],
    ["a bad element of a list", envelope(`5a03 0a0178 5a02 0a05`), /field children\[1\]\.name/],
    ["a bad map value", envelope(delimitedHex("4a", "0a016b 1205")), /field labels/],
  ])("rejects %s", (_name, data, message) => {
    const error = failure(() => serializer.decode(data));
    expect(isBadRequest(error)).toBe(true);
    expect(error.code).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("names the field path in the status causes", () => {
    const error = failure(() => serializer.decode(envelope("5a03 0a0178 5a02 0a05")));
    expect(error.status.details?.causes?.[0]?.field).toBe("children[1].name");
  });

  it("rejects data over the size limit", () => {
    const small = testSerializer({ maxBytes: 40 });
    const error = failure(() => small.decode(envelope(delimitedHex("0a", "61".repeat(40)))));
    expect(error.message).toMatch(/data of \d+ bytes exceeds the limit of 40 bytes/);
  });

  it("rejects nesting deeper than the limit", () => {
    const shallow = testSerializer({ maxDepth: 20 });
    expect(shallow.decode(envelope(delimitedHex("52", nestedChildHex(15)))).object).toBeDefined();
    expect(failure(() => shallow.decode(envelope(delimitedHex("52", nestedChildHex(30))))).message).toMatch(/nested deeper than 20/);
  });

  it("rejects deep nesting with the default limit, without a stack overflow", () => {
    expect(failure(() => serializer.decode(envelope(delimitedHex("52", nestedChildHex(5000))))).message).toMatch(/nested deeper than 256/);
  });

  it("rejects deep group nesting in unknown fields", () => {
    const groups = "9b06".repeat(300) + "9c06".repeat(300);
    expect(failure(() => serializer.decode(envelope(groups))).message).toMatch(/groups nested too deeply/);
  });

  it("rejects bytes that are not a Uint8Array", () => {
    expect(failure(() => serializer.decode("k8s" as unknown as Uint8Array)).message).toMatch(/expected bytes/);
  });
});

describe("encode errors", () => {
  test.each([
    ["a number for a string", { name: 3 }, /expected a string, got 3 \(field name\)/],
    ["a string for an int32", { count: "3" }, /expected an int32 integer, got "3" \(field count\)/],
    ["an int32 out of range", { count: 2147483648 }, /expected an int32 integer/],
    ["a fraction for an int64", { big: 1.5 }, /expected an int64 integer, got 1.5 \(field big\)/],
    ["a bigint beyond int64", { big: 9223372036854775808n }, /expected an int64 integer/],
    ["a negative uint64", { unsigned: -1 }, /expected a uint64 integer/],
    ["a string for a bool", { flag: "true" }, /expected a boolean/],
    ["invalid base64", { data: "not base64!" }, /invalid base64 data "not base64!" \(field data\)/],
    ["an object for a list", { tags: { a: 1 } }, /expected an array, got an object \(field tags\)/],
    ["a bad list element", { tags: ["a", 2] }, /field tags\[1\]/],
    ["an array for a message", { child: [] }, /expected an object, got an array \(field child\)/],
    ["a bad nested field", { children: [{ name: "a" }, { name: 1 }] }, /field children\[1\]\.name/],
    ["a bad map value", { labels: { app: 1 } }, /field labels\.app/],
    ["a bad inline field", { holder: { inlineCount: "x" } }, /field holder\.inlineCount/],
    ["a non-string verb", { verbs: ["get", 1] }, /field verbs\[1\]/],
  ])("rejects %s", (_name, fields, message) => {
    const error = failure(() => serializer.encode(widget(fields)));
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it("rejects an object without a registered kind", () => {
    expect(failure(() => serializer.encode({ apiVersion: "example.com/v1", kind: "Gadget" })).message).toMatch(/no kind "Gadget" is registered/);
    expect(failure(() => serializer.encode({})).message).toMatch(/has no kind/);
    expect(failure(() => serializer.encode({ apiVersion: 1 } as unknown as RuntimeObject)).message).toMatch(/expected a string in apiVersion/);
  });

  test.each([
    ["null", null],
    ["an array", []],
    ["a string", "Widget"],
  ])("rejects %s in place of an object", (_name, value) => {
    expect(failure(() => serializer.encode(value as unknown as RuntimeObject)).message).toMatch(/expected an object/);
  });

  it("rejects objects nested deeper than the limit", () => {
    let child: Record<string, unknown> = { name: "x" };
    for (let i = 0; i < 300; i++) child = { child };
    expect(failure(() => serializer.encode(widget({ child }))).message).toMatch(/nested deeper than 256/);
  });

  it("keeps encoding after a failure", () => {
    failure(() => serializer.encode(widget({ name: 3 })));
    expect(serializer.decode(serializer.encode(widget({ name: "ok" }))).object).toEqual(widget({ name: "ok" }));
  });
});
