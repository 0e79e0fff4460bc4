/**
 * WatchCache: a cache of one resource prefix in front of any Storage. It lists the prefix
 * once, then follows a storage watch to keep the current objects (decoded once, by the
 * caller's `decode`) and a window of recent events. From memory it serves lists at or after
 * a revision, consistent pages of a list, and watches from any revision inside the window,
 * fanned out through callbacks. One event object is shared by every watcher it matches.
 */
import { CacheWatcherImpl, type CacheWatcher, type WatchCacheListener } from "./cache-watcher.js";
import { SortedObjects } from "./cache-objects.js";
import { listThroughStorage, readPage, snapshotBefore, type CachePage, type CacheSnapshot } from "./cache-snapshot.js";
import { decodeContinue } from "./continue.js";
import { closedError, compactedError, futureRevisionError } from "./errors.js";
import { EventRing } from "./event-ring.js";
import { StorageError, isStorageError, type KeyValue, type Storage, type StorageWatchEvent, type Watch } from "./interface.js";
import { keyMatches } from "./keys.js";
import { RevisionWaiters } from "./revision-waiters.js";
import { CacheBookmarkEvent, CacheObjectEvent, type CachedObject } from "./watch-cache-event.js";
import type { CacheListOptions, CacheReadOptions, CacheWatchOptions, WatchCacheOptions } from "./watch-cache-options.js";

const SNAPSHOT_CACHE_SIZE = 8;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;
const PROGRESS_REQUEST_INTERVAL_MS = 100;

