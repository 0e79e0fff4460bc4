import type { FieldSchema, FieldType, MessageSchema, ScalarType, SchemaResolver } from "@apimachinery/runtime";
import { WireError, withPath } from "./errors.js";
import type { JsonObject } from "./decode-plan.js";
import { invalidValue, scalarDefaults, scalarWriters, wireTypeOf } from "./scalars.js";
import { specialEncoder, type ValueEncoder } from "./special-encode.js";
import type { Writer } from "./writer.js";

/** Writes the fields of one message (without tag or length) from a plain object. */
export type MessageEncoder = (w: Writer, source: JsonObject, depth: number) => void;

/** Writes one field of a message, when the source object has a value for it. */
type FieldEncoder = (w: Writer, source: JsonObject, depth: number) => void;

/** Specials whose JSON null is Go's zero value of a struct, written as an empty message. */
const NULL_AS_EMPTY = new Set(["Time", "MicroTime", "RawExtension", "JSON", "FieldsV1"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Compares strings by their UTF-8 bytes, the order Go's sort.Strings gives map keys. */
function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800-DFFF) stand for code points above U+FFFF, which sort after U+E000-FFFF in UTF-8.
    if (x >= 0xd800 && x < 0xe000) x += 0x10000;
    if (y >= 0xd800 && y < 0xe000) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}

/** The schemas and limits that encode plans use. */
export interface EncodeContext {
  readonly schemas: SchemaResolver;
  readonly maxDepth: number;
}

/**
 * Compiles message schemas into encoders: one closure per field in field-number order,
 * writing in one pass into a growable buffer. Plans are cached per message name.
 */
export class EncodePlans {
  readonly #encoders = new Map<string, MessageEncoder>();
  readonly #values = new Map<string, ValueEncoder>();

  constructor(readonly context: EncodeContext) {}

  schema(name: string): MessageSchema {
    const schema = this.context.schemas.message(name);
    if (schema === undefined) throw new WireError(`no schema for message ${name}`);
    return schema;
  }

  /** Returns the encoder of the fields of message `name`. */
  message(name: string): MessageEncoder {
    let encoder = this.#encoders.get(name);
    if (encoder === undefined) {
      let compiled: MessageEncoder | undefined;
      this.#encoders.set(name, (w, source, depth) => compiled!(w, source, depth));
      compiled = this.#compile(this.schema(name));
      this.#encoders.set(name, compiled);
      encoder = compiled;
    }
    return encoder;
  }

  /** Returns the encoder of one message body from its JSON value (a special shape or a plain object). */
  value(name: string): ValueEncoder {
    let encoder = this.#values.get(name);
    if (encoder === undefined) {
      const schema = this.schema(name);
      if (schema.special !== undefined) encoder = specialEncoder(schema, this);
      else {
        const fields = this.message(name);
        encoder = (w, value, depth) => {
          if (!isObject(value)) throw invalidValue("an object", value);
          fields(w, value, depth);
        };
      }
      this.#values.set(name, encoder);
    }
    return encoder;
  }

  #compile(schema: MessageSchema): MessageEncoder {
    const sorted = [...schema.fields].sort((a, b) => a.number - b.number);
    const encoders = sorted.map((field) => this.#field(field));
    const maxDepth = this.context.maxDepth;
    return (w, source, depth) => {
      if (depth > maxDepth) throw new WireError(`objects nested deeper than ${maxDepth}`);
      let i = 0;
      try {
        for (; i < encoders.length; i++) encoders[i]!(w, source, depth);
      } catch (error) {
        const field = sorted[i]!;
        throw field.inline ? error : withPath(error, field.name);
      }
    };
  }

