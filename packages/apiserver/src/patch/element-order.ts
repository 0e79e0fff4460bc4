import { StatusError } from "@apimachinery/meta";
import { isJsonObject, jsonTypeName, scalarIdentity } from "./json-value.js";
import { mergeKeyValue, patchDirective } from "./strategic-list.js";

/**
 * Orders a merged list as a `$setElementOrder/<field>` directive lists it, the way kubectl
 * apply sends the full order of the list it manages together with only the changed elements.
 *
 * Elements named in the order come in that order. Elements that only the server has (not
 * named in the order) keep their place relative to the named ones: a server-only element is
 * placed before a named element when it came before it in the original list, and after a
 * named element that the original did not have.
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
  checkPatchAgainstOrder(patch, orderIndex, mergeKey, path, identityOf);

  const originalIndex = new Map<string, number>();
  original.forEach((item, index) => {
    const identity = safeIdentity(item, mergeKey);
    if (identity !== undefined && !originalIndex.has(identity)) originalIndex.set(identity, index);
  });

  const named: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) {
    const identity = safeIdentity(item, mergeKey);
    if (identity !== undefined && orderIndex.has(identity)) named.push(item);
    else serverOnly.push(item);
  }
  const rank = (item: unknown) => orderIndex.get(safeIdentity(item, mergeKey) ?? "") ?? 0;
  named.sort((left, right) => rank(left) - rank(right));

  return interleave(serverOnly, named, (item) => {
    const identity = safeIdentity(item, mergeKey);
    return identity === undefined ? undefined : originalIndex.get(identity);
  });
}

function scalarElement(item: unknown, at: string): unknown {
  if (isJsonObject(item) || Array.isArray(item)) {
    throw StatusError.badRequest(`invalid strategic merge patch at ${at}: expected a scalar, got ${jsonTypeName(item)}`);
  }
  return item;
}

function safeIdentity(item: unknown, mergeKey: string | undefined): string | undefined {
  if (mergeKey === undefined) return isJsonObject(item) || Array.isArray(item) ? undefined : scalarIdentity(item);
  if (!isJsonObject(item) || item[mergeKey] === undefined) return undefined;
  return scalarIdentity(item[mergeKey]);
}

/** Rejects a patch list whose elements are missing from the order or come in another order. */
function checkPatchAgainstOrder(
  patch: readonly unknown[],
  orderIndex: ReadonlyMap<string, number>,
  mergeKey: string | undefined,
  path: string,
  identityOf: (item: unknown, at: string) => string,
): void {
  let last = -1;
  patch.forEach((item, index) => {
    if (isJsonObject(item) && (item[patchDirective] === "delete" || (mergeKey !== undefined && item[mergeKey] === undefined && item[patchDirective] !== undefined))) return;
    const at = orderIndex.get(identityOf(item, `${path}[${index}]`));
    if (at === undefined || at < last) {
      throw StatusError.badRequest(`invalid strategic merge patch at ${path}[${index}]: the list does not match its $setElementOrder list`);
    }
    last = at;
  });
}

/** Merges two ordered lists: a `left` element goes first when the original had both and had it first. */
function interleave(left: readonly unknown[], right: readonly unknown[], originalIndex: (item: unknown) => number | undefined): unknown[] {
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) {
      result.push(left[i++]);
      continue;
    }
    if (i >= left.length) {
      result.push(right[j++]);
      continue;
    }
    const leftAt = originalIndex(left[i]);
    const rightAt = originalIndex(right[j]);
    if (leftAt !== undefined && rightAt !== undefined && leftAt < rightAt) result.push(left[i++]);
    else result.push(right[j++]);
  }
  return result;
}
