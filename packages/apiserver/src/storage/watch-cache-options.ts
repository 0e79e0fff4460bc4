/** Options of a WatchCache, its reads and its watches. */
import type { KeyValue } from "./interface.js";

/** Options of a WatchCache. */
export interface WatchCacheOptions<T> {
  /** The key prefix the cache holds, such as `/registry/pods/`. */
  readonly prefix: string;
  /** Decodes a stored value; it is called once per write. A throw drops the key from the cache and goes to `onError`. */
  readonly decode: (kv: KeyValue) => T;
  /** How many recent events the cache keeps for watches that start in the past. Default 1024. */
  readonly capacity?: number;
  /** Milliseconds a read waits for the cache to reach a requested revision before failing with `Timeout`. Default 3000. */
  readonly waitTimeoutMs?: number;
  /** How many events may queue for a slow watcher before it is closed with an ERROR event. Default 1024. */
  readonly maxWatcherBuffer?: number;
  /** Milliseconds between BOOKMARK events to watchers that asked for bookmarks; 0 turns the timer off. Default 10000. */
  readonly bookmarkIntervalMs?: number;
  /** The page size of the list that fills the cache. Default 1000. */
  readonly listPageSize?: number;
  /** Receives failures the cache recovers from: decode errors and storage watches that ended. Default: ignored. */
  readonly onError?: (error: unknown, context: string) => void;
}

/** The rule by which a list or get applies its `revision`, as kube-apiserver's `resourceVersionMatch`. */
export type RevisionMatch = "NotOlderThan" | "Exact";

/** Options of a read from the cache. */
export interface CacheReadOptions {
  /**
   * With `NotOlderThan` (the default), serve the current objects once the cache has reached
   * this revision; with `Exact`, serve the objects at exactly this revision. 0 or absent:
   * the current objects, whatever their revision.
   */
  readonly revision?: number;
  readonly revisionMatch?: RevisionMatch;
  /**
   * Ask the storage for its current revision first and serve nothing older (a consistent
   * read). A storage without `requestProgress` serves such reads itself.
   */
  readonly consistent?: boolean;
}

/** Options of a list from the cache. */
export interface CacheListOptions<T> extends CacheReadOptions {
  /** A prefix inside the cache's prefix, such as one namespace's. Default: the cache's prefix. */
  readonly prefix?: string;
  /** At most this many objects per page; absent or 0 means all. */
  readonly limit?: number;
  /** The token of the previous page; it pins the revision of the first page. */
  readonly continue?: string;
  /** Only objects that pass are returned (a label or field selector). */
  readonly filter?: (object: T) => boolean;
}

/** Options of a watch on the cache. */
export interface CacheWatchOptions<T> {
  /** The key or key prefix to watch, inside the cache's prefix. Default: the cache's prefix. */
  readonly key?: string;
  /** Whether `key` is a prefix (true, the default) or one exact key. */
  readonly recursive?: boolean;
  /** Deliver every change after this revision; 0 or absent starts at the cache's current revision. */
  readonly fromRevision?: number;
  /**
   * First deliver an ADDED event for every current object, then a BOOKMARK with
   * `initialEventsEnd`, then the changes that follow (kube-apiserver's `sendInitialEvents`).
   * A `fromRevision` then means "not older than": the cache waits to reach it first.
   */
  readonly sendInitialEvents?: boolean;
  /** Only objects that pass are delivered; a MODIFIED that crosses the boundary becomes ADDED or DELETED. */
  readonly filter?: (object: T) => boolean;
  /** Deliver periodic BOOKMARK events. Default false. */
  readonly bookmarks?: boolean;
  /** Overrides the cache's `maxWatcherBuffer` for this watcher. */
  readonly maxBuffer?: number;
}
