/**
 * An unbounded queue of storage watch events behind the Watch interface, for backends that
 * push events from their write path. Events pushed before the consumer reads them are buffered, and
 * an ERROR event or `end()` finishes the watch once the buffered events are read.
 */
import type { StorageWatchEvent, Watch } from "./interface.js";

/** A Watch fed by `push`; `stop()` and the iterator's `return()` call the `onStop` hook once. */
export class WatchQueue implements Watch {
  private readonly buffered: StorageWatchEvent[] = [];
  private head = 0;
  /** Reads waiting for an event, oldest first. */
  private readonly waiters: ((result: IteratorResult<StorageWatchEvent>) => void)[] = [];
  private ended = false;
  private stopped = false;

  constructor(private readonly onStop: () => void = () => {}) {}

  /** Whether the watch has ended: stopped, failed or ended by its backend. */
  get done(): boolean {
    return this.ended;
  }

  /** Queues an event; an ERROR event ends the watch after it is read. Ignored once ended. */
  push(event: StorageWatchEvent): void {
    if (this.ended) return;
    if (event.type === "ERROR") this.finish();
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter({ value: event, done: false });
    } else {
      this.buffered.push(event);
    }
  }

  /** Ends the watch from the backend side; buffered events are still delivered. */
  end(): void {
    if (this.ended) return;
    this.finish();
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }

  /** Ends the watch from the consumer side and drops buffered events. */
  stop(): void {
    this.buffered.length = 0;
    this.head = 0;
    this.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<StorageWatchEvent> {
    return {
      next: () => this.next(),
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private next(): Promise<IteratorResult<StorageWatchEvent>> {
    if (this.head < this.buffered.length) {
      const event = this.buffered[this.head] as StorageWatchEvent;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.buffered.length) {
        this.buffered.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value: event, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiters.push(resolve);
    });
  }

  private finish(): void {
    this.ended = true;
    if (!this.stopped) {
      this.stopped = true;
      this.onStop();
    }
  }
}
