import { formatQuantity, parseQuantity } from "@apimachinery/meta";
import type { MessageSchema } from "@apimachinery/runtime";
import { parseDuration } from "./duration.js";
import { WireError, withPath } from "./errors.js";
import { stringifyJsonExact } from "./json-exact.js";
import { invalidValue } from "./scalars.js";
import { parseTimestamp } from "./time.js";
import type { Writer } from "./writer.js";

/** Writes one message body (without tag or length) from its JSON value. */
export type ValueEncoder = (w: Writer, value: unknown, depth: number) => void;

/** The source of encoders for the messages nested in special shapes. */
export interface ValueEncoders {
  value(name: string): ValueEncoder;
}

const utf8 = new TextEncoder();

const timestamp: ValueEncoder = (w, value) => {
  if (typeof value !== "string") throw invalidValue("an RFC 3339 time string", value);
  const { seconds, nanos } = parseTimestamp(value);
  // Go writes both fields of a non-zero time, nanos included when 0.
  w.uint32(0x08);
  w.int64Number(seconds);
  w.uint32(0x10);
  w.int32(nanos);
};

const duration: ValueEncoder = (w, value) => {
  if (typeof value !== "string") throw invalidValue("a duration string such as \"1h0m0s\"", value);
  w.uint32(0x08);
  w.int64Bigint(parseDuration(value));
};

const intOrString: ValueEncoder = (w, value) => {
  // Go writes all three fields.
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw invalidValue("an int32 integer or a string", value);
    w.uint32(0x08);
    w.uint32(0);
    w.uint32(0x10);
    w.int32(value);
    w.uint32(0x1a);
    w.string("");
    return;
  }
  if (typeof value !== "string") throw invalidValue("an integer or a string", value);
  w.uint32(0x08);
  w.uint32(1);
  w.uint32(0x10);
  w.uint32(0);
  w.uint32(0x1a);
  w.string(value);
};

const quantity: ValueEncoder = (w, value) => {
  // Go's Quantity also reads a JSON number; its text is the same decimal.
  if (typeof value === "number" && Number.isFinite(value)) value = String(value);
  if (typeof value !== "string") throw invalidValue("a quantity string", value);
  // Go writes the quantity's String(): the canonical form, such as "1" for "1000m".
  let text: string;
  try {
    text = formatQuantity(parseQuantity(value));
  } catch (error) {
    throw new WireError(error instanceof Error ? error.message : String(error));
  }
  w.uint32(0x0a);
  w.string(text);
};

const rawJson: ValueEncoder = (w, value) => {
  w.uint32(0x0a);
  w.bytes(utf8.encode(stringifyJsonExact(value)));
};

const stringList: ValueEncoder = (w, value) => writeStrings(w, 0x0a, value, "an array of strings");

/** Writes each string of `value` under `tag`, failing on a value that is not a list of strings. */
function writeStrings(w: Writer, tag: number, value: unknown, expected: string): void {
  if (!Array.isArray(value)) throw invalidValue(expected, value);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== "string") throw withPath(invalidValue("a string", item), `[${i}]`);
    w.uint32(tag);
    w.string(item);
  }
}

function nestedValue(schema: MessageSchema, number: number, plans: ValueEncoders): ValueEncoder {
  const field = schema.fields.find((candidate) => candidate.number === number);
  if (field?.type.kind !== "message") throw new WireError(`message ${schema.name} has no message field ${number}`);
  return plans.value(field.type.message);
}

function writeNested(w: Writer, tag: number, value: unknown, depth: number, encode: ValueEncoder): void {
  w.uint32(tag);
  const start = w.beginMessage();
  encode(w, value, depth + 1);
  w.endMessage(start);
}

function isSchemaObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function schemaOrArray(schema: MessageSchema, plans: ValueEncoders): ValueEncoder {
  const props = nestedValue(schema, 1, plans);
  return (w, value, depth) => {
    if (isSchemaObject(value)) writeNested(w, 0x0a, value, depth, props);
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        try {
          writeNested(w, 0x12, value[i], depth, props);
        } catch (error) {
          throw withPath(error, `[${i}]`);
        }
      }
    } else throw invalidValue("a schema object or an array of schemas", value);
  };
}

function schemaOrBool(schema: MessageSchema, plans: ValueEncoders): ValueEncoder {
  const props = nestedValue(schema, 2, plans);
  return (w, value, depth) => {
    if (typeof value === "boolean") {
      w.uint32(0x08);
      w.uint32(value ? 1 : 0);
      return;
    }
    if (!isSchemaObject(value)) throw invalidValue("a boolean or a schema object", value);
    // Go reads a schema as "allowed, with this schema".
    w.uint32(0x08);
    w.uint32(1);
    writeNested(w, 0x12, value, depth, props);
  };
}

function schemaOrStringArray(schema: MessageSchema, plans: ValueEncoders): ValueEncoder {
  const props = nestedValue(schema, 1, plans);
  return (w, value, depth) => {
    if (isSchemaObject(value)) {
      writeNested(w, 0x0a, value, depth, props);
      return;
    }
    writeStrings(w, 0x12, value, "a schema object or an array of strings");
  };
}

/** Returns the encoder of a message with a special JSON shape. */
export function specialEncoder(schema: MessageSchema, plans: ValueEncoders): ValueEncoder {
  switch (schema.special) {
    case "Time":
    case "MicroTime":
      return timestamp;
    case "Duration":
      return duration;
    case "IntOrString":
      return intOrString;
    case "Quantity":
      return quantity;
    case "RawExtension":
    case "JSON":
    case "FieldsV1":
      return rawJson;
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
