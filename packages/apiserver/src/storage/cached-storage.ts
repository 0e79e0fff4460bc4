/**
 * CachedStorage: a Storage whose reads of one prefix come from a WatchCache and whose
 * writes go to the storage underneath, as kube-apiserver's cacher wraps etcd. Reads are
 * consistent: each waits for the cache to reach the storage's current revision, so a
 * client reads its own writes. Reads at an explicit revision and continue tokens still fail
 * with `Compacted` below the storage's compacted revision, as the Storage contract states,
 * although the cache's window may hold them. A watch older than the window reads the
 * storage's history instead.
 */
import { decodeContinue } from "./continue.js";
import { closedError, compactedError } from "./errors.js";
import type {
  DeleteOptions,
  GuaranteedUpdateOptions,
  KeyValue,
  ListOptions,
  ListResult,
  Storage,
  UpdateFunction,
  Watch,
  WatchOptions,
} from "./interface.js";
import { WatchCache } from "./watch-cache.js";
import type { WatchCacheEvent } from "./watch-cache-event.js";
import type { WatchCacheOptions } from "./watch-cache-options.js";
import { WatchQueue } from "./watch-queue.js";

/** Options of a CachedStorage: those of its WatchCache, whose objects are the key-values themselves. */
export type CachedStorageOptions = Omit<WatchCacheOptions<KeyValue>, "decode">;

/** A Storage that serves reads under its prefix from a WatchCache; see the module documentation. */
export class CachedStorage implements Storage {
  /** The cache of `options.prefix`, for callers that want its callback watches and filters. */
  readonly cache: WatchCache<KeyValue>;
  private closed = false;

  private constructor(
    /** The storage underneath; writes and reads outside the prefix go to it. */
    readonly storage: Storage,
    options: CachedStorageOptions,
  ) {
    this.cache = new WatchCache(storage, { ...options, decode: (kv) => kv });
  }

  /** Opens a CachedStorage over `storage` and waits until its cache is filled. */
  static async open(storage: Storage, options: CachedStorageOptions): Promise<CachedStorage> {
    const cached = new CachedStorage(storage, options);
    await cached.cache.start();
    return cached;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    if (!this.covers(key)) return this.storage.get(key);
    return (await this.cache.get(key, { consistent: true }))?.kv;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    if (!this.covers(prefix)) return this.storage.list(prefix, options);
    const revision = options.continue ? decodeContinue(options.continue, prefix).revision : (options.revision ?? 0);
    if (revision > 0) {
      const compacted = await this.storage.compactedRevision();
      if (revision < compacted) throw compactedError(prefix, revision, compacted);
    }
    const page = await this.cache.list({
      prefix,
      ...(options.limit ? { limit: options.limit } : {}),
      ...(options.continue ? { continue: options.continue } : {}),
      ...(revision > 0 ? { revision, revisionMatch: "Exact" as const } : { consistent: true }),
    });
    return { ...page, items: page.items.map((entry) => entry.kv) };
  }

  create(key: string, value: Uint8Array): Promise<KeyValue> {
    return this.storage.create(key, value);
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    return this.storage.update(key, value, expectedRevision);
  }

  guaranteedUpdate(key: string, update: UpdateFunction, options?: GuaranteedUpdateOptions): Promise<KeyValue> {
    return this.storage.guaranteedUpdate(key, update, options);
  }

  delete(key: string, options?: DeleteOptions): Promise<KeyValue> {
    return this.storage.delete(key, options);
  }

  watch(key: string, options: WatchOptions = {}): Watch {
    if (!this.covers(key)) return this.storage.watch(key, options);
    const queue = new WatchQueue(() => watcher?.stop());
    let watcher: { stop(): void } | undefined;
    if (this.closed) {
      queue.push({ type: "ERROR", error: closedError(key) });
      return queue;
    }
    const start = async (): Promise<void> => {
      const from = options.fromRevision ?? 0;
      const compacted = from > 0 ? await this.storage.compactedRevision() : 0;
      // etcd serves a watch from revision r when r + 1 is not below the compacted revision.
      if (from > 0 && from + 1 < compacted) {
        queue.push({ type: "ERROR", error: compactedError(key, from, compacted) });
        return;
      }
      if (queue.done) return;
      // A window that starts after `from` (it restarts with every list, so after each
      // restart) cannot replay it, but the storage's own history can.
      if (from > 0 && from < this.cache.oldestRevision) {
        watcher = this.forward(this.storage.watch(key, options), queue);
        return;
      }
      const cacheWatcher = this.cache.watch(
        { key, recursive: options.recursive ?? false, fromRevision: from, bookmarks: options.progressNotify ?? false },
        (event) => queue.push(toStorageEvent(event)),
      );
      watcher = cacheWatcher;
      void cacheWatcher.done.then(() => queue.end());
    };
    start().catch((error: unknown) => queue.push({ type: "ERROR", error: closedError(`${key}: ${String(error)}`) }));
    return queue;
  }

  count(prefix: string): Promise<number> {
    return this.storage.count(prefix);
  }

  compact(revision: number): Promise<void> {
    return this.storage.compact(revision);
  }

  currentRevision(): Promise<number> {
    return this.storage.currentRevision();
  }

  compactedRevision(): Promise<number> {
    return this.storage.compactedRevision();
  }

  /** Asks the storage for progress and sends every bookmark watcher a BOOKMARK at the cache's revision. */
  async requestProgress(): Promise<void> {
    await this.storage.requestProgress?.();
    this.cache.sendBookmarks();
  }

  /** Stops the cache and closes the storage underneath. */
  async close(): Promise<void> {
    this.closed = true;
    await this.cache.stop();
    await this.storage.close();
  }

  /** Copies the events of `source` into `queue` until either ends; returns the handle that stops the copy. */
  private forward(source: Watch, queue: WatchQueue): { stop(): void } {
    void (async () => {
      for await (const event of source) queue.push(event);
      queue.end();
    })();
    return source;
  }

  private covers(key: string): boolean {
    return key.startsWith(this.cache.prefix);
  }
}

function toStorageEvent(event: WatchCacheEvent<KeyValue>): Parameters<WatchQueue["push"]>[0] {
  if (event.type === "ERROR") return event;
  if (event.type === "BOOKMARK") return { type: "BOOKMARK", revision: event.revision };
  const previous = event.previous?.kv;
  return { type: event.type, kv: event.current.kv, revision: event.revision, ...(previous ? { prev: previous } : {}) };
}
