/**
 * The revisioned key-value store under the API server, with etcd v3's semantics: every
 * write gets the next global revision, updates compare and swap on an object's revision,
 * watches replay every event after a start revision in order, and compaction drops old
 * revisions. Values are encoded objects; the registry above chooses the encoding.
 */

/** One stored key at one revision. */
export interface KeyValue {
  readonly key: string;
  readonly value: Uint8Array;
  /** The revision of the write that created the key. */
  readonly createRevision: number;
  /** The revision of the last write to the key: the object's `resourceVersion`. */
  readonly modRevision: number;
}

/** Options of a list. */
export interface ListOptions {
  /**
   * Read at this revision (0 or absent: the latest). A revision below the compacted one
   * fails with StorageError `Compacted`; one above the current revision waits for it
   * briefly, then fails with `Timeout`.
   */
  readonly revision?: number;
  /** At most this many items; absent or 0 means all. */
  readonly limit?: number;
  /** The token of a previous page; it pins the revision of the first page. */
  readonly continue?: string;
}

/** One page of a list. */
export interface ListResult {
  readonly items: KeyValue[];
  /** The revision the page reflects; every page of one list reflects the same revision. */
  readonly revision: number;
  /** The token for the next page; absent on the last page. */
  readonly continue?: string;
  /** How many keys follow this page, when known. */
  readonly remainingItemCount?: number;
}

/** The kinds of storage watch events. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/** One event of a storage watch. */
export type StorageWatchEvent =
  | {
      readonly type: "ADDED" | "MODIFIED";
      readonly kv: KeyValue;
      /** The value before the write, for MODIFIED when the backend has it. */
      readonly prev?: KeyValue;
      readonly revision: number;
    }
  | {
      readonly type: "DELETED";
      /** The key's last value, with `modRevision` set to the revision of the deletion. */
      readonly kv: KeyValue;
      readonly prev?: KeyValue;
      readonly revision: number;
    }
  /** A progress notification: every event up to `revision` has been delivered. */
  | { readonly type: "BOOKMARK"; readonly revision: number }
  /** The watch failed and has ended, for example because its start revision was compacted. */
  | { readonly type: "ERROR"; readonly error: StorageError };

/** Options of a watch. */
export interface WatchOptions {
  /** Deliver every event after this revision; 0 or absent starts at the current revision. */
  readonly fromRevision?: number;
  /** Watch every key under the prefix (true) or only the exact key (false). */
  readonly recursive?: boolean;
  /** Ask the backend for periodic BOOKMARK events while nothing changes. */
  readonly progressNotify?: boolean;
}

/** A running watch. Iterate it for events; `stop()` ends the iteration. */
export interface Watch extends AsyncIterable<StorageWatchEvent> {
  stop(): void;
}

/** Options of a delete. */
export interface DeleteOptions {
  /** Delete only when the key's `modRevision` equals this; otherwise fail with `Conflict`. */
  readonly expectedRevision?: number;
}

/**
 * Computes the new value from the current one inside `guaranteedUpdate`. It may run more
 * than once, when another writer wins a race. Throwing aborts the update with that error.
 * Returning `undefined` leaves the key unchanged.
 */
export type UpdateFunction = (current: KeyValue | undefined) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** Options of a guaranteed update. */
export interface GuaranteedUpdateOptions {
  /** Create the key when absent (the update function then receives undefined). Default false. */
  readonly allowCreate?: boolean;
  /** Fail with `Conflict` unless the key's `modRevision` equals this on the first attempt. */
  readonly expectedRevision?: number;
}

/** A revisioned key-value store; every backend passes the storage conformance suite. */
export interface Storage {
  /** Returns the key's current value, or undefined when the key is absent. */
  get(key: string): Promise<KeyValue | undefined>;
  /** Lists keys that start with `prefix`, in key order. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** Creates a key; fails with `KeyExists` when it is present. */
  create(key: string, value: Uint8Array): Promise<KeyValue>;
  /** Replaces a key's value if its `modRevision` is `expectedRevision`; fails with `Conflict` or `KeyNotFound`. */
  update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue>;
  /** Reads, computes and writes until the write wins; see UpdateFunction. */
  guaranteedUpdate(key: string, update: UpdateFunction, options?: GuaranteedUpdateOptions): Promise<KeyValue>;
  /** Deletes a key and returns its last value; fails with `KeyNotFound` or `Conflict`. */
  delete(key: string, options?: DeleteOptions): Promise<KeyValue>;
  /** Watches a key or prefix. */
  watch(key: string, options?: WatchOptions): Watch;
  /** Counts the keys under a prefix. */
  count(prefix: string): Promise<number>;
  /** Drops every revision older than `revision` that is not the current value of its key. */
  compact(revision: number): Promise<void>;
  /** Returns the newest revision of the store. */
  currentRevision(): Promise<number>;
  /** Returns the oldest revision that a list or watch can still read. */
  compactedRevision(): Promise<number>;
  /** Flushes and closes the store; running watches end. */
  close(): Promise<void>;
  /**
   * Asks the backend to send a BOOKMARK at its current revision to every running watch that
   * asked for progress notifications, soon (etcd's RequestProgress). Optional: a watch cache
   * calls it, when present, to learn that it has caught up with a revision.
   */
  requestProgress?(): Promise<void>;
}

/** Values larger than this are rejected on every backend: etcd's default request limit (`--max-request-bytes`), 1.5 MiB. */
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;

/** The failure codes of storage. The API server turns each into a StatusError. */
export type StorageErrorCode =
  | "KeyNotFound"
  | "KeyExists"
  | "Conflict"
  | "Compacted"
  | "TooLarge"
  | "InvalidContinue"
  | "Timeout"
  | "Unreachable"
  | "Closed";

/** A failure of a storage operation, naming the key and, where it matters, the revision. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /** The revision involved: the current one for Conflict, the compacted one for Compacted. */
    readonly revision?: number,
    /** The revision the caller asked for, for Compacted and for Timeout on a future revision. */
    readonly requestedRevision?: number,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

/** Reports whether `error` is a StorageError with the given code. */
export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}
