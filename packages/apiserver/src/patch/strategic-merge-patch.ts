import { StatusError } from "@apimachinery/meta";
import type { KindSchemaLookup, MessageSchema, SchemaResolver } from "@apimachinery/runtime";
import { applyElementOrder } from "./element-order.js";
import { cloneJson, formatJson, isJsonObject, jsonTypeName, setJsonKey, type JsonObject } from "./json-value.js";
import { mergeJson } from "./merge-patch.js";
import { childSchemaOf, type PatchField, type ValueSchema } from "./patch-schema.js";
import { deletedValue, deleteFromList, mergeList, patchDirective, type ListMergeContext } from "./strategic-list.js";

const retainKeysDirective = "$retainKeys";
const setElementOrderPrefix = "$setElementOrder/";
const deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

/** Tells whether an object key is a strategic merge directive. Other `$` keys, such as `$ref`, are ordinary fields. */
function isDirective(key: string): boolean {
  return key === patchDirective || key === retainKeysDirective || key.startsWith(setElementOrderPrefix) || key.startsWith(deleteFromPrimitiveListPrefix);
}

/**
 * Applies a strategic merge patch to an object of a kind described by `schema`, as
 * kube-apiserver applies `application/strategic-merge-patch+json`:
 * - objects merge field by field and `null` deletes a field;
 * - lists whose field has `patchStrategy: merge` merge by the field's `patchMergeKey`
 *   (lists of scalars merge as sets), and other lists are replaced;
 * - the directives `$patch` (`replace`, `delete`, `merge`), `$retainKeys`,
 *   `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>` apply;
 * - values with a special JSON shape (Time, Quantity, IntOrString, RawExtension) are replaced
 *   whole, and fields without a schema (or every field, when `schema` is undefined) merge as
 *   a JSON merge patch.
 *
 * Neither input is changed, and the result shares no objects with them. An invalid patch is a
 * BadRequest naming the path of the bad value.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, schema: MessageSchema | undefined, resolver: SchemaResolver): JsonObject {
  if (!isJsonObject(patch)) throw StatusError.badRequest(`the strategic merge patch must be a JSON object, got ${jsonTypeName(patch)}`);
  const original = isJsonObject(target) ? cloneJson(target) : {};
  const merger = new StrategicMerger(resolver);
  let merged: JsonObject | typeof deletedValue;
  try {
    merged = merger.mergeObject(original, cloneJson(patch), schema ? { kind: "struct", message: schema } : { kind: "unknown" }, "");
  } catch (cause) {
    if (cause instanceof RangeError) throw StatusError.badRequest("the strategic merge patch is nested too deeply");
    throw cause;
  }
  return merged === deletedValue ? {} : merged;
}

/**
 * Applies a strategic merge patch to an object, finding its schema from its `apiVersion` and
 * `kind` in `kinds` (a Scheme). An object of a kind without a schema merges as a JSON merge patch.
 */
export function applyStrategicMergePatchTo(target: unknown, patch: unknown, kinds: KindSchemaLookup): JsonObject {
  return applyStrategicMergePatch(target, patch, messageSchemaOf(target, kinds), kinds.schemas);
}

