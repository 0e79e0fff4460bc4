import type { MessageSchema } from "@apimachinery/runtime";
import type { DecodeContext } from "./decode-plan.js";
import { formatDuration } from "./duration.js";
import { hasMagic } from "./magic.js";
import { WireError } from "./errors.js";
import { parseJsonExact } from "./json-exact.js";
import type { Reader } from "./reader.js";
import { formatTimestamp } from "./time.js";

/** Reads one message body, from the reader's position up to `end`, and returns its JSON value. */
export type ValueDecoder = (r: Reader, end: number, depth: number) => unknown;

/** The source of decoders for the messages nested in special shapes. */
export interface ValueDecoders {
  readonly context: DecodeContext;
  value(name: string): ValueDecoder;
}

/** Go's zero time.Time, 0001-01-01T00:00:00Z, in Unix seconds: its JSON form is null. */
const ZERO_TIME_SECONDS = -62135596800;
const utf8 = new TextDecoder("utf-8");

/** Skips a field that a special message does not use, or fails on field number 0. */
function skipField(r: Reader, tag: number, end: number, tagAt: number): void {
  if (tag >>> 3 === 0 || r.hi !== 0) throw new WireError("invalid field number 0", tagAt);
  r.skip(tag & 7, end, 64, tag >>> 3);
}

function timestamp(fractionDigits: 0 | 6): ValueDecoder {
  return (r, end) => {
    // Go decodes an empty Time message as the zero time, whose JSON form is null.
    if (r.pos === end) return null;
    let seconds: number | bigint = 0;
    let nanos = 0;
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x08) seconds = r.int64(end);
      else if (tag === 0x10) nanos = r.varint(end) | 0;
      else skipField(r, tag, end, tagAt);
    }
    if (seconds === ZERO_TIME_SECONDS && nanos === 0) return null;
    return formatTimestamp(seconds, nanos, fractionDigits);
  };
}

const duration: ValueDecoder = (r, end) => {
  let nanoseconds: number | bigint = 0;
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.varint(end);
    if (tag === 0x08) nanoseconds = r.int64(end);
    else skipField(r, tag, end, tagAt);
  }
  return formatDuration(nanoseconds);
};

const intOrString: ValueDecoder = (r, end) => {
  let type: number | bigint = 0;
  let intVal = 0;
  let strVal = "";
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.varint(end);
    if (tag === 0x08) type = r.int64(end);
    else if (tag === 0x10) intVal = r.varint(end) | 0;
    else if (tag === 0x1a) strVal = r.string(end);
    else skipField(r, tag, end, tagAt);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new WireError(`invalid IntOrString type ${type}: expected 0 (int) or 1 (string)`);
};

const quantity: ValueDecoder = (r, end) => {
  // NOTE: the string is passed through as written, as JSON decoding passes it. Go would
  // rewrite a non-canonical one ("1000m" as "1") when writing JSON.
  let text = "0";
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.varint(end);
    if (tag === 0x0a) text = r.string(end);
    else skipField(r, tag, end, tagAt);
  }
  return text;
};

function rawJson(context: DecodeContext): ValueDecoder {
  return (r, end, depth) => {
    let raw: Uint8Array | undefined;
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x0a) raw = r.bytes(end);
      else skipField(r, tag, end, tagAt);
    }
    if (raw === undefined || raw.length === 0) return null;
    if (hasMagic(raw)) return context.decodeEmbedded(raw, depth);
    return parseJsonExact(utf8.decode(raw));
  };
}

const stringList: ValueDecoder = (r, end) => {
  const items: string[] = [];
  while (r.pos < end) {
    const tagAt = r.pos;
    const tag = r.varint(end);
    if (tag === 0x0a) items.push(r.string(end));
    else skipField(r, tag, end, tagAt);
  }
  return items;
};

/** Returns the decoder of the message in field `number` of a special message. */
function nestedValue(schema: MessageSchema, number: number, plans: ValueDecoders): ValueDecoder {
  const field = schema.fields.find((candidate) => candidate.number === number);
  if (field?.type.kind !== "message") throw new WireError(`message ${schema.name} has no message field ${number}`);
  return plans.value(field.type.message);
}

function readNested(r: Reader, end: number, depth: number, decode: ValueDecoder): unknown {
  const len = r.length(end);
  return decode(r, r.pos + len, depth + 1);
}

function schemaOrArray(schema: MessageSchema, plans: ValueDecoders): ValueDecoder {
  const props = nestedValue(schema, 1, plans);
  return (r, end, depth) => {
    let single: unknown = null;
    const list: unknown[] = [];
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x0a) single = readNested(r, end, depth, props);
      else if (tag === 0x12) list.push(readNested(r, end, depth, props));
      else skipField(r, tag, end, tagAt);
    }
    return list.length > 0 ? list : single;
  };
}

function schemaOrBool(schema: MessageSchema, plans: ValueDecoders): ValueDecoder {
  const props = nestedValue(schema, 2, plans);
  return (r, end, depth) => {
    let allows = false;
    let single: unknown;
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x08) allows = (r.varint(end) | r.hi) !== 0;
      else if (tag === 0x12) single = readNested(r, end, depth, props);
      else skipField(r, tag, end, tagAt);
    }
    return single ?? allows;
  };
}

function schemaOrStringArray(schema: MessageSchema, plans: ValueDecoders): ValueDecoder {
  const props = nestedValue(schema, 1, plans);
  return (r, end, depth) => {
    let single: unknown = null;
    const list: string[] = [];
    while (r.pos < end) {
      const tagAt = r.pos;
      const tag = r.varint(end);
      if (tag === 0x0a) single = readNested(r, end, depth, props);
      else if (tag === 0x12) list.push(r.string(end));
      else skipField(r, tag, end, tagAt);
    }
    return list.length > 0 ? list : single;
  };
}

/** Returns the decoder of a message with a special JSON shape. */
export function specialDecoder(schema: MessageSchema, plans: ValueDecoders): ValueDecoder {
  switch (schema.special) {
    case "Time":
      return timestamp(0);
    case "MicroTime":
      return timestamp(6);
    case "Duration":
      return duration;
    case "IntOrString":
      return intOrString;
    case "Quantity":
      return quantity;
    case "RawExtension":
    case "JSON":
    case "FieldsV1":
      return rawJson(plans.context);
    case "StringList":
      return stringList;
    case "JSONSchemaPropsOrArray":
      return schemaOrArray(schema, plans);
    case "JSONSchemaPropsOrBool":
      return schemaOrBool(schema, plans);
    case "JSONSchemaPropsOrStringArray":
      return schemaOrStringArray(schema, plans);
    default:
      throw new WireError(`message ${schema.name} has an unknown special shape ${String(schema.special)}`);
  }
}
