/**
 * The data of an in-memory store: every version of every key since the last compaction
 * and the log of write events. It outlives a MemoryStorage, so a test can close a store and
 * open a new one over the same state, as a process restart over the same disk would.
 */
import type { KeyValue, StorageWatchEvent } from "./interface.js";
import { lowerBound } from "./keys.js";

/** One version of a key: its value from `revision` on, or a deletion (`kv` undefined). */
export interface KeyVersion {
  readonly revision: number;
  readonly kv: KeyValue | undefined;
}

/** A write in the event log: ADDED, MODIFIED or DELETED. */
export type LoggedEvent = Extract<StorageWatchEvent, { kv: KeyValue }>;

/** The revisioned data of a MemoryStorage. */
export interface MemoryStorageState {
  /** The newest revision; a fresh store starts at 1, as etcd does. */
  revision: number;
  /** The oldest revision a list or watch can still read; 0 until the first compaction. */
  compacted: number;
  /**
   * Every key that has a version, in byte order.
   * NOTE: a sorted array makes adding a new key O(n) in the number of keys. That suits
   * test-sized stores, but a large store would want a balanced tree.
   */
  readonly keys: string[];
  /** The versions of each key, oldest first. */
  readonly versions: Map<string, KeyVersion[]>;
  /** Every write since the compacted revision, in revision order. */
  readonly events: LoggedEvent[];
}

/** Returns the state of an empty store. */
export function createMemoryState(): MemoryStorageState {
  return { revision: 1, compacted: 0, keys: [], versions: new Map(), events: [] };
}

/** Returns the value of `key` at `revision`, or undefined when it was absent then. */
export function valueAt(state: MemoryStorageState, key: string, revision: number): KeyValue | undefined {
  const versions = state.versions.get(key);
  if (!versions) return undefined;
  for (let index = versions.length - 1; index >= 0; index--) {
    const version = versions[index] as KeyVersion;
    if (version.revision <= revision) return version.kv;
  }
  return undefined;
}

/** Appends a version of `key` (a value or a deletion) and its event. */
export function recordWrite(state: MemoryStorageState, key: string, event: LoggedEvent): void {
  let versions = state.versions.get(key);
  if (!versions) {
    versions = [];
    state.versions.set(key, versions);
    state.keys.splice(lowerBound(state.keys, key), 0, key);
  }
  versions.push({ revision: event.revision, kv: event.type === "DELETED" ? undefined : event.kv });
  state.events.push(event);
}

/** Returns the index of the first logged event with a revision above `revision`. */
export function firstEventAfter(state: MemoryStorageState, revision: number): number {
  let low = 0;
  let high = state.events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((state.events[middle] as LoggedEvent).revision <= revision) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Drops every version and event older than `revision` except each key's value at
 * `revision`, so reads at `revision` or later still see the same data.
 */
export function compactState(state: MemoryStorageState, revision: number): void {
  const emptied: string[] = [];
  for (const [key, versions] of state.versions) {
    let newestOld = -1;
    for (let index = 0; index < versions.length && (versions[index] as KeyVersion).revision < revision; index++) newestOld = index;
    if (newestOld < 0) continue;
    const keepOld = (versions[newestOld] as KeyVersion).kv !== undefined;
    versions.splice(0, keepOld ? newestOld : newestOld + 1);
    if (versions.length === 0) emptied.push(key);
  }
  for (const key of emptied) {
    state.versions.delete(key);
    const index = lowerBound(state.keys, key);
    if (state.keys[index] === key) state.keys.splice(index, 1);
  }
  state.events.splice(0, firstEventAfter(state, revision - 1));
  state.compacted = revision;
}