/** Returns the message schema of an object from its `apiVersion` and `kind`, or undefined. */
export function messageSchemaOf(object: unknown, kinds: KindSchemaLookup): MessageSchema | undefined {
  if (!isJsonObject(object) || typeof object.apiVersion !== "string" || typeof object.kind !== "string") return undefined;
  const slash = object.apiVersion.indexOf("/");
  const group = slash >= 0 ? object.apiVersion.slice(0, slash) : "";
  const version = slash >= 0 ? object.apiVersion.slice(slash + 1) : object.apiVersion;
  const kind = kinds.kindSchema({ group, version, kind: object.kind });
  return kind ? kinds.schemas.message(kind.message) : undefined;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** The recursive merge of one patch. */
class StrategicMerger implements ListMergeContext {
  constructor(readonly resolver: SchemaResolver) {}

  mergeObject(original: JsonObject, patch: JsonObject, schema: ValueSchema, path: string): JsonObject | typeof deletedValue {
    const directive = patch[patchDirective];
    if (directive === "delete") return deletedValue;
    if (directive === "replace") {
      const rest = { ...patch };
      delete rest[patchDirective];
      return this.mergeObject({}, rest, schema, path);
    }
    // NOTE: kube-apiserver rejects `$patch: merge`, which this merge accepts as the default it names.
    if (directive !== undefined && directive !== "merge") {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path || "the root"}: unknown $patch value ${formatJson(directive)}: expected "replace", "delete" or "merge"`);
    }

    const result: JsonObject = { ...original };
    if (patch[retainKeysDirective] !== undefined) this.retainKeys(result, patch, path);
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith(deleteFromPrimitiveListPrefix)) {
        const field = key.slice(deleteFromPrimitiveListPrefix.length);
        const current = result[field];
        if (Array.isArray(current)) setJsonKey(result, field, deleteFromList(current, value, join(path, field)));
      }
    }
    for (const key of this.fieldKeys(patch)) this.mergeField(result, original, patch, key, schema, path);
    return result;
  }

  /** Returns the ordinary keys of a patch plus the fields that only a `$setElementOrder` directive names. */
  private fieldKeys(patch: JsonObject): string[] {
    const keys = Object.keys(patch).filter((key) => !isDirective(key));
    for (const key of Object.keys(patch)) {
      if (!key.startsWith(setElementOrderPrefix)) continue;
      const field = key.slice(setElementOrderPrefix.length);
      if (!Object.hasOwn(patch, field)) keys.push(field);
    }
    return keys;
  }

  private retainKeys(result: JsonObject, patch: JsonObject, path: string): void {
    const retained = patch[retainKeysDirective];
    if (!Array.isArray(retained) || !retained.every((key) => typeof key === "string")) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path || "the root"}: $retainKeys must be a list of strings`);
    }
    const keep = new Set<string>(retained);
    for (const [key, value] of Object.entries(patch)) {
      if (!isDirective(key) && value !== null && !keep.has(key)) {
        throw StatusError.badRequest(`invalid strategic merge patch at ${join(path, key)}: the field is not listed in $retainKeys`);
      }
    }
    for (const key of Object.keys(result)) {
      if (!keep.has(key)) delete result[key];
    }
  }

  private mergeField(result: JsonObject, original: JsonObject, patch: JsonObject, key: string, schema: ValueSchema, path: string): void {
    const fieldPath = join(path, key);
    const value = Object.hasOwn(patch, key) ? patch[key] : undefined;
    const child = childSchemaOf(schema, key, this.resolver);
    const order = patch[`${setElementOrderPrefix}${key}`];

    if (value === null) {
      delete result[key];
      return;
    }
    if (child.field?.field.repeated) {
      this.mergeListField(result, original, key, value, order, child.field, child.value, fieldPath);
      return;
    }
    if (value === undefined) return;
    if (schema.kind === "unknown" || child.value.kind === "unknown") {
      setJsonKey(result, key, mergeJson(result[key], value));
      return;
    }
    if (child.value.kind === "atomic") {
      setJsonKey(result, key, value);
      return;
    }
    if (!isJsonObject(value)) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${fieldPath}: expected an object, got ${jsonTypeName(value)}`);
    }
    const replaces = child.field?.strategies.includes("replace") ?? false;
    const current = result[key];
    const base = !replaces && isJsonObject(current) ? current : {};
    const merged = this.mergeObject(base, value, child.value, fieldPath);
    // kube-apiserver turns a map patched with `$patch: delete` into an empty map, not a missing field.
    setJsonKey(result, key, merged === deletedValue ? {} : merged);
  }

  private mergeListField(
    result: JsonObject,
    original: JsonObject,
    key: string,
    value: unknown,
    order: unknown,
    field: PatchField,
    element: ValueSchema,
    path: string,
  ): void {
    if (value !== undefined && !Array.isArray(value)) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path}: expected a list, got ${jsonTypeName(value)}`);
    }
    const current = Array.isArray(result[key]) ? (result[key] as unknown[]) : [];
    const patchList = value ?? [];
    let merged = value === undefined ? current : mergeList(current, patchList, { field, element }, path, this);
    if (order !== undefined && field.strategies.includes("merge")) {
      const before = Array.isArray(original[key]) ? (original[key] as unknown[]) : [];
      merged = applyElementOrder(merged, before, patchList, order, element.kind === "struct" ? field.field.patchMergeKey : undefined, path);
    }
    if (value !== undefined || Object.hasOwn(result, key)) setJsonKey(result, key, merged);
  }
}