  #field(field: FieldSchema): FieldEncoder {
    const type = field.type;
    if (type.kind === "map") return this.#mapField(field, type);
    if (type.kind === "scalar") return scalarField(field, type.scalar);
    return this.#messageField(field, type.message);
  }

  #messageField(field: FieldSchema, messageName: string): FieldEncoder {
    const name = field.name;
    const tag = (field.number << 3) | 2;
    if (field.inline) {
      const fields = this.message(messageName);
      // Go always writes an embedded struct, empty or not.
      return (w, source, depth) => {
        w.uint32(tag);
        const start = w.beginMessage();
        fields(w, source, depth + 1);
        w.endMessage(start);
      };
    }
    const schema = this.schema(messageName);
    const encode = this.value(messageName);
    const nullAsEmpty = schema.special !== undefined && NULL_AS_EMPTY.has(schema.special);
    if (!field.repeated) {
      return (w, source, depth) => {
        const value = source[name];
        if (value === undefined || (value === null && !nullAsEmpty)) return;
        w.uint32(tag);
        const start = w.beginMessage();
        if (value !== null) encode(w, value, depth + 1);
        w.endMessage(start);
      };
    }
    return (w, source, depth) => {
      const list = source[name];
      if (list === undefined || list === null) return;
      if (!Array.isArray(list)) throw invalidValue("an array", list);
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        w.uint32(tag);
        const start = w.beginMessage();
        try {
          if (item !== null || !nullAsEmpty) encode(w, item, depth + 1);
        } catch (error) {
          throw withPath(error, `[${i}]`);
        }
        w.endMessage(start);
      }
    };
  }

  #mapField(field: FieldSchema, type: Extract<FieldType, { kind: "map" }>): FieldEncoder {
    const name = field.name;
    const tag = (field.number << 3) | 2;
    const keyTag = (1 << 3) | wireTypeOf[type.key];
    const writeKey = scalarWriters[type.key];
    const valueType = type.value;
    let writeValue: (w: Writer, value: unknown, depth: number) => void;
    if (valueType.kind === "scalar") {
      const write = scalarWriters[valueType.scalar];
      const valueTag = (2 << 3) | wireTypeOf[valueType.scalar];
      const zero = scalarDefaults[valueType.scalar];
      writeValue = (w, value) => {
        w.uint32(valueTag);
        write(w, value ?? zero);
      };
    } else if (valueType.kind === "message") {
      const encode = this.value(valueType.message);
      writeValue = (w, value, depth) => {
        w.uint32(0x12);
        const start = w.beginMessage();
        if (value !== null && value !== undefined) encode(w, value, depth + 1);
        w.endMessage(start);
      };
    } else throw new WireError(`map field ${name} has a map value, which protobuf does not allow`);
    const numericKey = type.key !== "string";
    return (w, source, depth) => {
      const map = source[name];
      if (map === undefined || map === null) return;
      if (!isObject(map)) throw invalidValue("an object", map);
      const keys = Object.keys(map);
      if (numericKey) keys.sort((a, b) => Number(a) - Number(b));
      else if (keys.length > 1) keys.sort(compareUtf8);
      for (const key of keys) {
        w.uint32(tag);
        const start = w.beginMessage();
        try {
          w.uint32(keyTag);
          writeKey(w, numericKey ? Number(key) : key);
          writeValue(w, map[key], depth);
        } catch (error) {
          throw withPath(error, key);
        }
        w.endMessage(start);
      }
    };
  }
}

/** Returns the encoder of a scalar field: by-value zeros written, lists unpacked. */
function scalarField(field: FieldSchema, scalar: ScalarType): FieldEncoder {
  const name = field.name;
  const write = scalarWriters[scalar];
  const tag = (field.number << 3) | wireTypeOf[scalar];
  if (field.omitEmpty && !field.repeated) {
    // Go writes this by-value field even when JSON leaves it out as zero.
    const zero = scalarDefaults[scalar];
    return (w, source) => {
      const value = source[name];
      w.uint32(tag);
      write(w, value === undefined || value === null ? zero : value);
    };
  }
  if (!field.repeated) {
    return (w, source) => {
      const value = source[name];
      if (value === undefined || value === null) return;
      w.uint32(tag);
      write(w, value);
    };
  }
  // Kubernetes' proto2 files do not mark lists packed, so Go writes one tag per element.
  return (w, source) => {
    const list = source[name];
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) throw invalidValue("an array", list);
    for (let i = 0; i < list.length; i++) {
      w.uint32(tag);
      try {
        write(w, list[i]);
      } catch (error) {
        throw withPath(error, `[${i}]`);
      }
    }
  };
}
