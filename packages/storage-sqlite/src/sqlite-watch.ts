import { compactedError } from "@apimachinery/apiserver";
import type { StorageError, StorageWatchEvent, Watch } from "@apimachinery/apiserver";
import { EventQueue } from "./event-queue.js";
import { keyMatches } from "./key-range.js";

/** The keys a watch follows. */
export interface WatchFilter {
  readonly key: string;
  readonly recursive: boolean;
}

/** The store operations that a watch calls. */
export interface WatchSource {
  /** Reads up to `limit` events of matching keys with revisions in (`after`, `upTo`], in revision order. */
  readEvents(filter: WatchFilter, after: number, upTo: number, limit: number): StorageWatchEvent[];
  /** Returns the compacted revision and the current one, read without waiting. */
  revisions(): { readonly compacted: number; readonly current: number };
  /** Forgets a watch that has ended, so commits no longer offer it events. */
  detach(watch: SqliteWatch): void;
}

/** Settings of one watch. */
export interface SqliteWatchSettings {
  readonly filter: WatchFilter;
  /** The watch delivers events with revisions above this one. */
  readonly startRevision: number;
  /** The current revision when the watch started: events up to it come from the table, later ones from commits. */
  readonly liveFromRevision: number;
  readonly replayPageSize: number;
  /** The BOOKMARK interval; undefined when the watch did not ask for progress notifications. */
  readonly progressNotifyIntervalMs: number | undefined;
}

/**
 * Reports whether a watch that delivers events after `afterRevision` can no longer do so
 * because compaction may have deleted one of them. Compaction at revision C keeps every
 * row at or above C, so a watch after C - 1 or later is complete.
 */
export function isCompactedFor(afterRevision: number, compactedRevision: number): boolean {
  return afterRevision + 1 < compactedRevision;
}

/**
 * A watch on a SQLite store. Events up to the revision current at its start are read from
 * the table page by page as the consumer pulls them. Later events arrive from the commit
 * path through `offer`, so none is missed or delivered twice.
 */
export class SqliteWatch implements Watch, AsyncIterableIterator<StorageWatchEvent> {
  private readonly replayed = new EventQueue<StorageWatchEvent>();
  private readonly live = new EventQueue<StorageWatchEvent>();
  private replayAfter: number;
  private readonly replayUpTo: number;
  private waiting: ((result: IteratorResult<StorageWatchEvent>) => void) | undefined;
  /** No further events are accepted; iteration ends once the queues are drained. */
  private finished = false;
  private deliveredSinceBookmark = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: WatchSource,
    private readonly settings: SqliteWatchSettings,
  ) {
    this.replayAfter = settings.startRevision;
    this.replayUpTo = settings.liveFromRevision;
    if (settings.progressNotifyIntervalMs !== undefined) {
      this.timer = setInterval(() => this.notifyProgress(false), settings.progressNotifyIntervalMs);
      this.timer.unref();
    }
  }

  /**
   * Queues a committed event when it is one this watch delivers.
   * NOTE: the queue has no bound, so a consumer that stops reading without calling `stop`
   * keeps every later event in memory; the watch cache in front of the store closes such
   * watchers.
   */
  offer(event: StorageWatchEvent): void {
    if (this.finished || event.type === "BOOKMARK" || event.type === "ERROR") return;
    if (event.revision <= this.settings.liveFromRevision || event.revision <= this.settings.startRevision) return;
    if (!keyMatches(this.settings.filter.key, this.settings.filter.recursive, event.kv.key)) return;
    this.live.push(event);
    this.deliveredSinceBookmark = true;
    this.deliver();
  }

  /** Ends the watch with an ERROR event carrying `error`. */
  fail(error: StorageError): void {
    this.queueError(error);
    this.deliver();
  }

  /** Ends the watch after the events already queued, as when the store closes. */
  end(): void {
    if (this.finished) return;
    this.replayAfter = this.replayUpTo;
    this.finish();
    this.deliver();
  }

  stop(): void {
    this.replayed.clear();
    this.live.clear();
    this.replayAfter = this.replayUpTo;
    if (!this.finished) this.finish();
    this.deliver();
  }

  next(): Promise<IteratorResult<StorageWatchEvent>> {
    const event = this.take();
    if (event !== undefined) return Promise.resolve({ done: false, value: event });
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<StorageWatchEvent>> {
    this.stop();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<StorageWatchEvent> {
    return this;
  }

  /** Replaces whatever is queued with an ERROR event and ends the watch, without waking the consumer. */
  private queueError(error: StorageError): void {
    if (this.finished) return;
    this.replayed.clear();
    this.live.clear();
    this.replayAfter = this.replayUpTo;
    this.live.push({ type: "ERROR", error });
    this.finish();
  }

  private finish(): void {
    this.finished = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.source.detach(this);
  }

  /** Hands the next event, or the end of the iteration, to a consumer waiting in `next`. */
  private deliver(): void {
    const resolve = this.waiting;
    if (resolve === undefined) return;
    const event = this.take();
    if (event !== undefined) {
      this.waiting = undefined;
      resolve({ done: false, value: event });
    } else if (this.finished) {
      this.waiting = undefined;
      resolve({ done: true, value: undefined });
    }
  }

  private take(): StorageWatchEvent | undefined {
    if (this.replayed.length === 0 && this.replayAfter < this.replayUpTo) this.readReplayPage();
    return this.replayed.shift() ?? this.live.shift();
  }

  private readReplayPage(): void {
    const { compacted } = this.source.revisions();
    if (isCompactedFor(this.replayAfter, compacted)) {
      this.queueError(compactedError(this.settings.filter.key, this.replayAfter, compacted));
      return;
    }
    const limit = this.settings.replayPageSize;
    const page = this.source.readEvents(this.settings.filter, this.replayAfter, this.replayUpTo, limit);
    this.replayed.pushAll(page);
    const last = page[page.length - 1];
    this.replayAfter = page.length < limit || last === undefined || !("revision" in last) ? this.replayUpTo : last.revision;
  }

  /**
   * Queues a BOOKMARK at the current revision when the watch asked for progress
   * notifications and has read its replay. A timer tick (`requested` false) skips the
   * BOOKMARK when an event was queued since the previous tick.
   */
  notifyProgress(requested: boolean): void {
    if (this.settings.progressNotifyIntervalMs === undefined) return;
    if (this.finished || this.replayAfter < this.replayUpTo || this.replayed.length > 0) return;
    if (this.deliveredSinceBookmark && !requested) {
      this.deliveredSinceBookmark = false;
      return;
    }
    const { current } = this.source.revisions();
    if (current < this.settings.startRevision) return;
    this.live.push({ type: "BOOKMARK", revision: current });
    this.deliver();
  }
}
