import type { FieldSchema, FieldType, MessageSchema, SchemaResolver } from "@apimachinery/runtime";

/**
 * The schema facts that a strategic merge uses for one JSON value:
 * - `struct`: an object with the fields of a message, merged field by field;
 * - `map`: a protobuf map (labels, annotations), merged key by key with values of one type;
 * - `atomic`: a scalar or a message with a special JSON shape (Time, Quantity, IntOrString,
 *   RawExtension, ...), replaced as a whole;
 * - `unknown`: no schema, so the value merges as a JSON merge patch.
 */
export type ValueSchema =
  | { readonly kind: "struct"; readonly message: MessageSchema }
  | { readonly kind: "map"; readonly value: FieldType }
  | { readonly kind: "atomic" }
  | { readonly kind: "unknown" };

/** A field found in a message, with the way a strategic merge treats it. */
export interface PatchField {
  readonly field: FieldSchema;
  /** The strategies of `+patchStrategy`, split at commas (`merge`, `retainKeys`, `replace`). */
  readonly strategies: readonly string[];
}

const unknownValue: ValueSchema = { kind: "unknown" };

/**
 * Finds the field with a JSON name in a message, looking through inline fields (Go embedded
 * structs, whose fields sit in the parent JSON object) at any depth.
 */
export function findPatchField(message: MessageSchema, name: string, resolver: SchemaResolver): PatchField | undefined {
  return findField(message, name, resolver, new Set());
}

function findField(message: MessageSchema, name: string, resolver: SchemaResolver, seen: Set<string>): PatchField | undefined {
  seen.add(message.name);
  for (const field of message.fields) {
    if (!field.inline && field.name === name) {
      return { field, strategies: field.patchStrategy ? field.patchStrategy.split(",").map((part) => part.trim()) : [] };
    }
  }
  for (const field of message.fields) {
    if (!field.inline || field.type.kind !== "message" || seen.has(field.type.message)) continue;
    const inner = resolver.message(field.type.message);
    const found = inner ? findField(inner, name, resolver, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Returns how a strategic merge treats a value of a field type (one element, for a repeated field). */
export function valueSchemaOf(type: FieldType | undefined, resolver: SchemaResolver): ValueSchema {
  if (type === undefined) return unknownValue;
  if (type.kind === "scalar") return { kind: "atomic" };
  if (type.kind === "map") return { kind: "map", value: type.value };
  const message = resolver.message(type.message);
  if (message === undefined) return unknownValue;
  if (message.special !== undefined) return { kind: "atomic" };
  return { kind: "struct", message };
}

/** Returns the schema of the value stored under one key of an object of the given schema. */
export function childSchemaOf(parent: ValueSchema, key: string, resolver: SchemaResolver): { value: ValueSchema; field?: PatchField } {
  if (parent.kind === "map") return { value: valueSchemaOf(parent.value, resolver) };
  if (parent.kind !== "struct") return { value: unknownValue };
  const found = findPatchField(parent.message, key, resolver);
  if (found === undefined) return { value: unknownValue };
  return { value: valueSchemaOf(found.field.type, resolver), field: found };
}
