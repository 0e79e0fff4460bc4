/**
 * MemoryStorage: the Storage contract held in process memory, for unit tests and for the
 * server's tests. It keeps every version since the last compaction, so lists and watches
 * can start at any retained revision, exactly as the SQLite and etcd backends do.
 */
import { decodeContinue, encodeContinue } from "./continue.js";
import { checkValueSize, closedError, compactedError, conflictError, futureRevisionError, keyExistsError, keyNotFoundError } from "./errors.js";
import { runGuaranteedUpdate } from "./guaranteed-update.js";
import type {
  DeleteOptions,
  GuaranteedUpdateOptions,
  KeyValue,
  ListOptions,
  ListResult,
  Storage,
  StorageWatchEvent,
  UpdateFunction,
  Watch,
  WatchOptions,
} from "./interface.js";
import { keyMatches, lowerBound } from "./keys.js";
import {
  compactState,
  createMemoryState,
  firstEventAfter,
  recordWrite,
  valueAt,
  type LoggedEvent,
  type MemoryStorageState,
} from "./memory-state.js";
import { WatchQueue } from "./watch-queue.js";

/** Options of a MemoryStorage. */
export interface MemoryStorageOptions {
  /** The data to serve; pass the `state` of a closed store to reopen it. Default: a new empty state. */
  readonly state?: MemoryStorageState;
  /** Milliseconds between BOOKMARK events on watches that ask for progress notifications. Default 1000. */
  readonly progressNotifyIntervalMs?: number;
  /** Milliseconds a list at a future revision waits for it before failing with `Timeout`. Default 1000. */
  readonly futureRevisionTimeoutMs?: number;
}

interface MemoryWatcher {
  readonly key: string;
  /** Events at or below this revision are not delivered. */
  readonly afterRevision: number;
  readonly recursive: boolean;
  readonly progressNotify: boolean;
  readonly queue: WatchQueue;
}

interface RevisionWaiter {
  readonly revision: number;
  readonly resolve: () => void;
}

/** A Storage held in memory. Every operation completes synchronously behind its promise. */
export class MemoryStorage implements Storage {
  /** The data of this store; it survives `close()` so that a new store can reopen it. */
  readonly state: MemoryStorageState;
  private readonly watchers = new Set<MemoryWatcher>();
  private readonly revisionWaiters = new Set<RevisionWaiter>();
  private readonly progressNotifyIntervalMs: number;
  private readonly futureRevisionTimeoutMs: number;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(options: MemoryStorageOptions = {}) {
    this.state = options.state ?? createMemoryState();
    this.progressNotifyIntervalMs = options.progressNotifyIntervalMs ?? 1000;
    this.futureRevisionTimeoutMs = options.futureRevisionTimeoutMs ?? 1000;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen(key);
    return valueAt(this.state, key, this.state.revision);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.checkOpen(prefix);
    const position = options.continue ? decodeContinue(options.continue, prefix) : undefined;
    const revision = await this.readRevision(prefix, position?.revision ?? options.revision ?? 0);
    const limit = options.limit && options.limit > 0 ? options.limit : Number.POSITIVE_INFINITY;
    const { keys } = this.state;
    const items: KeyValue[] = [];
    let index = lowerBound(keys, position?.startKey ?? prefix);
    for (; index < keys.length && items.length < limit; index++) {
      const key = keys[index] as string;
      if (!key.startsWith(prefix)) break;
      const kv = valueAt(this.state, key, revision);
      if (kv) items.push(kv);
    }
    const remaining = this.countFrom(prefix, index, revision);
    if (remaining === 0) return { items, revision };
    const last = items[items.length - 1] as KeyValue;
    return { items, revision, continue: encodeContinue(`${last.key}\u0000`, prefix, revision), remainingItemCount: remaining };
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    this.checkOpen(key);
    checkValueSize(key, value);
    if (valueAt(this.state, key, this.state.revision)) throw keyExistsError(key);
    const revision = this.state.revision + 1;
    const kv: KeyValue = { key, value: value.slice(), createRevision: revision, modRevision: revision };
    this.commit(key, { type: "ADDED", kv, revision });
    return kv;
  }

