import type { FieldModel, MessageModel } from "./model.js";

/** One golden fixture in both encodings, with the message of its kind. */
export interface WireDocument {
  readonly name: string;
  readonly message: string;
  /** The `.pb` file: the `k8s\0` magic, then a `runtime.Unknown` whose field 2 is the object. */
  readonly pb: Uint8Array;
  readonly json: unknown;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const UNKNOWN_RAW_FIELD = 2;

interface WireField {
  readonly number: number;
  readonly wireType: number;
  /** The field's bytes: the payload of a length-delimited field, the value bytes otherwise. */
  readonly bytes: Uint8Array;
}

/**
 * Learns which scalar fields Go writes on the wire even when they are zero while its JSON
 * leaves them out (a by-value Go field tagged `omitempty`), and marks them `omitEmpty`. The
 * evidence is a zero scalar in a fixture's `.pb` whose key is absent from the JSON object at
 * the same position. Returns the `Message.field` names it marked.
 */
export function learnOmitEmpty(messages: ReadonlyMap<string, MessageModel>, documents: readonly WireDocument[]): Set<string> {
  const found = new Set<string>();
  const walker = new WireWalker(messages, found);
  for (const document of documents) {
    const body = unwrapEnvelope(document.pb, document.name);
    walker.walk(body, document.message, document.json);
  }
  for (const id of found) {
    const dot = id.lastIndexOf(".");
    const field = messages.get(id.slice(0, dot))?.fields.find((candidate) => candidate.protoName === id.slice(dot + 1));
    if (field !== undefined) field.omitEmpty = true;
  }
  return found;
}

function unwrapEnvelope(pb: Uint8Array, name: string): Uint8Array {
  const hasMagic = pb.length >= MAGIC.length && MAGIC.every((byte, index) => pb[index] === byte);
  if (!hasMagic) throw new Error(`fixture ${name}.pb lacks the k8s protobuf magic`);
  const raw = readFields(pb.subarray(MAGIC.length), name).find((field) => field.number === UNKNOWN_RAW_FIELD);
  if (raw === undefined) throw new Error(`fixture ${name}.pb has no raw object in its envelope`);
  return raw.bytes;
}

class WireWalker {
  constructor(
    private readonly messages: ReadonlyMap<string, MessageModel>,
    private readonly found: Set<string>,
  ) {}

  walk(bytes: Uint8Array, messageName: string, json: unknown): void {
    const message = this.messages.get(messageName);
    if (message === undefined) throw new Error(`message ${messageName} is not defined`);
    if (message.special !== undefined) {
      this.walkSpecial(bytes, message, json);
      return;
    }
    if (!isObject(json)) return;

    const occurrences = new Map<number, number>();
    for (const wire of readFields(bytes, messageName)) {
      const field = message.fields.find((candidate) => candidate.number === wire.number);
      if (field === undefined) continue;
      const index = occurrences.get(wire.number) ?? 0;
      occurrences.set(wire.number, index + 1);
      this.walkField(wire, field, message, json, index);
    }
  }

  private walkField(wire: WireField, field: FieldModel, message: MessageModel, json: Record<string, unknown>, index: number): void {
    const type = field.type;
    if (type.kind === "scalar") {
      if (!field.repeated && isZero(wire) && !(field.jsonName in json)) this.found.add(`${message.name}.${field.protoName}`);
      return;
    }
    if (type.kind === "map") {
      if (type.value.kind !== "message") return;
      const entry = readFields(wire.bytes, message.name);
      const key = entry.find((part) => part.number === 1);
      const value = entry.find((part) => part.number === 2);
      const values = json[field.jsonName];
      if (key === undefined || value === undefined || !isObject(values)) return;
      this.walk(value.bytes, type.value.message, values[new TextDecoder().decode(key.bytes)]);
      return;
    }
    if (field.inline) {
      this.walk(wire.bytes, type.message, json);
      return;
    }
    const value = json[field.jsonName];
    if (!field.repeated) {
      this.walk(wire.bytes, type.message, value);
    } else if (Array.isArray(value)) {
      this.walk(wire.bytes, type.message, value[index]);
    }
  }

  /** Descends into the JSONSchemaProps inside the apiextensions one-of messages; other shapes have no nested fields. */
  private walkSpecial(bytes: Uint8Array, message: MessageModel, json: unknown): void {
    if (!message.special?.startsWith("JSONSchemaPropsOr")) return;
    const props = `${message.packageName}.JSONSchemaProps`;
    const fields = readFields(bytes, message.name);
    const schema = fields.find((field) => field.number === (message.special === "JSONSchemaPropsOrBool" ? 2 : 1));
    if (schema !== undefined && isObject(json)) this.walk(schema.bytes, props, json);
    if (message.special === "JSONSchemaPropsOrArray" && Array.isArray(json)) {
      fields.filter((field) => field.number === 2).forEach((field, index) => this.walk(field.bytes, props, json[index]));
    }
  }
}

/** Splits a message into its fields; throws on bytes that are not a valid protobuf message. */
function readFields(bytes: Uint8Array, context: string): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    for (let count = 0; count < 10; count += 1) {
      const byte = bytes[offset];
      if (byte === undefined) break;
      offset += 1;
      result += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) return result;
      shift *= 128;
    }
    throw new Error(`invalid varint in ${context}`);
  };
  while (offset < bytes.length) {
    const tag = varint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    const start = offset;
    if (wireType === 0) {
      varint();
      fields.push({ number, wireType, bytes: bytes.subarray(start, offset) });
    } else if (wireType === 1 || wireType === 5) {
      offset += wireType === 1 ? 8 : 4;
      fields.push({ number, wireType, bytes: bytes.subarray(start, offset) });
    } else if (wireType === 2) {
      const length = varint();
      const payloadStart = offset;
      offset += length;
      fields.push({ number, wireType, bytes: bytes.subarray(payloadStart, offset) });
    } else {
      throw new Error(`unsupported wire type ${wireType} in ${context}`);
    }
    if (offset > bytes.length) throw new Error(`truncated field ${number} in ${context}`);
  }
  return fields;
}

function isZero(wire: WireField): boolean {
  if (wire.wireType === 2) return wire.bytes.length === 0;
  return wire.bytes.every((byte) => byte === 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
