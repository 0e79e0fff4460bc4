import type { GroupVersionKind } from "@apimachinery/meta";
import type { FieldSchema, FieldType, KindSchemaLookup, MessageSchema, ScalarType, SchemaResolver } from "@apimachinery/runtime";
import { isInt64 } from "./int64.js";

/** The fields of each message by JSON name, with inline (embedded) messages flattened. */
const fieldIndexes = new WeakMap<MessageSchema, Map<string, FieldSchema>>();

function fieldIndex(message: MessageSchema, resolver: SchemaResolver): Map<string, FieldSchema> {
  let index = fieldIndexes.get(message);
  if (index !== undefined) return index;
  index = new Map();
  for (const field of message.fields) {
    const inlined = field.inline && field.type.kind === "message" ? resolver.message(field.type.message) : undefined;
    if (inlined === undefined) {
      index.set(field.name, field);
    } else {
      for (const [name, inner] of fieldIndex(inlined, resolver)) index.set(name, inner);
    }
  }
  fieldIndexes.set(message, index);
  return index;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Names a decoded value's JSON type as Go's `UnmarshalTypeError` does. */
function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number" || typeof value === "bigint") return `number ${String(value)}`;
  return typeof value === "string" ? "string" : "object";
}

/** The Go type of a scalar, as Go's decoding errors name it. */
const goScalarNames: Readonly<Record<ScalarType, string>> = {
  string: "string",
  bool: "bool",
  int32: "int32",
  int64: "int64",
  uint32: "uint32",
  uint64: "uint64",
  double: "float64",
  float: "float32",
  bytes: "[]uint8",
};

/** The inclusive range of each integer scalar. */
const integerRanges: Partial<Readonly<Record<ScalarType, readonly [bigint, bigint]>>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function shortName(message: string): string {
  return message.slice(message.lastIndexOf(".") + 1);
}

/**
 * Reports whether a decoded value fits an integer scalar: a whole number within its range.
 * NOTE: `1.0` decodes to the number 1 and is accepted. Go rejects a fraction literal for an
 * integer field, but the decoded value no longer shows the literal.
 */
function fitsInteger(value: unknown, scalar: ScalarType): boolean {
  if (typeof value === "number" && !Number.isInteger(value)) return false;
  if (typeof value !== "number" && typeof value !== "bigint") return false;
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    // A double this large came from an integer beyond int64 or a float literal.
    return scalar === "uint64" && value >= 0 && value < 2 ** 64;
  }
  const range = integerRanges[scalar];
  const integer = BigInt(value);
  return range === undefined ? isInt64(integer) : integer >= range[0] && integer <= range[1];
}

function fitsScalar(value: unknown, scalar: ScalarType): boolean {
  switch (scalar) {
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "double":
    case "float":
      return typeof value === "number" || typeof value === "bigint";
    case "bytes":
      return typeof value === "string" && base64.test(value);
    default:
      return fitsInteger(value, scalar);
  }
}

