import type { FieldSchema, FieldType, KindSchema, MessageSchema, ScalarType, SpecialShape } from "@apimachinery/runtime";
import { SchemaRegistry } from "@apimachinery/runtime";
import { ProtobufSerializer, type ProtobufSerializerOptions } from "../../src/index.js";

const scalar = (name: ScalarType): FieldType => ({ kind: "scalar", scalar: name });
const message = (name: string): FieldType => ({ kind: "message", message: `test.${name}` });

function field(name: string, number: number, type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema {
  return { name, number, type, ...extra };
}

function special(name: string, shape: SpecialShape, fields: FieldSchema[]): MessageSchema {
  return { name: `test.${name}`, special: shape, fields };
}

/** Hand-written schemas that cover every field type and special shape the codec supports. */
export const testMessages: MessageSchema[] = [
  {
    name: "test.Widget",
    fields: [
      field("name", 1, scalar("string")),
      field("count", 2, scalar("int32")),
      field("big", 3, scalar("int64")),
      field("flag", 4, scalar("bool")),
      field("ratio", 5, scalar("double")),
      field("data", 6, scalar("bytes")),
      field("tags", 7, scalar("string"), { repeated: true }),
      field("nums", 8, scalar("int32"), { repeated: true }),
      field("labels", 9, { kind: "map", key: "string", value: scalar("string") }),
      field("child", 10, message("Child")),
      field("children", 11, message("Child"), { repeated: true }),
      field("created", 12, message("Time")),
      field("renewed", 13, message("MicroTime")),
      field("timeout", 14, message("Duration")),
      field("port", 15, message("IntOrString")),
      field("size", 16, message("Quantity")),
      field("raw", 17, message("RawExtension")),
      field("verbs", 18, message("Verbs")),
      field("holder", 19, message("Holder")),
      field("unsigned", 20, scalar("uint64")),
      field("resources", 21, { kind: "map", key: "string", value: message("Quantity") }),
      field("single", 22, scalar("float")),
      field("sparse", 23, message("Sparse")),
      field("props", 24, message("Props")),
      field("times", 25, message("Time"), { repeated: true }),
      field("small", 26, scalar("uint32")),
    ],
  },
  {
    name: "test.Sparse",
    fields: [field("text", 1, scalar("string"), { omitEmpty: true }), field("number", 2, scalar("int32"), { omitEmpty: true }), field("flag", 3, scalar("bool"), { omitEmpty: true })],
  },
  { name: "test.Child", fields: [field("name", 1, scalar("string")), field("child", 2, message("Child"))] },
  { name: "test.Holder", fields: [field("name", 1, scalar("string")), field("embedded", 2, message("Embedded"), { inline: true })] },
  { name: "test.Embedded", fields: [field("inlineName", 1, scalar("string")), field("inlineCount", 2, scalar("int32"))] },
  {
    name: "test.Props",
    fields: [
      field("type", 5, scalar("string")),
      field("items", 24, message("PropsOrArray")),
      field("additionalProperties", 30, message("PropsOrBool")),
      field("dependencies", 32, { kind: "map", key: "string", value: message("PropsOrStringArray") }),
      field("default", 8, message("JSON")),
    ],
  },
  special("PropsOrArray", "JSONSchemaPropsOrArray", [field("schema", 1, message("Props")), field("jSONSchemas", 2, message("Props"), { repeated: true })]),
  special("PropsOrBool", "JSONSchemaPropsOrBool", [field("allows", 1, scalar("bool")), field("schema", 2, message("Props"))]),
  special("PropsOrStringArray", "JSONSchemaPropsOrStringArray", [field("schema", 1, message("Props")), field("property", 2, scalar("string"), { repeated: true })]),
  special("Time", "Time", [field("seconds", 1, scalar("int64")), field("nanos", 2, scalar("int32"))]),
  special("MicroTime", "MicroTime", [field("seconds", 1, scalar("int64")), field("nanos", 2, scalar("int32"))]),
  special("Duration", "Duration", [field("duration", 1, scalar("int64"))]),
  special("IntOrString", "IntOrString", [field("type", 1, scalar("int64")), field("intVal", 2, scalar("int32")), field("strVal", 3, scalar("string"))]),
  special("Quantity", "Quantity", [field("string", 1, scalar("string"))]),
  special("RawExtension", "RawExtension", [field("raw", 1, scalar("bytes"))]),
  special("JSON", "JSON", [field("raw", 1, scalar("bytes"))]),
  special("Verbs", "StringList", [field("items", 1, scalar("string"), { repeated: true })]),
];

/** The kinds of the test schemas: `example.com/v1` Widget and core `v1` Thing. */
export const testKinds: KindSchema[] = [
  { group: "example.com", version: "v1", kind: "Widget", message: "test.Widget" },
  { group: "", version: "v1", kind: "Thing", message: "test.Child" },
];

/** Returns a serializer over the test schemas. */
export function testSerializer(options: Partial<ProtobufSerializerOptions> = {}): ProtobufSerializer {
  return new ProtobufSerializer({ schemas: new SchemaRegistry().add(testMessages), kinds: testKinds, ...options });
}

/** Builds bytes from hex text, ignoring spaces. */
export function bytes(hexText: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ""), "hex"));
}

/** Returns the hex text of bytes. */
export function hex(data: Uint8Array): string {
  return Buffer.from(data).toString("hex");
}

/** Wraps a bare Widget message in the magic and envelope, as Go writes it. */
export function envelope(messageHex: string, apiVersion = "example.com/v1", kind = "Widget"): Uint8Array {
  const text = (value: string): string => Buffer.from(value).toString("hex");
  const len = (hexText: string): string => varintHex(hexText.length / 2);
  const typeMeta = `0a${len(text(apiVersion))}${text(apiVersion)}12${len(text(kind))}${text(kind)}`;
  const raw = messageHex.replace(/\s+/g, "");
  return bytes(`6b387300 0a${len(typeMeta)}${typeMeta} 12${len(raw)}${raw} 1a00 2200`);
}

/** Returns the hex text of a varint; negative values take 10 bytes, as int64 two's complement. */
export function varintHex(value: number | bigint): string {
  let rest = BigInt.asUintN(64, BigInt(value));
  let out = "";
  while (rest > 0x7fn) {
    out += ((rest & 0x7fn) | 0x80n).toString(16).padStart(2, "0");
    rest >>= 7n;
  }
  return out + rest.toString(16).padStart(2, "0");
}

/** Returns the hex text of a length-delimited field: tag, length and body. */
export function delimitedHex(tagHex: string, bodyHex: string): string {
  const body = bodyHex.replace(/\s+/g, "");
  return `${tagHex}${varintHex(body.length / 2)}${body}`;
}
