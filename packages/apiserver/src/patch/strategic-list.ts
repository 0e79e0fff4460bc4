import type { SchemaResolver } from "@apimachinery/runtime";
import { StatusError } from "@apimachinery/meta";
import { formatJson, isJsonObject, jsonTypeName, scalarIdentity, type JsonObject } from "./json-value.js";
import { elementIdentity, normalizeOrder } from "./list-order.js";
import type { PatchField, ValueSchema } from "./patch-schema.js";

/** The `$patch` directive key of a strategic merge patch. */
export const patchDirective = "$patch";

/** Returned by an object merge whose patch carries `$patch: delete`. */
export const deletedValue: unique symbol = Symbol("deleted");

/** The callbacks and schemas that the list merge takes from the object merge that calls it. */
export interface ListMergeContext {
  readonly resolver: SchemaResolver;
  /** Merges an object patch into an object (`{}` for a new element). */
  mergeObject(original: JsonObject, patch: JsonObject, schema: ValueSchema, path: string): JsonObject | typeof deletedValue;
}

/** A list field's strategic merge settings. */
export interface ListField {
  readonly field: PatchField | undefined;
  /** The schema of one element. */
  readonly element: ValueSchema;
}

/** Tells whether a list merges element by element, which only `patchStrategy: merge` requests. */
function mergesElements(list: ListField): boolean {
  return list.field?.strategies.includes("merge") ?? false;
}

function mergeKeyOf(list: ListField): string | undefined {
  return list.field?.field.patchMergeKey;
}

/**
 * Merges a patch list into a list. A list whose field lacks `patchStrategy: merge` is
 * replaced. A list of scalars is merged as a set, and a list of objects element by element,
 * matched on the field's `patchMergeKey`.
 */
export function mergeList(original: readonly unknown[], patch: readonly unknown[], list: ListField, path: string, context: ListMergeContext): unknown[] {
  if (!mergesElements(list)) return freshElements(patch, list, path, context);

  const replaceAt = patch.findIndex((item) => isJsonObject(item) && item[patchDirective] === "replace");
  if (replaceAt >= 0) return freshElements(patch.filter((_item, index) => index !== replaceAt), list, path, context);

  const mergeKey = mergeKeyOf(list);
  if (list.element.kind !== "struct" || mergeKey === undefined) {
    return orderByPatch(mergeScalars(original, patch, path), original, patch, undefined);
  }
  return orderByPatch(mergeByKey(original, patch, mergeKey, list, path, context), original, patch, mergeKey);
}

/** Orders a merged list by the order of the patch list, which kube-apiserver gives precedence over the original's. */
function orderByPatch(merged: readonly unknown[], original: readonly unknown[], patch: readonly unknown[], mergeKey: string | undefined): unknown[] {
  const patchIndex = new Map<string, number>();
  patch.forEach((item, index) => {
    if (isJsonObject(item) && Object.hasOwn(item, patchDirective)) return;
    const identity = elementIdentity(item, mergeKey);
    if (identity !== undefined && !patchIndex.has(identity)) patchIndex.set(identity, index);
  });
  const rank = (item: unknown) => patchIndex.get(elementIdentity(item, mergeKey) ?? "") ?? 0;
  const patched = merged.filter((item) => patchIndex.has(elementIdentity(item, mergeKey) ?? ""));
  return normalizeOrder(merged, patched, rank, original, mergeKey);
}

/** Builds a replacement list, applying each object element to an empty object so that directives and nulls go away. */
function freshElements(patch: readonly unknown[], list: ListField, path: string, context: ListMergeContext): unknown[] {
  const result: unknown[] = [];
  patch.forEach((item, index) => {
    if (!isJsonObject(item) || list.element.kind === "atomic") {
      result.push(item);
      return;
    }
    const merged = context.mergeObject({}, item, list.element, `${path}[${index}]`);
    if (merged !== deletedValue) result.push(merged);
  });
  return result;
}

function mergeScalars(original: readonly unknown[], patch: readonly unknown[], path: string): unknown[] {
  const seen = new Set<string>();
  const result: unknown[] = [];
  for (const [index, item] of [...original, ...patch].entries()) {
    if (index >= original.length && (isJsonObject(item) || Array.isArray(item))) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path}[${index - original.length}]: expected a scalar list element, got ${jsonTypeName(item)}`);
    }
    const identity = scalarIdentity(item);
    if (seen.has(identity)) continue;
    seen.add(identity);
    result.push(item);
  }
  return result;
}

/** Returns the merge key value of a patch element. An element without it is a BadRequest. */
export function mergeKeyValue(item: unknown, mergeKey: string, path: string): unknown {
  if (!isJsonObject(item)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${path}: expected an object list element, got ${jsonTypeName(item)}`);
  }
  const value = item[mergeKey];
  if (value === undefined || value === null) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${path}: the element does not contain the merge key "${mergeKey}"`);
  }
  if (isJsonObject(value) || Array.isArray(value)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${path}: the merge key "${mergeKey}" must be a scalar, got ${jsonTypeName(value)}`);
  }
  return value;
}

/**
 * Merges a patch list into a list of objects matched on `mergeKey`. Elements are looked up
 * through a map from merge key to positions, so a large patch against a large list stays
 * linear.
 */
function mergeByKey(original: readonly unknown[], patch: readonly unknown[], mergeKey: string, list: ListField, path: string, context: ListMergeContext): unknown[] {
  const slots: unknown[] = [...original];
  const removed = new Set<number>();
  const positions = new Map<string, number[]>();
  const track = (identity: string, at: number) => {
    const known = positions.get(identity);
    if (known) known.push(at);
    else positions.set(identity, [at]);
  };
  original.forEach((item, at) => {
    const identity = elementIdentity(item, mergeKey);
    if (identity !== undefined) track(identity, at);
  });

  patch.forEach((item, position) => {
    const key = mergeKeyValue(item, mergeKey, `${path}[${position}]`);
    const element = item as JsonObject;
    const elementPath = `${path}[${mergeKey}=${String(key)}]`;
    const identity = scalarIdentity(key);
    const directive = element[patchDirective];
    const matches = positions.get(identity) ?? [];

    if (directive === "delete") {
      for (const at of matches) removed.add(at);
      positions.delete(identity);
      return;
    }
    if (directive !== undefined && directive !== "merge") {
      throw StatusError.badRequest(`invalid strategic merge patch at ${elementPath}: unknown $patch value ${formatJson(directive)}: expected "replace", "delete" or "merge"`);
    }
    const at = matches[0];
    const current = at === undefined ? undefined : slots[at];
    const merged = context.mergeObject(isJsonObject(current) ? current : {}, element, list.element, elementPath);
    if (merged === deletedValue) {
      if (at !== undefined) removed.add(at);
      matches.shift();
    } else if (at !== undefined) {
      slots[at] = merged;
    } else {
      slots.push(merged);
      track(identity, slots.length - 1);
    }
  });
  return slots.filter((_item, at) => !removed.has(at));
}

/**
 * Removes the values of a `$deleteFromPrimitiveList/<field>` directive from a list of scalars.
 */
export function deleteFromList(original: readonly unknown[], remove: unknown, path: string): unknown[] {
  if (!Array.isArray(remove)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${path}: $deleteFromPrimitiveList must be a list, got ${jsonTypeName(remove)}`);
  }
  const removed = new Set(remove.map(scalarIdentity));
  return original.filter((item) => !removed.has(scalarIdentity(item)));
}
