import { describe, expect, it, test } from "vitest";
import { isBadRequest } from "@apimachinery/meta";
import { SchemaRegistry, type RuntimeObject } from "@apimachinery/runtime";
import { DEFAULT_MAX_BYTES, MAGIC, PROTOBUF_MEDIA_TYPE, hasMagic } from "../src/index.js";
import { bytes, delimitedHex, envelope, hex, testKinds, testMessages, testSerializer } from "./support/test-schemas.js";

const serializer = testSerializer();
const widget = (fields: Record<string, unknown>): RuntimeObject => ({ apiVersion: "example.com/v1", kind: "Widget", ...fields });

describe("envelope", () => {
  it("writes magic, typeMeta, raw and empty content fields", () => {
    expect(hex(serializer.encode(widget({ name: "a" })))).toBe(hex(envelope("0a0161")));
  });

  it("starts with k8s\\0", () => {
    const data = serializer.encode(widget({}));
    expect(hasMagic(data)).toBe(true);
    expect(Array.from(data.subarray(0, 4))).toEqual(Array.from(MAGIC));
  });

  it("decodes apiVersion, kind and GVK", () => {
    const decoded = serializer.decode(envelope("0a0161"));
    expect(decoded.object).toEqual(widget({ name: "a" }));
    expect(decoded.gvk).toEqual({ group: "example.com", version: "v1", kind: "Widget" });
  });

  it("decodes a core-group kind", () => {
    const decoded = serializer.decode(envelope("0a0178", "v1", "Thing"));
    expect(decoded.object).toEqual({ apiVersion: "v1", kind: "Thing", name: "x" });
    expect(decoded.gvk).toEqual({ group: "", version: "v1", kind: "Thing" });
  });

  it("uses defaults when the envelope has no type", () => {
    const decoded = serializer.decode(envelope("0a0161", "", ""), { group: "example.com", version: "v1", kind: "Widget" });
    expect(decoded.gvk).toEqual({ group: "example.com", version: "v1", kind: "Widget" });
    expect(decoded.object).toEqual({ name: "a" });
  });

  test.each([
    ["only the kind", "example.com/v1", "", { kind: "Widget" }, { group: "example.com", version: "v1", kind: "Widget" }],
    ["group and version", "", "Widget", { group: "example.com", version: "v1" }, { group: "example.com", version: "v1", kind: "Widget" }],
    ["the version of the same group", "example.com/", "Widget", { group: "example.com", version: "v1" }, { group: "example.com", version: "v1", kind: "Widget" }],
  ])("fills %s from the defaults", (_name, apiVersion, kind, defaults, expected) => {
    expect(serializer.decode(envelope("0a0161", apiVersion, kind), defaults).gvk).toEqual(expected);
  });

  it("does not fill the version of another group", () => {
    expect(() => serializer.decode(envelope("0a0161", "other.io/", "Widget"), { group: "example.com", version: "v1" })).toThrow(/no kind "Widget" is registered for version "other.io\/"/);
  });

  it("encodes with an explicit kind and an empty envelope type", () => {
    const data = serializer.encode({ name: "a" } as RuntimeObject, { group: "example.com", version: "v1", kind: "Widget" });
    expect(hex(data)).toBe(hex(envelope("0a0161", "", "")));
  });

  it("accepts a kind lookup such as a Scheme", () => {
    const lookup = { kindSchema: (gvk: { kind: string }) => testKinds.find((kind) => kind.kind === gvk.kind) };
    const viaLookup = testSerializer({ kinds: lookup });
    expect(viaLookup.decode(serializer.encode(widget({ count: 3 }))).object).toEqual(widget({ count: 3 }));
  });

  it("decodes a Buffer view at an offset", () => {
    const data = serializer.encode(widget({ name: "a", data: "AQID", ratio: 2.5 }));
    const padded = Buffer.concat([Buffer.from("junk"), Buffer.from(data)]).subarray(4);
    expect(serializer.decode(padded).object).toEqual(widget({ name: "a", data: "AQID", ratio: 2.5 }));
  });

  it("names its media type and limits", () => {
    expect(serializer.mediaType).toBe(PROTOBUF_MEDIA_TYPE);
    expect(serializer.maxBytes).toBe(DEFAULT_MAX_BYTES);
  });
});