/** Reports whether a decoded value has the JSON form of a special message shape. */
function fitsSpecial(value: unknown, message: MessageSchema): boolean {
  switch (message.special) {
    case "Time":
    case "MicroTime":
    case "Duration":
      return typeof value === "string";
    case "IntOrString":
      return typeof value === "string" || (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint";
    case "Quantity":
      return typeof value === "string" || typeof value === "number" || typeof value === "bigint";
    case "StringList":
      return Array.isArray(value) && value.every((item: unknown) => typeof item === "string");
    case "JSONSchemaPropsOrArray":
      return isPlainObject(value) || Array.isArray(value);
    case "JSONSchemaPropsOrBool":
      return isPlainObject(value) || typeof value === "boolean";
    case "JSONSchemaPropsOrStringArray":
      return isPlainObject(value) || (Array.isArray(value) && value.every((item: unknown) => typeof item === "string"));
    default:
      // RawExtension, JSON and FieldsV1 accept any value.
      return true;
  }
}

/** The findings of a schema walk. */
export interface SchemaFindings {
  /** `unknown field "<path>"` messages, in document order; collected only when requested. */
  readonly unknownFields: string[];
  /** Go-style type errors (`json: cannot unmarshal string into Go struct field ...`). */
  readonly typeErrors: string[];
}

/**
 * Walks a decoded value beside its schema. A JSON `null` fits every field, as Go decodes it
 * to the zero value. The current path is kept as a stack of segments and joined only when
 * a finding needs it, because most walks find nothing.
 */
class SchemaWalker implements SchemaFindings {
  readonly unknownFields: string[] = [];
  readonly typeErrors: string[] = [];
  readonly #resolver: SchemaResolver;
  readonly #collectUnknown: boolean;
  readonly #path: (string | number)[] = [];

  constructor(resolver: SchemaResolver, collectUnknown: boolean) {
    this.#resolver = resolver;
    this.#collectUnknown = collectUnknown;
  }

  /** Returns the current path, such as `spec.containers[0].name`. */
  #pathText(): string {
    let text = "";
    for (const segment of this.#path) {
      if (typeof segment === "number") text += `[${segment}]`;
      else text += text === "" ? segment : `.${segment}`;
    }
    return text;
  }

  #typeError(value: unknown, struct: string, goType: string): void {
    this.typeErrors.push(`json: cannot unmarshal ${jsonTypeName(value)} into Go struct field ${struct}.${this.#pathText()} of type ${goType}`);
  }

  message(value: unknown, message: MessageSchema, struct: string): void {
    if (value === null) return;
    if (message.special !== undefined) {
      if (!fitsSpecial(value, message)) this.#typeError(value, struct, message.special);
      return;
    }
    if (!isPlainObject(value)) {
      if (this.#path.length > 0) this.#typeError(value, struct, shortName(message.name));
      return;
    }
    const fields = fieldIndex(message, this.#resolver);
    // Objects embed TypeMeta, which is not a protobuf field: an object is a message with metadata.
    const embedsTypeMeta = this.#path.length === 0 || fields.has("metadata");
    const name = shortName(message.name);
    for (const key of Object.keys(value)) {
      const field = fields.get(key);
      const item = value[key];
      this.#path.push(key);
      if (field !== undefined) {
        this.field(item, field, name);
      } else if (embedsTypeMeta && (key === "apiVersion" || key === "kind")) {
        if (typeof item !== "string" && item !== null) this.#typeError(item, name, "string");
      } else if (this.#collectUnknown) {
        this.unknownFields.push(`unknown field "${this.#pathText()}"`);
      }
      this.#path.pop();
    }
  }

  field(value: unknown, field: FieldSchema, struct: string): void {
    if (!field.repeated || value === null) {
      this.type(value, field.type, struct);
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        this.#path.push(index);
        this.type(value[index], field.type, struct);
        this.#path.pop();
      }
    } else {
      this.#typeError(value, struct, `[]${goTypeName(field.type)}`);
    }
  }

  type(value: unknown, type: FieldType, struct: string): void {
    if (value === null) return;
    if (type.kind === "scalar") {
      if (!fitsScalar(value, type.scalar)) this.#typeError(value, struct, goScalarNames[type.scalar]);
    } else if (type.kind === "message") {
      const message = this.#resolver.message(type.message);
      if (message !== undefined) this.message(value, message, struct);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        this.#path.push(key);
        this.type(value[key], type.value, struct);
        this.#path.pop();
      }
    } else {
      this.#typeError(value, struct, goTypeName(type));
    }
  }
}

function goTypeName(type: FieldType): string {
  if (type.kind === "scalar") return goScalarNames[type.scalar];
  if (type.kind === "message") return shortName(type.message);
  return `map[string]${goTypeName(type.value)}`;
}

/**
 * Checks a decoded object against its kind's schema: the type of every known field, and,
 * when `collectUnknown` is set, the fields the schema does not define (worded as Go's strict
 * decoding words them, `unknown field "spec.foo"`, arrays as `[0]`). Finds nothing when the
 * kind has no schema in `lookup`.
 */
export function checkAgainstSchema(
  object: Record<string, unknown>,
  gvk: GroupVersionKind,
  lookup: KindSchemaLookup,
  collectUnknown: boolean,
): SchemaFindings {
  const kindSchema = lookup.kindSchema(gvk);
  const message = kindSchema === undefined ? undefined : lookup.schemas.message(kindSchema.message);
  const walker = new SchemaWalker(lookup.schemas, collectUnknown);
  if (message !== undefined) walker.message(object, message, shortName(message.name));
  return walker;
}

/**
 * Lists the fields of a decoded object that its kind's schema does not define, worded as
 * Go's strict decoding words them (`unknown field "spec.foo"`, arrays as `[0]`). Returns an
 * empty list when the kind has no schema in `lookup`.
 */
export function findUnknownFields(object: Record<string, unknown>, gvk: GroupVersionKind, lookup: KindSchemaLookup): string[] {
  return checkAgainstSchema(object, gvk, lookup, true).unknownFields;
}
