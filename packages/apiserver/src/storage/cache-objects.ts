/**
 * The current objects of a watch cache: a map by key plus the keys in byte order, kept
 * sorted on every change so that a list never sorts the whole set.
 */
import { compareKeys, lowerBound } from "./keys.js";
import type { CacheSnapshot } from "./cache-snapshot.js";
import type { CachedObject } from "./watch-cache-event.js";

/** Cached objects by key, with their keys in order. */
export class SortedObjects<T> {
  private readonly byKey: Map<string, CachedObject<T>>;
  private readonly keys: string[];

  constructor(entries: Iterable<CachedObject<T>> = []) {
    this.byKey = new Map();
    for (const entry of entries) this.byKey.set(entry.key, entry);
    this.keys = [...this.byKey.keys()].sort(compareKeys);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The objects by key; read-only for callers. */
  get map(): ReadonlyMap<string, CachedObject<T>> {
    return this.byKey;
  }

  get(key: string): CachedObject<T> | undefined {
    return this.byKey.get(key);
  }

  /** Adds or replaces the object of `entry.key`. */
  set(entry: CachedObject<T>): void {
    if (!this.byKey.has(entry.key)) this.keys.splice(lowerBound(this.keys, entry.key), 0, entry.key);
    this.byKey.set(entry.key, entry);
  }

  delete(key: string): void {
    if (!this.byKey.delete(key)) return;
    const index = lowerBound(this.keys, key);
    if (this.keys[index] === key) this.keys.splice(index, 1);
  }

  /** Returns a snapshot of the current objects, labelled with `revision`; later changes do not affect it. */
  snapshot(revision: number): CacheSnapshot<T> {
    const keys = this.keys.slice();
    return { revision, keys, objects: keys.map((key) => this.byKey.get(key) as CachedObject<T>) };
  }
}
