import fc from "fast-check";
import type { FieldSchema, FieldType, MessageSchema, ScalarType, SchemaResolver } from "@apimachinery/runtime";

/*
 * Random plain objects for any message schema, in the form that survives a protobuf round
 * trip unchanged. Lists and maps are never empty, because protobuf cannot tell empty from
 * absent. Times lie in the range Go can write as JSON, and quantities are canonical. Int64
 * values are numbers within 2^53 and bigints beyond.
 */

const MAX_DEPTH = 4;
const QUANTITIES = ["0", "1", "250m", "1Gi", "100M", "1500m", "-2", "512Mi"];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function int64Value(unsigned: boolean): fc.Arbitrary<number | bigint> {
  const min = unsigned ? 0n : -(1n << 63n);
  const max = unsigned ? (1n << 64n) - 1n : (1n << 63n) - 1n;
  return fc.bigInt({ min, max }).map((value) => (value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value));
}

function scalarValue(scalar: ScalarType): fc.Arbitrary<unknown> {
  switch (scalar) {
    case "string":
      return fc.string({ maxLength: 12 });
    case "bool":
      return fc.boolean();
    case "int32":
      return fc.integer({ min: -2147483648, max: 2147483647 });
    case "uint32":
      return fc.integer({ min: 0, max: 4294967295 });
    case "int64":
      return int64Value(false);
    case "uint64":
      return int64Value(true);
    case "double":
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0));
    case "float":
      // Integers below 2^24 are exact in float32 and read back as the same number.
      return fc.integer({ min: -16777216, max: 16777216 });
    case "bytes":
      return fc.uint8Array({ maxLength: 8 }).map((data) => Buffer.from(data).toString("base64"));
  }
}

/** A JSON value without -0, unsafe integers or floats, which JSON text would change. */
const rawJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.string({ maxLength: 6 }),
);

/** Builds arbitraries for the messages of a resolver, memoized per message and depth. */
export class ObjectArbitraries {
  readonly #cache = new Map<string, fc.Arbitrary<unknown>>();

  constructor(readonly schemas: SchemaResolver) {}

  /** Returns an arbitrary JSON value of message `name` at nesting `depth`. */
  value(name: string, depth: number): fc.Arbitrary<unknown> {
    const key = `${name}@${depth}`;
    let arbitrary = this.#cache.get(key);
    if (arbitrary === undefined) {
      const schema = this.schemas.message(name);
      if (schema === undefined) throw new Error(`no schema for ${name}`);
      arbitrary = schema.special !== undefined ? this.#special(schema, depth) : this.#object(schema, depth).map((fields) => fields);
      this.#cache.set(key, arbitrary);
    }
    return arbitrary;
  }

  /** Returns an arbitrary plain object of a message's fields, inline fields merged in. */
  #object(schema: MessageSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    if (depth >= MAX_DEPTH) return fc.constant({});
    const parts: fc.Arbitrary<Record<string, unknown>>[] = [];
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of schema.fields) {
      if (field.inline && field.type.kind === "message") {
        parts.push(this.value(field.type.message, depth + 1) as fc.Arbitrary<Record<string, unknown>>);
        continue;
      }
      record[field.name] = this.#field(field, depth);
    }
    parts.push(fc.record(record, { requiredKeys: [] }));
    return fc.tuple(...parts).map((objects) => Object.assign({}, ...objects) as Record<string, unknown>);
  }

  #field(field: FieldSchema, depth: number): fc.Arbitrary<unknown> {
    const single = this.#single(field.type, depth);
    if (field.omitEmpty) return single.filter((value) => value !== "" && value !== 0 && value !== false);
    return field.repeated ? fc.array(single, { minLength: 1, maxLength: 2 }) : single;
  }

  #single(type: FieldType, depth: number): fc.Arbitrary<unknown> {
    if (type.kind === "scalar") return scalarValue(type.scalar);
    if (type.kind === "message") return this.value(type.message, depth + 1);
    const value = this.#single(type.value, depth);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), value, { minKeys: 1, maxKeys: 2 });
  }

  #special(schema: MessageSchema, depth: number): fc.Arbitrary<unknown> {
    const nested = (number: number): fc.Arbitrary<unknown> => {
      const field = schema.fields.find((candidate) => candidate.number === number);
      if (field?.type.kind !== "message") throw new Error(`${schema.name} has no message field ${number}`);
      return depth >= MAX_DEPTH ? fc.constant({}) : this.value(field.type.message, depth + 1);
    };
    switch (schema.special) {
      case "Time":
        return fc.integer({ min: -62135596799, max: 253402300799 }).map((seconds) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/^\+0*/, ""));
      case "MicroTime":
        return fc.tuple(fc.integer({ min: 0, max: 253402300799 }), fc.integer({ min: 0, max: 999999 })).map(([seconds, micros]) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${String(micros).padStart(6, "0")}Z`);
      case "Duration":
        return fc.constantFrom("0s", "1ns", "1.5\u00b5s", "2ms", "3.25s", "1h0m0s", "-4m5s", "2562047h47m16.854775807s");
      case "IntOrString":
        return fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.string({ maxLength: 6 }));
      case "Quantity":
        return fc.constantFrom(...QUANTITIES);
      case "RawExtension":
      case "JSON":
      case "FieldsV1":
        return rawJson;
      case "StringList":
        return fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 });
      case "JSONSchemaPropsOrArray":
        return fc.oneof(nested(1), fc.array(nested(1), { minLength: 1, maxLength: 2 }));
      case "JSONSchemaPropsOrBool":
        return fc.oneof(fc.boolean(), nested(2));
      case "JSONSchemaPropsOrStringArray":
        return fc.oneof(nested(1), fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 2 }));
      default:
        throw new Error(`unknown special shape ${String(schema.special)}`);
    }
  }
}