describe("scalar fields", () => {
  test.each([
    ["string", { name: "héllo" }, "0a0668c3a96c6c6f"],
    ["int32", { count: 150 }, "109601"],
    ["negative int32 in 10 bytes", { count: -1 }, "10ffffffffffffffffff01"],
    ["int64 within 2^53", { big: 9007199254740991 }, "18ffffffffffffff0f"],
    ["negative int64", { big: -2 }, "18feffffffffffffffff01"],
    ["int64 beyond 2^53 as bigint", { big: 9007199254740993n }, "188180808080808010"],
    ["smallest int64", { big: -9223372036854775808n }, "1880808080808080808001"],
    ["bool", { flag: true }, "2001"],
    ["double", { ratio: 1.5 }, "29000000000000f83f"],
    ["bytes as base64", { data: "AQID" }, "3203010203"],
    ["uint64 beyond int64", { unsigned: 18446744073709551615n }, "a001ffffffffffffffffff01"],
    ["uint32", { small: 4294967295 }, "d001ffffffff0f"],
    ["float", { single: 0.1 }, "b501cdcccc3d"],
    ["repeated strings, one tag each", { tags: ["a", "b"] }, "3a01613a0162"],
    ["repeated int32, unpacked", { nums: [1, 2] }, "40014002"],
  ])("%s", (_name, fields, messageHex) => {
    const data = serializer.encode(widget(fields));
    expect(hex(data)).toBe(hex(envelope(messageHex)));
    expect(serializer.decode(data).object).toEqual(widget(fields));
  });

  it("returns an int64 beyond 2^53 as bigint and within as number", () => {
    const object = serializer.decode(serializer.encode(widget({ big: 9007199254740993n }))).object as Record<string, unknown>;
    expect(object["big"]).toBe(9007199254740993n);
    const small = serializer.decode(serializer.encode(widget({ big: 9007199254740991n }))).object as Record<string, unknown>;
    expect(small["big"]).toBe(9007199254740991);
  });

  it("reads packed repeated scalars too", () => {
    expect(serializer.decode(envelope("4203010203")).object).toEqual(widget({ nums: [1, 2, 3] }));
  });

  it("keeps the last of duplicate map keys", () => {
    const entry = (key: string, value: string): string => delimitedHex("4a", `${delimitedHex("0a", Buffer.from(key).toString("hex"))}${delimitedHex("12", Buffer.from(value).toString("hex"))}`);
    expect(serializer.decode(envelope(entry("a", "1") + entry("a", "2"))).object).toEqual(widget({ labels: { a: "2" } }));
  });

  it("reads any non-zero bool varint as true", () => {
    expect(serializer.decode(envelope("2002")).object).toEqual(widget({ flag: true }));
    expect(serializer.decode(envelope("20808080808001")).object).toEqual(widget({ flag: true }));
  });

  it("reads packed negative int32 values", () => {
    expect(serializer.decode(envelope(delimitedHex("42", "ffffffffffffffffff01 05"))).object).toEqual(widget({ nums: [-1, 5] }));
  });

  it("keeps list order across interleaved fields", () => {
    expect(serializer.decode(envelope("3a0161 0a016e 3a0162 4001 3a0163 4002")).object).toEqual(widget({ name: "n", tags: ["a", "b", "c"], nums: [1, 2] }));
  });

  it("skips unknown fields in the envelope and typeMeta", () => {
    const data = serializer.encode(widget({ name: "a" }));
    // Append an unknown varint field 9 to the envelope.
    const extended = Uint8Array.from([...data, 0x48, 0x01]);
    expect(serializer.decode(extended).object).toEqual(widget({ name: "a" }));
    const typeMeta = `0a0e${Buffer.from("example.com/v1").toString("hex")}1206${Buffer.from("Widget").toString("hex")}1801`;
    expect(serializer.decode(bytes(`6b387300 ${delimitedHex("0a", typeMeta)} ${delimitedHex("12", "0a0161")}`)).object).toEqual(widget({ name: "a" }));
  });

  it("skips unknown fields of every wire type", () => {
    // Field 99 as varint, fixed64, bytes, fixed32 and an empty group, then name "a".
    const unknown = "98069601 99060102030405060708 9a06026869 9d0601020304 9b069c06";
    expect(serializer.decode(envelope(`${unknown} 0a0161`)).object).toEqual(widget({ name: "a" }));
  });

  it("writes zero omitEmpty fields and leaves them out of JSON", () => {
    const data = serializer.encode(widget({ sparse: {} }));
    expect(hex(data)).toBe(hex(envelope("ba0106 0a00 1000 1800")));
    expect(serializer.decode(data).object).toEqual(widget({ sparse: {} }));
  });

  it("keeps non-zero omitEmpty fields", () => {
    const object = widget({ sparse: { text: "x", number: 3, flag: true } });
    const data = serializer.encode(object);
    expect(hex(data)).toBe(hex(envelope("ba0107 0a0178 1003 1801")));
    expect(serializer.decode(data).object).toEqual(object);
  });
});

