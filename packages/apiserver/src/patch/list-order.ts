import { isJsonObject, scalarIdentity } from "./json-value.js";

/**
 * Returns the identity of a list element: its merge key value for a list of objects, the value
 * itself for a list of scalars. Undefined for an element that has none.
 */
export function elementIdentity(item: unknown, mergeKey: string | undefined): string | undefined {
  if (mergeKey === undefined) return isJsonObject(item) || Array.isArray(item) ? undefined : scalarIdentity(item);
  if (!isJsonObject(item) || item[mergeKey] === undefined) return undefined;
  return scalarIdentity(item[mergeKey]);
}

/**
 * Orders a merged list the way kube-apiserver orders a strategic merge. The `patched`
 * elements (those the patch names) come in the order `rank` gives them. The remaining
 * server-only elements keep the order of the `original` list and are interleaved with them.
 * A server-only element goes before the next patched element only when the original list had
 * both and had the server-only one first, so new elements come before the server-only ones.
 */
export function normalizeOrder(
  merged: readonly unknown[],
  patched: readonly unknown[],
  rank: (item: unknown) => number,
  original: readonly unknown[],
  mergeKey: string | undefined,
): unknown[] {
  const originalIndex = new Map<string, number>();
  original.forEach((item, index) => {
    const identity = elementIdentity(item, mergeKey);
    if (identity !== undefined && !originalIndex.has(identity)) originalIndex.set(identity, index);
  });
  const positionOf = (item: unknown) => {
    const identity = elementIdentity(item, mergeKey);
    return identity === undefined ? undefined : originalIndex.get(identity);
  };

  const patchedSet = new Set(patched);
  const serverOnly = merged.filter((item) => !patchedSet.has(item));
  const ordered = [...patched].sort((left, right) => rank(left) - rank(right));
  return interleave(serverOnly, ordered, positionOf);
}

function interleave(serverOnly: readonly unknown[], patched: readonly unknown[], positionOf: (item: unknown) => number | undefined): unknown[] {
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) {
      result.push(serverOnly[i++]);
      continue;
    }
    if (i >= serverOnly.length) {
      result.push(patched[j++]);
      continue;
    }
    const serverAt = positionOf(serverOnly[i]);
    const patchedAt = positionOf(patched[j]);
    if (serverAt !== undefined && patchedAt !== undefined && serverAt < patchedAt) result.push(serverOnly[i++]);
    else result.push(patched[j++]);
  }
  return result;
}
