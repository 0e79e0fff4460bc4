import { readFileSync } from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";
import { allKindSchemas, allMessageSchemas, builtinSchemas } from "@apimachinery/api";
import { decodeJson, encodeJson } from "@apimachinery/serializer-json";
import { ProtobufSerializer } from "@apimachinery/serializer-protobuf";
import { fixtureDir } from "@apimachinery/testing";
import { measureOps, type BenchRow, type Suite, type SuiteOptions, type Task } from "../harness.js";

const SUITE = "protobuf";

type MessageSchema = (typeof allMessageSchemas)[number];
type FieldType = MessageSchema["fields"][number]["type"];
const POD_MESSAGE = "k8s.io.api.core.v1.Pod";

/**
 * Builds protobufjs reflection types from the schema tables, with field names `f<number>`
 * because JSON names such as `$ref` are not valid protobufjs names.
 */
function protobufjsRoot(messages: readonly MessageSchema[]): protobuf.Root {
  const root = new protobuf.Root();
  const typeName = (type: FieldType): string => {
    if (type.kind === "scalar") return type.scalar;
    if (type.kind === "message") return `.${type.message}`;
    throw new Error("nested maps do not occur in the schema tables");
  };
  for (const message of messages) {
    const dot = message.name.lastIndexOf(".");
    const type = new protobuf.Type(message.name.slice(dot + 1));
    for (const field of message.fields) {
      if (field.type.kind === "map") type.add(new protobuf.MapField(`f${field.number}`, field.number, field.type.key, typeName(field.type.value)));
      else type.add(new protobuf.Field(`f${field.number}`, field.number, typeName(field.type), field.repeated ? "repeated" : "optional"));
    }
    root.define(message.name.slice(0, dot)).add(type);
  }
  root.resolveAll();
  return root;
}

/** Returns the bytes of the object's own message inside the `k8s\0` envelope. */
function rawMessage(enveloped: Uint8Array): Uint8Array {
  const unknown = protobuf.Reader.create(enveloped.subarray(4));
  while (unknown.pos < unknown.len) {
    const tag = unknown.uint32();
    if (tag === 0x12) return unknown.bytes();
    unknown.skipType(tag & 7);
  }
  throw new Error("the envelope has no raw field");
}

/**
 * Decodes and encodes the golden `core.v1.Pod` fixture (every field filled) in protobuf and
 * in JSON, beside `JSON.parse` and `JSON.stringify` of the same object. Then compares the
 * hand-written codec with protobufjs reflection on the bare Pod message. The bare protobufjs
 * decode does less work than the codec because it returns protobufjs message objects, not
 * the plain JSON shape (Time strings, IntOrString values, inline fields). The `+ toObject`
 * row adds the conversion to plain objects, still without those shapes.
 */
async function run(options: SuiteOptions): Promise<BenchRow[]> {
  const dir = fixtureDir("api");
  if (dir === undefined) return [];
  const pb = new Uint8Array(readFileSync(path.join(dir, "core.v1.Pod.pb")));
  const jsonBytes = new Uint8Array(readFileSync(path.join(dir, "core.v1.Pod.json")));
  const jsonText = new TextDecoder().decode(jsonBytes);
  const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });
  const pod = serializer.decode(pb).object;
  const podType = protobufjsRoot(allMessageSchemas).lookupType(POD_MESSAGE);
  const raw = rawMessage(pb);
  const podMessage = podType.decode(raw);
  const rawFromCodec = serializer.encodeMessage(POD_MESSAGE, pod);

  const tasks: Task[] = [
    { name: "Pod decode: JSON.parse", fn: () => JSON.parse(jsonText) },
    { name: "Pod decode: protobuf", fn: () => serializer.decode(pb), baseline: "Pod decode: JSON.parse" },
    { name: "Pod decode: serializer-json", fn: () => decodeJson(jsonBytes), baseline: "Pod decode: JSON.parse" },
    { name: "Pod encode: JSON.stringify", fn: () => JSON.stringify(pod) },
    { name: "Pod encode: protobuf", fn: () => serializer.encode(pod), baseline: "Pod encode: JSON.stringify" },
    { name: "Pod encode: serializer-json", fn: () => encodeJson(pod), baseline: "Pod encode: JSON.stringify" },
    { name: "Pod message decode: hand-written codec", fn: () => serializer.decodeMessage(POD_MESSAGE, raw) },
    { name: "Pod message decode: protobufjs reflection", fn: () => podType.decode(raw), baseline: "Pod message decode: hand-written codec" },
    { name: "Pod message decode: protobufjs + toObject", fn: () => podType.toObject(podType.decode(raw), { longs: Number }), baseline: "Pod message decode: hand-written codec" },
    { name: "Pod message encode: hand-written codec", fn: () => serializer.encodeMessage(POD_MESSAGE, pod) },
    { name: "Pod message encode: protobufjs reflection", fn: () => podType.encode(podMessage).finish(), baseline: "Pod message encode: hand-written codec" },
  ];
  const rows = await measureOps(SUITE, tasks, options);
  rows.push({ suite: SUITE, name: "Pod size: protobuf", value: pb.length, unit: "bytes", higherIsBetter: false, baseline: "Pod size: JSON" });
  rows.push({ suite: SUITE, name: "Pod size: JSON", value: jsonBytes.length, unit: "bytes", higherIsBetter: false });
  rows.push({ suite: SUITE, name: "Pod message: codec bytes equal protobufjs bytes", value: Buffer.compare(Buffer.from(rawFromCodec), Buffer.from(podType.encode(podMessage).finish())) === 0 ? 1 : 0, unit: "bool" });
  return rows;
}

/** The `protobuf` suite: the Kubernetes protobuf codec against JSON and against protobufjs. */
export const protobufSuite: Suite = { name: SUITE, run };