  async update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    this.checkOpen(key);
    checkValueSize(key, value);
    const current = valueAt(this.state, key, this.state.revision);
    if (!current) throw keyNotFoundError(key);
    if (current.modRevision !== expectedRevision) throw conflictError(key, expectedRevision, current.modRevision);
    const revision = this.state.revision + 1;
    const kv: KeyValue = { key, value: value.slice(), createRevision: current.createRevision, modRevision: revision };
    this.commit(key, { type: "MODIFIED", kv, prev: current, revision });
    return kv;
  }

  guaranteedUpdate(key: string, update: UpdateFunction, options?: GuaranteedUpdateOptions): Promise<KeyValue> {
    this.checkOpen(key);
    return runGuaranteedUpdate(this, key, update, options);
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<KeyValue> {
    this.checkOpen(key);
    const current = valueAt(this.state, key, this.state.revision);
    if (!current) throw keyNotFoundError(key);
    const expected = options.expectedRevision;
    if (expected !== undefined && current.modRevision !== expected) throw conflictError(key, expected, current.modRevision);
    const revision = this.state.revision + 1;
    this.commit(key, { type: "DELETED", kv: { ...current, modRevision: revision }, prev: current, revision });
    return current;
  }

  watch(key: string, options: WatchOptions = {}): Watch {
    const from = options.fromRevision ?? 0;
    const watcher: MemoryWatcher = {
      key,
      afterRevision: from > 0 ? from : this.state.revision,
      recursive: options.recursive ?? false,
      progressNotify: options.progressNotify ?? false,
      queue: new WatchQueue(() => this.removeWatcher(watcher)),
    };
    if (this.closed) {
      watcher.queue.push({ type: "ERROR", error: closedError(key) });
      return watcher.queue;
    }
    // etcd serves a watch from revision r when r + 1 is not below the compacted revision.
    if (from > 0 && from + 1 < this.state.compacted) {
      watcher.queue.push({ type: "ERROR", error: compactedError(key, from, this.state.compacted) });
      return watcher.queue;
    }
    if (from > 0) this.replay(watcher, from);
    this.watchers.add(watcher);
    if (watcher.progressNotify) this.startProgressTimer();
    return watcher.queue;
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen(prefix);
    return this.countFrom(prefix, lowerBound(this.state.keys, prefix), this.state.revision);
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen("");
    const target = Math.min(revision, this.state.revision);
    if (target <= this.state.compacted) return;
    compactState(this.state, target);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen("");
    return this.state.revision;
  }

  async compactedRevision(): Promise<number> {
    this.checkOpen("");
    return this.state.compacted;
  }

  /**
   * Sends a BOOKMARK at the current revision to every watch that asked for progress
   * notifications, as etcd's RequestProgress does. A watch cache uses it to learn that it
   * has caught up with a revision when its keys did not change.
   */
  async requestProgress(): Promise<void> {
    this.checkOpen("");
    this.notifyProgress();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = undefined;
    for (const watcher of [...this.watchers]) watcher.queue.end();
    this.watchers.clear();
    for (const waiter of this.revisionWaiters) waiter.resolve();
    this.revisionWaiters.clear();
  }

  private checkOpen(key: string): void {
    if (this.closed) throw closedError(key);
  }

  private commit(key: string, event: LoggedEvent): void {
    this.state.revision = event.revision;
    recordWrite(this.state, key, event);
    for (const watcher of this.watchers) {
      if (event.revision > watcher.afterRevision && keyMatches(key, watcher.key, watcher.recursive)) watcher.queue.push(event);
    }
    for (const waiter of this.revisionWaiters) {
      if (waiter.revision <= event.revision) waiter.resolve();
    }
  }

  private replay(watcher: MemoryWatcher, from: number): void {
    const { events } = this.state;
    for (let index = firstEventAfter(this.state, from); index < events.length; index++) {
      const event = events[index] as LoggedEvent;
      if (keyMatches(event.kv.key, watcher.key, watcher.recursive)) watcher.queue.push(event);
    }
  }

  /** Resolves the revision a list reads at: the latest for 0, else `requested` once it is reached and not compacted. */
  private async readRevision(key: string, requested: number): Promise<number> {
    if (requested <= 0) return this.state.revision;
    if (requested < this.state.compacted) throw compactedError(key, requested, this.state.compacted);
    if (requested > this.state.revision) await this.waitForRevision(key, requested);
    return requested;
  }

  private waitForRevision(key: string, revision: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.revisionWaiters.delete(waiter);
        reject(futureRevisionError(key, revision, this.state.revision));
      }, this.futureRevisionTimeoutMs);
      const waiter: RevisionWaiter = {
        revision,
        resolve: () => {
          clearTimeout(timer);
          this.revisionWaiters.delete(waiter);
          if (this.closed) reject(closedError(key));
          else resolve();
        },
      };
      this.revisionWaiters.add(waiter);
    });
  }

  private countFrom(prefix: string, start: number, revision: number): number {
    const { keys } = this.state;
    let count = 0;
    for (let index = start; index < keys.length; index++) {
      const key = keys[index] as string;
      if (!key.startsWith(prefix)) break;
      if (valueAt(this.state, key, revision)) count++;
    }
    return count;
  }

  private startProgressTimer(): void {
    if (this.progressTimer) return;
    this.progressTimer = setInterval(() => this.notifyProgress(), this.progressNotifyIntervalMs);
    this.progressTimer.unref();
  }

  private notifyProgress(): void {
    const bookmark: StorageWatchEvent = { type: "BOOKMARK", revision: this.state.revision };
    for (const watcher of this.watchers) {
      if (watcher.progressNotify && bookmark.revision >= watcher.afterRevision) watcher.queue.push(bookmark);
    }
  }

  private removeWatcher(watcher: MemoryWatcher): void {
    this.watchers.delete(watcher);
    if (this.progressTimer && ![...this.watchers].some((other) => other.progressNotify)) {
      clearInterval(this.progressTimer);
      this.progressTimer = undefined;
    }
  }
}
