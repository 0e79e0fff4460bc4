/**
 * One watcher of a watch cache: it matches events against its key and filter, converts
 * changes across the filter's boundary, and delivers them to its listener in order. A
 * listener may return a promise to apply backpressure, and events queue until it settles.
 * A watcher whose queue passes its limit is closed with an ERROR event, so it never holds
 * back the other watchers.
 */
import { StorageError } from "./interface.js";
import { keyMatches } from "./keys.js";
import { CacheBookmarkEvent, CacheObjectEvent, type CachedObject, type CacheErrorEvent, type WatchCacheEvent } from "./watch-cache-event.js";

/** Receives the events of one watcher; a returned promise delays the next event until it settles. */
export type WatchCacheListener<T> = (event: WatchCacheEvent<T>) => void | Promise<void>;

/** The reason a watcher ended. */
export interface CacheWatchEnd {
  /** `stopped` by its owner, `failed` with an ERROR event, `closed` with the cache, or `listener-failed`. */
  readonly reason: "stopped" | "failed" | "closed" | "listener-failed";
  /** The StorageError of `failed`, or what the listener threw for `listener-failed`. */
  readonly error?: unknown;
}

/** A running watch on a watch cache. */
export interface CacheWatcher {
  /** Ends the watch; no event is delivered after it returns. */
  stop(): void;
  /** Whether the watch has ended. */
  readonly stopped: boolean;
  /** Settles once the watch has ended and its listener has received its last event. */
  readonly done: Promise<CacheWatchEnd>;
}

/** The matching rules of a watcher. */
export interface WatcherSelection<T> {
  readonly key: string;
  readonly recursive: boolean;
  /** Only objects that pass get delivered; changes across the boundary become ADDED or DELETED. */
  readonly filter: ((object: T) => boolean) | undefined;
  readonly bookmarks: boolean;
  /** The maximum number of events that may wait for a slow listener. */
  readonly maxBuffer: number;
}

/** Builds the DELETED event of an object that stopped matching a filter: the previous object at the change's revision. */
export type DeletionFactory<T> = (previous: CachedObject<T>, revision: number) => CachedObject<T>;

/** The watcher implementation used by WatchCache. */
export class CacheWatcherImpl<T> implements CacheWatcher {
  readonly done: Promise<CacheWatchEnd>;
  private settle!: (end: CacheWatchEnd) => void;
  private readonly queue: WatchCacheEvent<T>[] = [];
  private head = 0;
  /** How many events at the head of the queue are initial events, which do not count toward `maxBuffer`. */
  private initialQueued = 0;
  private busy = false;
  private ended: CacheWatchEnd | undefined;
  /** Events at or below this revision are not delivered; set when the watcher is registered. */
  private afterRevision = Number.POSITIVE_INFINITY;
  /** The revision of the newest event handed to this watcher. */
  private lastRevision = 0;

