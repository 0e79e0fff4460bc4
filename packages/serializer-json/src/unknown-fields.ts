import type { FieldSchema, FieldType, KindSchemaLookup, MessageSchema, SchemaResolver } from "@apimachinery/runtime";
import type { GroupVersionKind } from "@apimachinery/meta";

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

/** Walks a decoded value beside its schema and collects `unknown field "<path>"` messages. */
class UnknownFieldWalker {
  readonly errors: string[] = [];
  readonly #resolver: SchemaResolver;

  constructor(resolver: SchemaResolver) {
    this.#resolver = resolver;
  }

  message(value: unknown, message: MessageSchema, path: string): void {
    // Special shapes (Time, Quantity, RawExtension, JSON, ...) have their own JSON forms,
    // and RawExtension and JSON accept any value.
    if (message.special !== undefined || !isPlainObject(value)) return;
    const fields = fieldIndex(message, this.#resolver);
    // Objects embed TypeMeta, which is not a protobuf field: an object is a message with metadata.
    const embedsTypeMeta = path === "" || fields.has("metadata");
    for (const key of Object.keys(value)) {
      const fieldPath = path === "" ? key : `${path}.${key}`;
      const field = fields.get(key);
      if (field === undefined) {
        if (!(embedsTypeMeta && (key === "apiVersion" || key === "kind"))) this.errors.push(`unknown field "${fieldPath}"`);
        continue;
      }
      this.field(value[key], field, fieldPath);
    }
  }

  field(value: unknown, field: FieldSchema, path: string): void {
    if (field.repeated && Array.isArray(value)) {
      value.forEach((item: unknown, index) => this.type(item, field.type, `${path}[${index}]`));
    } else {
      this.type(value, field.type, path);
    }
  }

  type(value: unknown, type: FieldType, path: string): void {
    if (type.kind === "message") {
      const message = this.#resolver.message(type.message);
      if (message !== undefined) this.message(value, message, path);
    } else if (type.kind === "map" && isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) this.type(item, type.value, `${path}.${key}`);
    }
  }
}

/**
 * Lists the fields of a decoded object that its kind's schema does not define, worded as
 * Go's strict decoding words them (`unknown field "spec.foo"`, arrays as `[0]`). Returns an
 * empty list when the kind has no schema in `lookup`.
 */
export function findUnknownFields(object: Record<string, unknown>, gvk: GroupVersionKind, lookup: KindSchemaLookup): string[] {
  const kindSchema = lookup.kindSchema(gvk);
  const message = kindSchema === undefined ? undefined : lookup.schemas.message(kindSchema.message);
  if (message === undefined) return [];
  const walker = new UnknownFieldWalker(lookup.schemas);
  walker.message(object, message, "");
  return walker.errors;
}
