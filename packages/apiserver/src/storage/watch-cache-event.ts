/**
 * The events a watch cache delivers. One event object goes to every watcher it matches, so
 * a server can encode it once per encoder and share the bytes: `encoded(identifier, encode)`
 * memoizes the result under the encoder's identifier (`Encoder.identifier`).
 */
import type { KeyValue, StorageError } from "./interface.js";

/** One object held by a watch cache: the decoded value and the key-value it came from. */
export interface CachedObject<T> {
  readonly key: string;
  readonly object: T;
  readonly kv: KeyValue;
}

/**
 * Memoized encodings of an immutable event, keyed by encoder identifier.
 * NOTE: the encodings live as long as the event does, which for a change event is as long
 * as it stays in the cache's window, so each content type in use adds its bytes per event.
 */
export class EncodingMemo {
  private encodings: Map<string, Uint8Array> | undefined;

  /**
   * Returns the bytes `encode` produces for this event, calling it only for the first
   * request with this `identifier`. Encoders with equal identifiers must produce equal bytes.
   */
  encoded(identifier: string, encode: () => Uint8Array): Uint8Array {
    this.encodings ??= new Map();
    let bytes = this.encodings.get(identifier);
    if (bytes === undefined) {
      bytes = encode();
      this.encodings.set(identifier, bytes);
    }
    return bytes;
  }
}

/** The change event types of a watch cache. */
export type CacheObjectEventType = "ADDED" | "MODIFIED" | "DELETED";

/** A change to one object. For DELETED, `object` is the last value with the deletion's revision. */
export class CacheObjectEvent<T> extends EncodingMemo {
  private derived: Map<CacheObjectEventType, CacheObjectEvent<T>> | undefined;

  constructor(
    readonly type: CacheObjectEventType,
    /** The object after the change; for DELETED, the object as it was deleted. */
    readonly current: CachedObject<T>,
    /** The object before the change: undefined for ADDED, and when the cache did not hold it. */
    readonly previous: CachedObject<T> | undefined,
    readonly revision: number,
  ) {
    super();
  }

  get key(): string {
    return this.current.key;
  }

  get object(): T {
    return this.current.object;
  }

  /**
   * Returns this change as a watcher with a filter receives it, shared by every such watcher:
   * ADDED when the object starts to match, DELETED (of the previous object, at this event's
   * revision) when it stops matching. `derive` builds the event the first time.
   */
  as(type: CacheObjectEventType, derive: () => CacheObjectEvent<T>): CacheObjectEvent<T> {
    if (type === this.type) return this;
    this.derived ??= new Map();
    let event = this.derived.get(type);
    if (event === undefined) {
      event = derive();
      this.derived.set(type, event);
    }
    return event;
  }
}

/** A progress notification: the watcher has received every event up to `revision`. */
export class CacheBookmarkEvent extends EncodingMemo {
  readonly type = "BOOKMARK";

  constructor(
    readonly revision: number,
    /** Whether this bookmark ends the initial events of a watch with `sendInitialEvents`. */
    readonly initialEventsEnd = false,
  ) {
    super();
  }
}

/** The last event of a failed watch. */
export interface CacheErrorEvent {
  readonly type: "ERROR";
  readonly error: StorageError;
}

/** An event delivered to a watch cache listener. */
export type WatchCacheEvent<T> = CacheObjectEvent<T> | CacheBookmarkEvent | CacheErrorEvent;
