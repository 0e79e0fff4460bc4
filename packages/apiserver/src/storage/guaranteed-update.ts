/**
 * The read-modify-write loop of `Storage.guaranteedUpdate`, written once over a store's
 * get, create and compare-and-swap update so that every backend retries the same way.
 */
import { checkValueSize, conflictError, keyNotFoundError } from "./errors.js";
import { StorageError, isStorageError, type GuaranteedUpdateOptions, type KeyValue, type Storage, type UpdateFunction } from "./interface.js";

/** The loop gives up with `Conflict` after this many lost races. */
export const MAX_UPDATE_ATTEMPTS = 1000;

/**
 * Runs `update` on the current value of `key` and writes the result with compare-and-swap,
 * re-reading and retrying when another writer wins. A result equal to the current bytes is
 * not written (the revision stays), as kube-apiserver skips no-op updates.
 */
export async function runGuaranteedUpdate(
  store: Pick<Storage, "get" | "create" | "update">,
  key: string,
  update: UpdateFunction,
  options: GuaranteedUpdateOptions = {},
): Promise<KeyValue> {
  let current = await store.get(key);
  const expected = options.expectedRevision;
  if (expected !== undefined && (current?.modRevision ?? 0) !== expected) {
    throw conflictError(key, expected, current?.modRevision ?? 0);
  }
  for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
    if (current === undefined && !options.allowCreate) throw keyNotFoundError(key);
    const next = await update(current);
    if (next === undefined) {
      if (current === undefined) throw keyNotFoundError(key);
      return current;
    }
    if (current !== undefined && bytesEqual(next, current.value)) return current;
    checkValueSize(key, next);
    try {
      return current === undefined ? await store.create(key, next) : await store.update(key, next, current.modRevision);
    } catch (error) {
      if (!isLostRace(error)) throw error;
    }
    current = await store.get(key);
  }
  const message = `guaranteed update of key "${key}" lost ${MAX_UPDATE_ATTEMPTS} races to other writers; try again`;
  throw new StorageError("Conflict", key, message, current?.modRevision ?? 0);
}

function isLostRace(error: unknown): boolean {
  return isStorageError(error, "Conflict") || isStorageError(error, "KeyExists") || isStorageError(error, "KeyNotFound");
}

/** Reports whether two byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false;
  return true;
}