describe("messages and maps", () => {
  it("nests messages and repeated messages", () => {
    const object = widget({ child: { name: "c", child: { name: "d" } }, children: [{ name: "x" }, {}] });
    const data = serializer.encode(object);
    expect(hex(data)).toBe(hex(envelope("5208 0a0163 1203 0a0164 5a03 0a0178 5a00")));
    expect(serializer.decode(data).object).toEqual(object);
  });

  it("writes long nested messages with multi-byte lengths", () => {
    const name = "n".repeat(300);
    const object = widget({ child: { name }, labels: { key: "v".repeat(20000) } });
    expect(serializer.decode(serializer.encode(object)).object).toEqual(object);
  });

  it("sorts map entries by key bytes as Go does", () => {
    const labels = { b: "2", a: "1", "\u00e9": "3", "\u{1F600}": "5", "\uFFFD": "4" };
    const data = serializer.encode(widget({ labels }));
    const entries = ["a", "b", "\u00e9", "\uFFFD", "\u{1F600}"].map((key) => {
      const keyHex = Buffer.from(key).toString("hex");
      const valueHex = Buffer.from(labels[key as keyof typeof labels]).toString("hex");
      const entry = `0a${(keyHex.length / 2).toString(16).padStart(2, "0")}${keyHex}1201${valueHex}`;
      return `4a${(entry.length / 2).toString(16).padStart(2, "0")}${entry}`;
    });
    expect(hex(data)).toBe(hex(envelope(entries.join(""))));
    expect(serializer.decode(data).object).toEqual(widget({ labels }));
  });

  it("writes message-valued maps and reads a missing value as empty", () => {
    const object = widget({ resources: { cpu: "250m", memory: "1Gi" } });
    expect(serializer.decode(serializer.encode(object)).object).toEqual(object);
    // An entry with only a key: the Quantity decodes as its zero value.
    expect(serializer.decode(envelope("aa0105 0a03637075")).object).toEqual(widget({ resources: { cpu: "0" } }));
  });

  it("keeps a __proto__ map key as data", () => {
    const data = envelope("4a0e 0a095f5f70726f746f5f5f 12017a");
    const labels = (serializer.decode(data).object as Record<string, Record<string, unknown>>)["labels"]!;
    expect(Object.keys(labels)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it("flattens inline fields into the parent", () => {
    const object = widget({ holder: { name: "n", inlineName: "in", inlineCount: 2 } });
    const data = serializer.encode(object);
    expect(hex(data)).toBe(hex(envelope("9a010b 0a016e 1206 0a02696e 1002")));
    expect(serializer.decode(data).object).toEqual(object);
  });

  it("writes an empty inline field, as Go does", () => {
    expect(hex(serializer.encode(widget({ holder: {} })))).toBe(hex(envelope("9a0102 1200")));
  });

  it("merges a repeated singular message as protobuf does", () => {
    expect(serializer.decode(envelope("5203 0a0161 5205 1203 0a0162")).object).toEqual(widget({ child: { name: "a", child: { name: "b" } } }));
  });
});

describe("raw messages", () => {
  it("encodes and decodes one message without the envelope", () => {
    const data = serializer.encodeMessage("test.Child", { name: "a" });
    expect(hex(data)).toBe("0a0161");
    expect(serializer.decodeMessage("test.Child", data)).toEqual({ name: "a" });
  });

  it("rejects an unknown message name", () => {
    expect(() => serializer.decodeMessage("test.Missing", bytes("0a0161"))).toThrow(/no schema for message test.Missing/);
  });

  it("reads the registry at construction time only through the resolver", () => {
    const registry = new SchemaRegistry().add(testMessages);
    const own = testSerializer({ schemas: registry });
    expect(own.decodeMessage("test.Child", bytes("0a0161"))).toEqual({ name: "a" });
    expect(() => own.decodeMessage("test.Child", bytes("0a05"))).toThrow(expect.objectContaining({ reason: "BadRequest" }));
    expect(isBadRequest(catchError(() => own.decodeMessage("test.Child", bytes("0a05"))))).toBe(true);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
