import type { GroupVersionKind } from "@apimachinery/meta";
import type { FieldSchema, MessageSchema, SchemaResolver } from "@apimachinery/runtime";

/** Returns the kind of a golden fixture from its name, `<group>.<version>.<Kind>` with `core` for the core group. */
export function fixtureKind(name: string): GroupVersionKind {
  const parts = name.split(".");
  const kind = parts.pop()!;
  const version = parts.pop()!;
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

/**
 * The JSONSchemaProps fields, by number, that Go stores by value with `omitempty`. The
 * golden CustomResourceDefinition fixtures carry their zeros on the wire and not in JSON.
 */
const JSON_SCHEMA_PROPS_OMIT_EMPTY = new Set([1, 2, 4, 5, 6, 7, 10, 12, 15, 18, 37, 39, 40]);

/**
 * Wraps a resolver so that JSONSchemaProps fields carry `omitEmpty`, for schema tables
 * generated before they recorded that fact. Tables that have it pass through unchanged.
 */
export function withJsonSchemaPropsOmitEmpty(schemas: SchemaResolver): { resolver: SchemaResolver; patched: boolean } {
  let patched = false;
  const cache = new Map<string, MessageSchema | undefined>();
  const resolver: SchemaResolver = {
    message(name) {
      if (cache.has(name)) return cache.get(name);
      let schema = schemas.message(name);
      if (schema && name.endsWith(".JSONSchemaProps") && !schema.fields.some((field) => field.omitEmpty)) {
        patched = true;
        const fields: FieldSchema[] = schema.fields.map((field) => (JSON_SCHEMA_PROPS_OMIT_EMPTY.has(field.number) ? { ...field, omitEmpty: true } : field));
        schema = { ...schema, fields };
      }
      cache.set(name, schema);
      return schema;
    },
  };
  return {
    resolver,
    get patched() {
      return patched;
    },
  };
}
