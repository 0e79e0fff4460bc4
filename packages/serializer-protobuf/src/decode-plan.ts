import type { FieldSchema, FieldType, MessageSchema, ScalarType, SchemaResolver } from "@apimachinery/runtime";
import { WireError, withPath } from "./errors.js";
import { Reader } from "./reader.js";
import { scalarDefaults, scalarReaders, wireTypeOf } from "./scalars.js";
import { specialDecoder, type ValueDecoder } from "./special-decode.js";

/** A plain object as JSON decoding gives it. */
export type JsonObject = Record<string, unknown>;

/** Reads the fields of one message, from the reader's position up to `end`, into `target`. */
export type MessageDecoder = (r: Reader, end: number, target: JsonObject, depth: number) => void;

type FieldHandler = (r: Reader, wireType: number, end: number, target: JsonObject, depth: number) => void;

/** The schemas, limits and embedded-object decoder that decode plans use. */
export interface DecodeContext {
  readonly schemas: SchemaResolver;
  /** The deepest nesting of messages accepted; deeper input fails instead of exhausting the stack. */
  readonly maxDepth: number;
  /** Decodes a complete enveloped object found inside a RawExtension. */
  decodeEmbedded(data: Uint8Array, depth: number): unknown;
}

function wrongWireType(field: FieldSchema, wireType: number, r: Reader): WireError {
  return new WireError(`wrong wire type ${wireType} for field number ${field.number}`, r.pos);
}

function packable(type: FieldType): boolean {
  return type.kind === "scalar" && wireTypeOf[type.scalar] !== 2;
}

/**
 * Compiles message schemas into decoders: one closure per field, found by field number in
 * an array, so decoding is one pass over the bytes with no lookups by name. Plans are built
 * on first use and cached, which also ties the knot for recursive messages.
 */
export class DecodePlans {
  readonly #decoders = new Map<string, MessageDecoder>();
  readonly #values = new Map<string, ValueDecoder>();

  constructor(readonly context: DecodeContext) {}

  /** Returns the schema of `name`, failing when the resolver has none. */
  schema(name: string): MessageSchema {
    const schema = this.context.schemas.message(name);
    if (schema === undefined) throw new WireError(`no schema for message ${name}`);
    return schema;
  }

  /** Returns the decoder of the fields of message `name`. */
  message(name: string): MessageDecoder {
    let decoder = this.#decoders.get(name);
    if (decoder === undefined) {
      let compiled: MessageDecoder | undefined;
      // A forwarding stub lets a message refer to itself before it is compiled.
      this.#decoders.set(name, (r, end, target, depth) => compiled!(r, end, target, depth));
      compiled = this.#compile(this.schema(name));
      this.#decoders.set(name, compiled);
      decoder = compiled;
    }
    return decoder;
  }

  /**
   * Returns a decoder that turns one message body into its JSON value: the special shape's
   * value, or a fresh plain object.
   */
  value(name: string): ValueDecoder {
    let decoder = this.#values.get(name);
    if (decoder === undefined) {
      const schema = this.schema(name);
      if (schema.special !== undefined) decoder = specialDecoder(schema, this);
      else {
        const fields = this.message(name);
        decoder = (r, end, depth) => {
          const target: JsonObject = {};
          fields(r, end, target, depth);
          return target;
        };
      }
      this.#values.set(name, decoder);
    }
    return decoder;
  }

