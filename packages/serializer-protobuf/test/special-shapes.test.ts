import { describe, expect, it, test } from "vitest";
import type { RuntimeObject } from "@apimachinery/runtime";
import { delimitedHex, envelope, hex, testSerializer, varintHex } from "./support/test-schemas.js";

const serializer = testSerializer();
const widget = (fields: Record<string, unknown>): RuntimeObject => ({ apiVersion: "example.com/v1", kind: "Widget", ...fields });
const roundTrip = (fields: Record<string, unknown>): unknown => serializer.decode(serializer.encode(widget(fields))).object;
const field = (object: unknown, name: string): unknown => (object as Record<string, unknown>)[name];

describe("Time and MicroTime", () => {
  const timeHex = (seconds: number, nanos: number): string => delimitedHex("62", `08${varintHex(seconds)} 10${varintHex(nanos)}`);

  test.each([
    ["whole seconds", "2008-01-01T01:01:01Z", 1199149261, 0],
    ["the epoch", "1970-01-01T00:00:00Z", 0, 0],
    ["before the epoch", "1969-12-31T23:59:59Z", -1, 0],
    ["a fraction", "2008-01-01T01:01:01.5Z", 1199149261, 500000000],
    ["a fraction past nanoseconds", "2008-01-01T01:01:01.1234567891Z", 1199149261, 123456789],
    ["an offset", "2008-01-01T02:01:01+01:00", 1199149261, 0],
    ["a negative offset", "2008-01-01T00:01:01-01:00", 1199149261, 0],
  ])("encodes %s", (_name, text, seconds, nanos) => {
    expect(hex(serializer.encode(widget({ created: text })))).toBe(hex(envelope(timeHex(seconds, nanos))));
  });

  test.each([
    ["seconds", 1199149261, 0, "2008-01-01T01:01:01Z"],
    ["nanos dropped as Go's JSON drops them", 1199149261, 999999999, "2008-01-01T01:01:01Z"],
    ["Go's zero time as null", -62135596800, 0, null],
    ["the first second of year 1", -62135596800, 1, "0001-01-01T00:00:00Z"],
    ["the last second of 9999", 253402300799, 0, "9999-12-31T23:59:59Z"],
    ["a leap day", 1709164800, 0, "2024-02-29T00:00:00Z"],
    ["before the epoch", -1, 0, "1969-12-31T23:59:59Z"],
  ])("decodes %s", (_name, seconds, nanos, expected) => {
    expect(field(serializer.decode(envelope(timeHex(seconds, nanos))).object, "created")).toBe(expected);
  });

  it("decodes an empty message as null", () => {
    expect(field(serializer.decode(envelope("6200")).object, "created")).toBeNull();
  });

  it("rejects a time past the year 9999 on decode", () => {
    expect(() => serializer.decode(envelope(timeHex(253402300800, 0)))).toThrow(/outside the years 0000-9999.*field created/);
  });

  it("writes null as an empty message", () => {
    expect(hex(serializer.encode(widget({ created: null })))).toBe(hex(envelope("6200")));
  });

  test.each([
    ["microseconds", "2003-01-01T01:01:01.000003Z"],
    ["no fraction", "2003-01-01T01:01:01.000000Z"],
    ["a full fraction", "2003-01-01T01:01:01.999999Z"],
  ])("MicroTime keeps %s", (_name, text) => {
    expect(field(roundTrip({ renewed: text }), "renewed")).toBe(text);
  });

  it("MicroTime reads a time without fraction", () => {
    expect(field(roundTrip({ renewed: "2003-01-01T01:01:01Z" }), "renewed")).toBe("2003-01-01T01:01:01.000000Z");
  });

  it("repeated times keep their order", () => {
    const times = ["2001-01-01T00:00:00Z", "2000-01-01T00:00:00Z"];
    expect(field(roundTrip({ times }), "times")).toEqual(times);
  });

  test.each(["2008-13-01T00:00:00Z", "2008-02-30T00:00:00Z", "2008-01-01 00:00:00Z", "2008-01-01T24:00:00Z", "yesterday", "2008-01-01T00:00:00z"])(
    "rejects %s",
    (text) => {
      expect(() => serializer.encode(widget({ created: text }))).toThrow(/invalid RFC 3339 time.*field created/);
    },
  );

});

