import { StatusError } from "@apimachinery/meta";
import { isJsonObject, jsonTypeName, scalarIdentity } from "./json-value.js";
import { elementIdentity, normalizeOrder } from "./list-order.js";
import { mergeKeyValue, patchDirective } from "./strategic-list.js";

/**
 * Orders a merged list as a `$setElementOrder/<field>` directive lists it, the way kubectl
 * apply sends the full order of the list it manages together with only the changed elements.
 *
 * Elements named in the order come in that order, and the other elements of the merged list
 * are placed among them as `normalizeOrder` places server-only elements.
 */
export function applyElementOrder(
  merged: readonly unknown[],
  original: readonly unknown[],
  patch: readonly unknown[],
  order: unknown,
  mergeKey: string | undefined,
  path: string,
): unknown[] {
  if (!Array.isArray(order)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${path}: $setElementOrder must be a list, got ${jsonTypeName(order)}`);
  }
  const identityOf = (item: unknown, at: string) => scalarIdentity(mergeKey === undefined ? scalarElement(item, at) : mergeKeyValue(item, mergeKey, at));

  const orderIndex = new Map<string, number>();
  order.forEach((item, index) => orderIndex.set(identityOf(item, `${path}: $setElementOrder[${index}]`), index));
  checkPatchAgainstOrder(patch, orderIndex, path, identityOf);

  const named = merged.filter((item) => {
    const identity = elementIdentity(item, mergeKey);
    return identity !== undefined && orderIndex.has(identity);
  });
  return normalizeOrder(merged, named, (item) => orderIndex.get(elementIdentity(item, mergeKey) ?? "") ?? 0, original, mergeKey);
}

function scalarElement(item: unknown, at: string): unknown {
  if (isJsonObject(item) || Array.isArray(item)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${at}: expected a scalar, got ${jsonTypeName(item)}`);
  }
  return item;
}

/** Rejects a patch list whose elements are missing from the order or come in another order. */
function checkPatchAgainstOrder(
  patch: readonly unknown[],
  orderIndex: ReadonlyMap<string, number>,
  path: string,
  identityOf: (item: unknown, at: string) => string,
): void {
  let last = -1;
  patch.forEach((item, index) => {
    if (isJsonObject(item) && Object.hasOwn(item, patchDirective)) return;
    const at = orderIndex.get(identityOf(item, `${path}[${index}]`));
    if (at === undefined || at < last) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path}[${index}]: the list does not match its $setElementOrder list`);
    }
    last = at;
  });
}