  constructor(
    readonly selection: WatcherSelection<T>,
    private readonly listener: WatchCacheListener<T>,
    private readonly onEnd: (watcher: CacheWatcherImpl<T>) => void,
    private readonly makeDeletion: DeletionFactory<T>,
  ) {
    this.done = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  get stopped(): boolean {
    return this.ended !== undefined;
  }

  stop(): void {
    this.end({ reason: "stopped" });
  }

  /** Starts delivery of changes above `revision`. */
  startAfter(revision: number): void {
    this.afterRevision = revision;
    this.lastRevision = Math.max(this.lastRevision, revision);
  }

  /** Offers a change; delivers it when it matches, converted for the filter. */
  offer(event: CacheObjectEvent<T>): void {
    if (this.ended || event.revision <= this.afterRevision) return;
    if (!keyMatches(event.key, this.selection.key, this.selection.recursive)) return;
    const converted = this.convert(event);
    if (converted) this.enqueue(converted);
  }

  /** Offers a bookmark; delivered only when the watcher asked for bookmarks and has not seen a newer revision. */
  offerBookmark(bookmark: CacheBookmarkEvent): void {
    if (this.ended || !this.selection.bookmarks || bookmark.revision < this.lastRevision) return;
    this.enqueue(bookmark);
  }

  /**
   * Delivers an initial event (or the bookmark that closes them) unconditionally. Initial
   * events do not count toward `maxBuffer`, because a listener that applies backpressure
   * would otherwise fail on any list longer than its buffer.
   */
  deliver(event: CacheObjectEvent<T> | CacheBookmarkEvent): void {
    if (this.ended) return;
    this.initialQueued++;
    this.enqueue(event);
  }

  /** Delivers a final ERROR event (after the events already queued) and ends the watcher. */
  fail(error: StorageError): void {
    if (this.ended) return;
    this.queue.push({ type: "ERROR", error } satisfies CacheErrorEvent);
    this.end({ reason: "failed", error }, false);
    this.pump();
  }

  /** Ends the watcher because the cache stopped. */
  close(): void {
    this.end({ reason: "closed" });
  }

  private convert(event: CacheObjectEvent<T>): CacheObjectEvent<T> | undefined {
    const filter = this.selection.filter;
    if (filter === undefined) return event;
    if (event.type !== "MODIFIED") return filter(event.object) ? event : undefined;
    const currentPasses = filter(event.object);
    const previousPasses = event.previous !== undefined && filter(event.previous.object);
    if (currentPasses && previousPasses) return event;
    if (currentPasses) return event.as("ADDED", () => new CacheObjectEvent("ADDED", event.current, undefined, event.revision));
    if (previousPasses) {
      const previous = event.previous as CachedObject<T>;
      return event.as("DELETED", () => new CacheObjectEvent("DELETED", this.makeDeletion(previous, event.revision), previous, event.revision));
    }
    return undefined;
  }

  private enqueue(event: CacheObjectEvent<T> | CacheBookmarkEvent): void {
    this.lastRevision = Math.max(this.lastRevision, event.revision);
    this.queue.push(event);
    if (this.queue.length - this.head - this.initialQueued > this.selection.maxBuffer) {
      this.queue.length = this.head;
      this.initialQueued = 0;
      const message = `the watcher of "${this.selection.key}" fell more than ${this.selection.maxBuffer} events behind and was closed; watch again from the last revision received`;
      this.fail(new StorageError("Timeout", this.selection.key, message));
      return;
    }
    this.pump();
  }

  private pump(): void {
    while (!this.busy && this.head < this.queue.length) {
      const event = this.queue[this.head] as WatchCacheEvent<T>;
      this.head++;
      if (this.initialQueued > 0) this.initialQueued--;
      if (this.head === this.queue.length) {
        this.queue.length = 0;
        this.head = 0;
      }
      let result: void | Promise<void>;
      try {
        result = this.listener(event);
      } catch (error) {
        this.listenerFailed(error);
        return;
      }
      if (result instanceof Promise) {
        this.busy = true;
        result.then(
          () => {
            this.busy = false;
            this.pump();
          },
          (error: unknown) => {
            this.busy = false;
            this.listenerFailed(error);
          },
        );
      }
    }
    if (!this.busy && this.head >= this.queue.length && this.ended) this.settle(this.ended);
  }

  private listenerFailed(error: unknown): void {
    this.queue.length = 0;
    this.head = 0;
    this.initialQueued = 0;
    this.end({ reason: "listener-failed", error });
  }

  /** Marks the watcher ended; `dropQueue` discards events not yet delivered. */
  private end(end: CacheWatchEnd, dropQueue = true): void {
    if (this.ended) return;
    this.ended = end;
    if (dropQueue) {
      this.queue.length = 0;
      this.head = 0;
      this.initialQueued = 0;
    }
    this.onEnd(this);
    if (!this.busy && this.head >= this.queue.length) this.settle(end);
  }
}