describe("Duration", () => {
  test.each([
    [0n, "0s"],
    [1n, "1ns"],
    [1100n, "1.1\u00b5s"],
    [2200000n, "2.2ms"],
    [3300000000n, "3.3s"],
    [245000000000n, "4m5s"],
    [245001000000n, "4m5.001s"],
    [18367001000000n, "5h6m7.001s"],
    [480000000001n, "8m0.000000001s"],
    [3600000000000n, "1h0m0s"],
    [-1500000000n, "-1.5s"],
    [9223372036854775807n, "2562047h47m16.854775807s"],
    [-9223372036854775808n, "-2562047h47m16.854775808s"],
  ])("%s ns reads as %s", (nanoseconds, text) => {
    const messageHex = hex(testSerializer().encodeMessage("test.Widget", { timeout: text }));
    const decoded = serializer.decodeMessage("test.Widget", Buffer.from(messageHex, "hex"));
    expect(field(decoded, "timeout")).toBe(text);
    const encodedNanos = testSerializer().encodeMessage("test.Duration", text);
    expect(serializer.decodeMessage("test.Widget", Uint8Array.from([0x72, encodedNanos.length, ...encodedNanos]))).toEqual({ timeout: text });
    expect(BigInt.asIntN(64, readVarint(encodedNanos.subarray(1)))).toBe(nanoseconds);
  });

  test.each([
    ["1.5h", 5400000000000n],
    ["300ms", 300000000n],
    ["1h1m", 3660000000000n],
    ["+5s", 5000000000n],
    ["-2m3.5s", -123500000000n],
    ["1us", 1000n],
    ["1\u03bcs", 1000n],
    [".5s", 500000000n],
    ["0", 0n],
  ])("parses %s", (text, nanoseconds) => {
    const encoded = testSerializer().encodeMessage("test.Duration", text);
    expect(BigInt.asIntN(64, readVarint(encoded.subarray(1)))).toBe(nanoseconds);
  });

  test.each(["", "1", "1x", ".s", "1h-2m", "9999999999h"])("rejects %j", (text) => {
    expect(() => serializer.encode(widget({ timeout: text }))).toThrow(/invalid duration.*field timeout/);
  });
});

function readVarint(data: Uint8Array): bigint {
  let value = 0n;
  for (let i = 0; i < data.length; i++) {
    value |= BigInt(data[i]! & 0x7f) << BigInt(7 * i);
    if (data[i]! < 0x80) break;
  }
  return value;
}

describe("IntOrString and Quantity", () => {
  it("writes an int with all three fields", () => {
    expect(hex(serializer.encode(widget({ port: 8080 })))).toBe(hex(envelope("7a07 0800 10903f 1a00")));
  });

  it("writes a string with all three fields", () => {
    expect(hex(serializer.encode(widget({ port: "http" })))).toBe(hex(envelope("7a0a 0801 1000 1a0468747470")));
  });

  test.each([8080, -1, "http", "50%", ""])("round-trips %j", (value) => {
    expect(field(roundTrip({ port: value }), "port")).toBe(value);
  });

  it("rejects an unknown IntOrString type", () => {
    expect(() => serializer.decode(envelope("7a02 0802"))).toThrow(/invalid IntOrString type 2.*field port/);
  });

  it("rejects a fraction", () => {
    expect(() => serializer.encode(widget({ port: 1.5 }))).toThrow(/field port/);
  });

  test.each(["100m", "1Gi", "0"])("passes quantity %s through", (value) => {
    expect(field(roundTrip({ size: value }), "size")).toBe(value);
  });

  it("reads a JSON number as a quantity", () => {
    expect(field(roundTrip({ size: 2 }), "size")).toBe("2");
  });

  test.each([
    ["1000m", "1"],
    ["1024Mi", "1Gi"],
    ["1.5", "1500m"],
    ["0.5Gi", "512Mi"],
  ])("writes quantity %s in canonical form %s", (input, canonical) => {
    expect(field(roundTrip({ size: input }), "size")).toBe(canonical);
  });

  it("rejects an invalid quantity", () => {
    expect(() => serializer.encode(widget({ size: "abc" }))).toThrow(/invalid quantity "abc".*field size/);
  });

  it("passes a non-canonical quantity from the wire through", () => {
    const text = Buffer.from("1000m").toString("hex");
    expect(field(serializer.decode(envelope(delimitedHex("8201", delimitedHex("0a", text)))).object, "size")).toBe("1000m");
  });
});