  #compile(schema: MessageSchema): MessageDecoder {
    const handlers: (FieldHandler | undefined)[] = [];
    const fields: (FieldSchema | undefined)[] = [];
    for (const field of schema.fields) {
      handlers[field.number] = this.#field(field);
      fields[field.number] = field;
    }
    const maxDepth = this.context.maxDepth;
    return (r, end, target, depth) => {
      if (depth > maxDepth) throw new WireError(`messages nested deeper than ${maxDepth}`, r.pos);
      while (r.pos < end) {
        const tagAt = r.pos;
        const tag = r.varint(end);
        const number = tag >>> 3;
        if (number === 0 || r.hi !== 0) throw new WireError(`invalid field number ${r.hi !== 0 ? "over 2^29" : number}`, tagAt);
        const handler = handlers[number];
        if (handler === undefined) {
          r.skip(tag & 7, end, maxDepth - depth, number);
          continue;
        }
        try {
          handler(r, tag & 7, end, target, depth);
        } catch (error) {
          const field = fields[number]!;
          throw field.inline ? error : withPath(error, pathSegment(field, target));
        }
      }
    };
  }

  #field(field: FieldSchema): FieldHandler {
    const type = field.type;
    if (type.kind === "scalar") return scalarField(field, type.scalar);
    if (type.kind === "map") return this.#mapField(field, type);
    if (field.inline) {
      const fields = this.message(type.message);
      return (r, wireType, end, target, depth) => {
        if (wireType !== 2) throw wrongWireType(field, wireType, r);
        const len = r.length(end);
        fields(r, r.pos + len, target, depth + 1);
      };
    }
    const schema = this.schema(type.message);
    const name = field.name;
    if (field.repeated || schema.special !== undefined) {
      const value = this.value(type.message);
      const repeated = field.repeated === true;
      return (r, wireType, end, target, depth) => {
        if (wireType !== 2) throw wrongWireType(field, wireType, r);
        const len = r.length(end);
        const item = value(r, r.pos + len, depth + 1);
        if (!repeated) target[name] = item;
        else {
          const list = target[name] as unknown[] | undefined;
          if (list === undefined) target[name] = [item];
          else list.push(item);
        }
      };
    }
    const fields = this.message(type.message);
    return (r, wireType, end, target, depth) => {
      if (wireType !== 2) throw wrongWireType(field, wireType, r);
      const len = r.length(end);
      // A repeated occurrence of a singular message merges into the first, as protobuf specifies.
      let nested = target[name] as JsonObject | undefined;
      if (nested === undefined) target[name] = nested = {};
      fields(r, r.pos + len, nested, depth + 1);
    };
  }

  #mapField(field: FieldSchema, type: Extract<FieldType, { kind: "map" }>): FieldHandler {
    const keyRead = scalarReaders[type.key];
    const keyWire = wireTypeOf[type.key];
    const valueType = type.value;
    let valueRead: (r: Reader, wireType: number, end: number, depth: number) => unknown;
    let valueDefault: (depth: number) => unknown;
    if (valueType.kind === "scalar") {
      const read = scalarReaders[valueType.scalar];
      const wire = wireTypeOf[valueType.scalar];
      valueRead = (r, wireType, end) => {
        if (wireType !== wire) throw wrongWireType(field, wireType, r);
        return read(r, end);
      };
      const zero = scalarDefaults[valueType.scalar];
      valueDefault = () => zero;
    } else if (valueType.kind === "message") {
      const decode = this.value(valueType.message);
      valueRead = (r, wireType, end, depth) => {
        if (wireType !== 2) throw wrongWireType(field, wireType, r);
        const len = r.length(end);
        return decode(r, r.pos + len, depth + 1);
      };
      valueDefault = (depth) => decode(emptyReader, 0, depth + 1);
    } else throw new WireError(`map field ${field.name} has a map value, which protobuf does not allow`);
    const name = field.name;
    const maxDepth = this.context.maxDepth;
    return (r, wireType, end, target, depth) => {
      if (wireType !== 2) throw wrongWireType(field, wireType, r);
      const entryLength = r.length(end);
      const entryEnd = r.pos + entryLength;
      let key: unknown = scalarDefaults[type.key];
      let value: unknown;
      let hasValue = false;
      while (r.pos < entryEnd) {
        const tagAt = r.pos;
        const tag = r.varint(entryEnd);
        const number = tag >>> 3;
        if (number === 1) {
          if ((tag & 7) !== keyWire) throw wrongWireType(field, tag & 7, r);
          key = keyRead(r, entryEnd);
        } else if (number === 2) {
          value = valueRead(r, tag & 7, entryEnd, depth);
          hasValue = true;
        } else if (number === 0 || r.hi !== 0) throw new WireError("invalid field number in map entry", tagAt);
        else r.skip(tag & 7, entryEnd, maxDepth - depth, number);
      }
      let map = target[name] as JsonObject | undefined;
      if (map === undefined) target[name] = map = {};
      Object.defineProperty(map, String(key), { value: hasValue ? value : valueDefault(depth), enumerable: true, writable: true, configurable: true });
    };
  }
}

/** Returns the JSON path segment of a field, with the index of the element being read for a list. */
function pathSegment(field: FieldSchema, target: JsonObject): string {
  if (!field.repeated) return field.name;
  const list = target[field.name];
  return `${field.name}[${Array.isArray(list) ? list.length : 0}]`;
}

/** Decodes the value of a map entry whose value field is absent, as an empty message. */
const emptyReader = new Reader(new Uint8Array(0));

function scalarField(field: FieldSchema, scalar: ScalarType): FieldHandler {
  const read = scalarReaders[scalar];
  const wire = wireTypeOf[scalar];
  const name = field.name;
  if (field.omitEmpty && !field.repeated) {
    // Go writes this by-value field even when zero, and its JSON leaves the zero out.
    const zero = scalarDefaults[scalar];
    return (r, wireType, end, target) => {
      if (wireType !== wire) throw wrongWireType(field, wireType, r);
      const value = read(r, end);
      if (value !== zero) target[name] = value;
      else delete target[name];
    };
  }
  if (!field.repeated) {
    return (r, wireType, end, target) => {
      if (wireType !== wire) throw wrongWireType(field, wireType, r);
      target[name] = read(r, end);
    };
  }
  const canPack = packable(field.type);
  return (r, wireType, end, target) => {
    let list = target[name] as unknown[] | undefined;
    if (list === undefined) target[name] = list = [];
    if (wireType === wire) {
      list.push(read(r, end));
      return;
    }
    if (wireType !== 2 || !canPack) throw wrongWireType(field, wireType, r);
    // Packed encoding: a length-delimited run of values.
    const packedLength = r.length(end);
    const packedEnd = r.pos + packedLength;
    while (r.pos < packedEnd) list.push(read(r, packedEnd));
  };
}
