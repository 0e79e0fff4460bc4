/**
 * Point-in-time views of a watch cache for consistent lists: the objects at one revision
 * in key order. A view at an older revision inside the event window is rebuilt from the
 * current objects by undoing the newer events.
 */
import { encodeContinue } from "./continue.js";
import type { KeyValue, Storage } from "./interface.js";
import { EventRing } from "./event-ring.js";
import { compareKeys, lowerBound } from "./keys.js";
import type { CachedObject, CacheObjectEvent } from "./watch-cache-event.js";
import type { CacheListOptions } from "./watch-cache-options.js";

/** The objects of a prefix at one revision, in key order. */
export interface CacheSnapshot<T> {
  readonly revision: number;
  readonly keys: readonly string[];
  readonly objects: readonly CachedObject<T>[];
}

/** Builds the snapshot of `objects` at `revision`. */
export function snapshotOf<T>(objects: Iterable<CachedObject<T>>, revision: number): CacheSnapshot<T> {
  const sorted = [...objects].sort((a, b) => compareKeys(a.key, b.key));
  return { revision, keys: sorted.map((entry) => entry.key), objects: sorted };
}

/**
 * Rebuilds the snapshot at `revision` from the current objects by undoing, newest first,
 * every event of `ring` above `revision`. The caller checks that the ring covers it.
 */
export function snapshotBefore<T>(current: ReadonlyMap<string, CachedObject<T>>, ring: EventRing<CacheObjectEvent<T>>, revision: number): CacheSnapshot<T> {
  const objects = new Map(current);
  for (let index = ring.size - 1; index >= ring.firstAfter(revision); index--) {
    const event = ring.at(index);
    if (event.previous === undefined) objects.delete(event.key);
    else objects.set(event.key, event.previous);
  }
  return snapshotOf(objects.values(), revision);
}

/** Options of a page read from a snapshot. */
export interface PageOptions<T> {
  readonly prefix: string;
  readonly limit?: number;
  /** The full key to start at (inclusive), from a continue token. */
  readonly startKey?: string;
  readonly filter?: ((object: T) => boolean) | undefined;
}

/** One page of a snapshot. */
export interface CachePage<T> {
  readonly items: CachedObject<T>[];
  readonly revision: number;
  readonly continue?: string;
  /** How many keys under the prefix follow the page; set only when no filter applies, as kube-apiserver does. */
  readonly remainingItemCount?: number;
}

/**
 * Reads one page of `snapshot`: up to `limit` objects under `prefix` that pass `filter`. With
 * a filter, the continue token points after the last key examined, so a page may hold fewer
 * than `limit` objects while more follow.
 */
export function readPage<T>(snapshot: CacheSnapshot<T>, options: PageOptions<T>): CachePage<T> {
  const { prefix, filter } = options;
  const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
  const start = options.startKey !== undefined && compareKeys(options.startKey, prefix) > 0 ? options.startKey : prefix;
  const end = prefixEnd(snapshot.keys, prefix);
  const items: CachedObject<T>[] = [];
  let index = lowerBound(snapshot.keys, start);
  for (; index < end && items.length < limit; index++) {
    const entry = snapshot.objects[index] as CachedObject<T>;
    if (filter === undefined || filter(entry.object)) items.push(entry);
  }
  if (index >= end) return { items, revision: snapshot.revision };
  const lastKey = snapshot.keys[index - 1] as string;
  const token = encodeContinue(`${lastKey}\u0000`, prefix, snapshot.revision);
  return filter === undefined
    ? { items, revision: snapshot.revision, continue: token, remainingItemCount: end - index }
    : { items, revision: snapshot.revision, continue: token };
}

/** Returns the index after the last key of `keys` (sorted) that starts with `prefix`. */
function prefixEnd(keys: readonly string[], prefix: string): number {
  // The keys under a prefix are contiguous in byte order, so "starts with prefix" is true
  // from the lower bound up to some index and false after it.
  let low = lowerBound(keys, prefix);
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as string).startsWith(prefix)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Reads one page from `storage` instead of a snapshot, decoding each item with `decode`
 * (undefined: skip it) and applying the filter. The page keeps the storage's continue
 * token, so the next page may come from the cache or the storage alike.
 */
export async function listThroughStorage<T>(
  storage: Storage,
  prefix: string,
  options: CacheListOptions<T>,
  decode: (kv: KeyValue) => CachedObject<T> | undefined,
): Promise<CachePage<T>> {
  const result = await storage.list(prefix, {
    ...(options.revision ? { revision: options.revision } : {}),
    ...(options.limit ? { limit: options.limit } : {}),
    ...(options.continue ? { continue: options.continue } : {}),
  });
  const items: CachedObject<T>[] = [];
  for (const kv of result.items) {
    const entry = decode(kv);
    if (entry && (options.filter === undefined || options.filter(entry.object))) items.push(entry);
  }
  const page = { items, revision: result.revision, ...(result.continue ? { continue: result.continue } : {}) };
  if (result.remainingItemCount === undefined || options.filter !== undefined) return page;
  return { ...page, remainingItemCount: result.remainingItemCount };
}