describe("RawExtension, JSON and StringList", () => {
  test.each([
    ["an object", { apiVersion: "example.com/v1", kind: "CustomType", spec: { replicas: 1 } }],
    ["an array", [1, "two", null]],
    ["a string", "text"],
    ["an int64 beyond 2^53", { n: 9007199254740993n }],
  ])("round-trips %s", (_name, value) => {
    expect(field(roundTrip({ raw: value }), "raw")).toEqual(value);
  });

  it("writes compact JSON bytes", () => {
    const json = Buffer.from('{"a":[1,2]}').toString("hex");
    expect(hex(serializer.encode(widget({ raw: { a: [1, 2] } })))).toBe(hex(envelope(delimitedHex("8a01", delimitedHex("0a", json)))));
  });

  it("rejects a cyclic raw value", () => {
    const cyclic: Record<string, unknown> = { n: 1n };
    cyclic["self"] = cyclic;
    expect(() => serializer.encode(widget({ raw: cyclic }))).toThrow(/nested deeper than 1000 or cyclic.*field raw/);
  });

  it("rejects raw JSON nested too deeply", () => {
    const deep = `${"[".repeat(5000)}12345678901234567${"]".repeat(5000)}`;
    const raw = Buffer.from(deep).toString("hex");
    expect(() => serializer.decode(envelope(delimitedHex("8a01", delimitedHex("0a", raw))))).toThrow(/nesting deeper than 1000.*field raw/);
  });

  it("reads empty raw bytes as null", () => {
    expect(field(serializer.decode(envelope("8a0100")).object, "raw")).toBeNull();
  });

  it("decodes an embedded protobuf object", () => {
    const inner = serializer.encode({ apiVersion: "v1", kind: "Thing", name: "inside" } as RuntimeObject);
    const messageHex = delimitedHex("8a01", delimitedHex("0a", hex(inner)));
    expect(field(serializer.decode(envelope(messageHex)).object, "raw")).toEqual({ apiVersion: "v1", kind: "Thing", name: "inside" });
  });

  it("rejects raw bytes that are not JSON", () => {
    expect(() => serializer.decode(envelope("8a0103 0a017b"))).toThrow(/invalid JSON.*field raw/);
  });

  it("writes a StringList as items", () => {
    expect(hex(serializer.encode(widget({ verbs: ["get", "list"] })))).toBe(hex(envelope("920b 0a03676574 0a046c697374".replace("920b", "92010b"))));
    expect(field(roundTrip({ verbs: ["get", "list"] }), "verbs")).toEqual(["get", "list"]);
  });

  it("reads an empty StringList as an empty array", () => {
    expect(field(roundTrip({ verbs: [] }), "verbs")).toEqual([]);
  });
});

describe("JSONSchemaProps alternatives", () => {
  test.each([
    ["items as one schema", { items: { type: "string" } }],
    ["items as a list", { items: [{ type: "string" }, { type: "integer" }] }],
    ["additionalProperties false", { additionalProperties: false }],
    ["additionalProperties true", { additionalProperties: true }],
    ["additionalProperties as a schema", { additionalProperties: { type: "object" } }],
    ["dependencies as strings", { dependencies: { a: ["b", "c"] } }],
    ["dependencies as a schema", { dependencies: { a: { type: "string" } } }],
    ["a default value", { default: { x: [1, { y: true }] } }],
  ])("round-trips %s", (_name, props) => {
    expect(field(roundTrip({ props }), "props")).toEqual(props);
  });

  it("writes a schema in OrBool as allowed with the schema", () => {
    const data = serializer.encodeMessage("test.PropsOrBool", { type: "object" });
    expect(hex(data)).toBe("0801 1208 2a066f626a656374".replace(/ /g, ""));
  });

  it("rejects a number where a schema or list belongs", () => {
    expect(() => serializer.encode(widget({ props: { items: 3 } }))).toThrow(/field props.items/);
  });
});