/** A cache of one key prefix of a Storage; see the module documentation. */
export class WatchCache<T> {
  readonly prefix: string;
  private readonly decode: (kv: KeyValue) => T;
  private readonly waitTimeoutMs: number;
  private readonly maxWatcherBuffer: number;
  private readonly listPageSize: number;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly ring: EventRing<CacheObjectEvent<T>>;
  private objects = new SortedObjects<T>();
  private readonly watchers = new Set<CacheWatcherImpl<T>>();
  private readonly pendingRegistrations: (() => void)[] = [];
  /** Reads waiting for a revision. */
  private readonly revisionWaiters = new RevisionWaiters();
  /** Reads waiting for the cache to be ready (revision 0 is reached by any ready cache). */
  private readonly readyWaiters = new RevisionWaiters();
  private readonly snapshots = new Map<number, CacheSnapshot<T>>();
  private readonly initialEvents = new WeakMap<CachedObject<T>, CacheObjectEvent<T>>();
  private currentRevision = 0;
  /** Every change above this revision is in the ring. */
  private windowStart = 0;
  private isReady = false;
  private stopping = false;
  private storageWatch: Watch | undefined;
  private bookmarkTimer: ReturnType<typeof setInterval> | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly storage: Storage,
    options: WatchCacheOptions<T>,
  ) {
    this.prefix = options.prefix;
    this.decode = options.decode;
    this.ring = new EventRing(options.capacity ?? 1024);
    this.waitTimeoutMs = options.waitTimeoutMs ?? 3000;
    this.maxWatcherBuffer = options.maxWatcherBuffer ?? 1024;
    this.listPageSize = options.listPageSize ?? 1000;
    this.onError = options.onError ?? (() => {});
    const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 10_000;
    if (bookmarkIntervalMs > 0) {
      this.bookmarkTimer = setInterval(() => this.sendBookmarks(), bookmarkIntervalMs);
      this.bookmarkTimer.unref();
    }
  }

  /** The revision the cache reflects: every change of its prefix up to it has been applied. */
  get revision(): number {
    return this.currentRevision;
  }

  /** The oldest revision a watch can start from (exclusive): every later change is in the window. */
  get oldestRevision(): number {
    return this.windowStart;
  }

  /** Whether the cache contains a complete list; false before `start()` finishes and while it re-lists. */
  get ready(): boolean {
    return this.isReady;
  }

  /** How many objects the cache holds. */
  get size(): number {
    return this.objects.size;
  }

  /**
   * Lists the prefix and starts following the storage watch. Resolves once the cache is
   * ready; rejects when the cache is stopped first. Failures after that are retried with
   * backoff, re-listing when the storage watch ends.
   */
  start(): Promise<void> {
    this.loop ??= this.run();
    return this.whenReady(Number.POSITIVE_INFINITY);
  }

  /** Stops following the storage; running watchers end with reason `closed` and waiting reads fail with `Closed`. */
  async stop(): Promise<void> {
    this.shutDown();
    await this.loop;
  }

  /** Resolves once the cache has reached `revision`; fails with `Timeout` (too large resource version) after `timeoutMs`. */
  async waitForRevision(revision: number, timeoutMs = this.waitTimeoutMs): Promise<void> {
    await this.whenReady(timeoutMs);
    if (this.currentRevision >= revision) return;
    if (this.stopping) throw closedError(this.prefix);
    // The cache learns of a revision without changes under its prefix only from a bookmark,
    // so it requests progress notifications from the storage while it waits.
    await this.revisionWaiters.wait(
      revision,
      timeoutMs,
      () => futureRevisionError(this.prefix, revision, this.currentRevision),
      () => this.requestProgress(),
      PROGRESS_REQUEST_INTERVAL_MS,
    );
  }

  /** Returns the cached object of `key`, after waiting for the requested revision. */
  async get(key: string, options: CacheReadOptions = {}): Promise<CachedObject<T> | undefined> {
    if (options.revisionMatch === "Exact" && options.revision) {
      const page = await this.list({ ...options, prefix: key });
      return page.items.find((entry) => entry.key === key);
    }
    if (this.readsThroughStorage(options)) {
      const kv = await this.storage.get(key);
      return kv === undefined ? undefined : this.decodeEntry(kv);
    }
    await this.waitForRead(options);
    return this.objects.get(key);
  }

  /** Lists the objects under a prefix from memory; see CacheListOptions for the revision rules. */
  async list(options: CacheListOptions<T> = {}): Promise<CachePage<T>> {
    const prefix = options.prefix ?? this.prefix;
    this.checkInside(prefix);
    const page = { prefix, ...(options.limit ? { limit: options.limit } : {}), filter: options.filter };
    if (options.continue) {
      const position = decodeContinue(options.continue, prefix);
      const snapshot = await this.snapshotAt(position.revision);
      if (snapshot === undefined) return this.listFromStorage(options, prefix);
      return readPage(snapshot, { ...page, startKey: position.startKey });
    }
    if (options.revisionMatch === "Exact" && options.revision) {
      const snapshot = await this.snapshotAt(options.revision);
      if (snapshot === undefined) return this.listFromStorage(options, prefix);
      return readPage(snapshot, page);
    }
    if (this.readsThroughStorage(options)) return this.listFromStorage({ ...options, revision: 0 }, prefix);
    await this.waitForRead(options);
    return readPage(this.currentSnapshot(), page);
  }

  /**
   * Reports whether a consistent read must go to the storage: without `requestProgress` the
   * cache cannot learn promptly that it has reached the storage's revision when its own
   * keys did not change, as kube-apiserver reads from etcd when etcd lacks RequestProgress.
   */
  private readsThroughStorage(options: CacheReadOptions): boolean {
    return options.consistent === true && this.storage.requestProgress === undefined;
  }

  /**
   * Starts a watch whose events go to `listener`, in revision order, each exactly once. A
   * `fromRevision` older than the window ends the watch at once with an ERROR event
   * carrying StorageError `Compacted` (410 Expired).
   */
  watch(options: CacheWatchOptions<T>, listener: WatchCacheListener<T>): CacheWatcher {
    const key = options.key ?? this.prefix;
    this.checkInside(key);
    const selection = {
      key,
      recursive: options.recursive ?? true,
      filter: options.filter,
      bookmarks: options.bookmarks ?? false,
      maxBuffer: options.maxBuffer ?? this.maxWatcherBuffer,
    };
    const watcher: CacheWatcherImpl<T> = new CacheWatcherImpl(selection, listener, (ended) => this.watchers.delete(ended), (previous, revision) =>
      this.deletionOf(previous, revision),
    );
    // Registration waits for a microtask, so no event reaches the listener before watch()
    // has returned the watcher to its caller. A cache that is not ready registers it later.
    const register = (): void => {
      if (this.stopping) watcher.close();
      else if (this.isReady) this.register(watcher, options);
      else this.pendingRegistrations.push(register);
    };
    queueMicrotask(register);
    return watcher;
  }

  /** Sends a BOOKMARK at the current revision to every watcher that asked for bookmarks. */
  sendBookmarks(): void {
    if (!this.isReady) return;
    const bookmark = new CacheBookmarkEvent(this.currentRevision);
    for (const watcher of this.watchers) watcher.offerBookmark(bookmark);
  }

  private register(watcher: CacheWatcherImpl<T>, options: CacheWatchOptions<T>): void {
    if (watcher.stopped) return;
    const from = options.fromRevision ?? 0;
    if (options.sendInitialEvents) {
      if (from > this.currentRevision) {
        this.waitForRevision(from).then(
          () => this.register(watcher, { ...options, fromRevision: 0 }),
          (error: unknown) => (isStorageError(error) ? watcher.fail(error) : watcher.close()),
        );
        return;
      }
      this.sendInitialEvents(watcher);
    } else if (from > 0 && from < this.windowStart) {
      watcher.fail(compactedError(watcher.selection.key, from, this.windowStart));
      return;
    } else {
      watcher.startAfter(from > 0 ? from : this.currentRevision);
      for (let index = this.ring.firstAfter(from); from > 0 && index < this.ring.size; index++) watcher.offer(this.ring.at(index));
    }
    if (!watcher.stopped) this.watchers.add(watcher);
  }

  private sendInitialEvents(watcher: CacheWatcherImpl<T>): void {
    const { key, recursive, filter } = watcher.selection;
    for (const entry of this.currentSnapshot().objects) {
      if (!keyMatches(entry.key, key, recursive) || (filter !== undefined && !filter(entry.object))) continue;
      let event = this.initialEvents.get(entry);
      if (event === undefined) {
        event = new CacheObjectEvent("ADDED", entry, undefined, entry.kv.modRevision);
        this.initialEvents.set(entry, event);
      }
      watcher.deliver(event);
    }
    watcher.deliver(new CacheBookmarkEvent(this.currentRevision, true));
    watcher.startAfter(this.currentRevision);
  }

  private async run(): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (!this.stopping) {
      try {
        await this.relist();
        delay = RETRY_MIN_MS;
        await this.follow();
      } catch (error) {
        if (this.stopping) break;
        if (isStorageError(error, "Closed")) {
          this.shutDown();
          break;
        }
        this.onError(error, `watch cache of ${this.prefix}`);
      }
      if (this.stopping) break;
      this.isReady = false;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  private shutDown(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.isReady = false;
    if (this.bookmarkTimer) clearInterval(this.bookmarkTimer);
    this.storageWatch?.stop();
    for (const watcher of [...this.watchers]) watcher.close();
    for (const register of this.pendingRegistrations.splice(0)) register();
    this.revisionWaiters.rejectAll(closedError(this.prefix));
    this.readyWaiters.rejectAll(closedError(this.prefix));
  }

  /** Fills the cache from a paged list at one revision and makes it ready. */
  private async relist(): Promise<void> {
    const entries: CachedObject<T>[] = [];
    let revision = 0;
    let token: string | undefined;
    do {
      const page = await this.storage.list(this.prefix, { limit: this.listPageSize, ...(token ? { continue: token } : {}) });
      revision = page.revision;
      for (const kv of page.items) {
        const entry = this.decodeEntry(kv);
        if (entry) entries.push(entry);
      }
      token = page.continue;
    } while (token && !this.stopping);
    if (this.stopping) return;
    // Watchers of the previous list cannot continue across the gap; their clients watch again.
    for (const watcher of [...this.watchers]) watcher.close();
    this.objects = new SortedObjects(entries);
    this.ring.clear();
    this.snapshots.clear();
    this.currentRevision = revision;
    this.windowStart = revision;
    this.isReady = true;
    this.readyWaiters.advance(0);
    for (const register of this.pendingRegistrations.splice(0)) register();
    this.revisionWaiters.advance(revision);
  }

  /** Applies the storage watch until it fails or ends. */
  private async follow(): Promise<void> {
    const watch = this.storage.watch(this.prefix, { fromRevision: this.currentRevision, recursive: true, progressNotify: true });
    this.storageWatch = watch;
    for await (const event of watch) {
      if (this.stopping) return;
      this.apply(event);
    }
    if (!this.stopping) throw new Error(`the storage watch of ${this.prefix} ended`);
  }

  private apply(event: StorageWatchEvent): void {
    if (event.type === "ERROR") throw event.error;
    if (event.type === "BOOKMARK") {
      if (event.revision > this.currentRevision) {
        this.currentRevision = event.revision;
        this.revisionWaiters.advance(event.revision);
      }
      return;
    }
    if (event.revision <= this.currentRevision) return;
    const key = event.kv.key;
    const previous = this.objects.get(key);
    const current = this.decodeEntry(event.kv);
    let change: CacheObjectEvent<T> | undefined;
    if (event.type === "DELETED" || current === undefined) {
      this.objects.delete(key);
      if (previous) change = new CacheObjectEvent("DELETED", current ?? this.deletionOf(previous, event.revision), previous, event.revision);
    } else {
      this.objects.set(current);
      change = new CacheObjectEvent(previous ? "MODIFIED" : "ADDED", current, previous, event.revision);
    }
    this.currentRevision = event.revision;
    if (change) {
      const evicted = this.ring.push(change);
      if (evicted) this.windowStart = evicted.revision;
      for (const watcher of this.watchers) watcher.offer(change);
    }
    this.revisionWaiters.advance(event.revision);
  }

  private decodeEntry(kv: KeyValue): CachedObject<T> | undefined {
    try {
      return { key: kv.key, object: this.decode(kv), kv };
    } catch (error) {
      this.onError(error, `decoding ${kv.key} at revision ${kv.modRevision}`);
      return undefined;
    }
  }

  /** Returns the object of a deletion at `revision`: the previous value decoded with the deletion's revision. */
  private deletionOf(previous: CachedObject<T>, revision: number): CachedObject<T> {
    const kv: KeyValue = { ...previous.kv, modRevision: revision };
    return this.decodeEntry(kv) ?? { ...previous, kv };
  }

  private requestProgress(): void {
    this.storage.requestProgress?.().catch((error: unknown) => this.onError(error, "requesting storage progress"));
  }

  private whenReady(timeoutMs: number): Promise<void> {
    if (this.stopping) return Promise.reject(closedError(this.prefix));
    if (this.isReady) return Promise.resolve();
    const notReady = (): StorageError =>
      new StorageError("Timeout", this.prefix, `the watch cache of "${this.prefix}" did not become ready within ${timeoutMs} ms; try again later`);
    return this.readyWaiters.wait(0, timeoutMs, notReady);
  }

  private async waitForRead(options: CacheReadOptions): Promise<void> {
    let revision = options.revision ?? 0;
    if (options.consistent) revision = Math.max(revision, await this.storage.currentRevision());
    if (revision > 0) await this.waitForRevision(revision);
    else await this.whenReady(this.waitTimeoutMs);
  }

  private currentSnapshot(): CacheSnapshot<T> {
    return this.remember(this.currentRevision, () => this.objects.snapshot(this.currentRevision));
  }

  /** Returns the objects at exactly `revision`, waiting for a future one; undefined when it is older than the window. */
  private async snapshotAt(revision: number): Promise<CacheSnapshot<T> | undefined> {
    await this.whenReady(this.waitTimeoutMs);
    if (revision > this.currentRevision) await this.waitForRevision(revision);
    if (revision === this.currentRevision) return this.currentSnapshot();
    if (revision < this.windowStart) return undefined;
    return this.remember(revision, () => snapshotBefore(this.objects.map, this.ring, revision));
  }

  private remember(revision: number, build: () => CacheSnapshot<T>): CacheSnapshot<T> {
    let snapshot = this.snapshots.get(revision);
    if (snapshot === undefined) {
      snapshot = build();
      if (this.snapshots.size >= SNAPSHOT_CACHE_SIZE) this.snapshots.delete(this.snapshots.keys().next().value as number);
    } else {
      this.snapshots.delete(revision);
    }
    this.snapshots.set(revision, snapshot);
    return snapshot;
  }

  /** Serves a page from the storage itself: one the window no longer covers, or a consistent read. */
  private listFromStorage(options: CacheListOptions<T>, prefix: string): Promise<CachePage<T>> {
    return listThroughStorage(this.storage, prefix, options, (kv) => this.decodeEntry(kv));
  }

  private checkInside(key: string): void {
    if (!key.startsWith(this.prefix)) throw new RangeError(`the key "${key}" is outside the watch cache of "${this.prefix}"`);
  }
}
