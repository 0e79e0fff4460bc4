import { afterEach, describe, expect, it } from "vitest";
import {
  MemoryStorage,
  StorageError,
  WatchCache,
  WatchQueue,
  isStorageError,
  storageErrorToStatus,
  type CacheWatchEnd,
  type KeyValue,
  type Storage,
  type WatchCacheEvent,
  type WatchCacheOptions,
  type WatchOptions,
} from "@apimachinery/apiserver";

interface Pod {
  readonly name: string;
  readonly app: string;
  readonly revision: number;
}

const PREFIX = "/registry/pods/";

function encodePod(name: string, app: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ name, app }));
}

function decodePod(kv: KeyValue): Pod {
  const data = JSON.parse(new TextDecoder().decode(kv.value)) as { name: string; app: string };
  if (data.name === "poison") throw new Error("cannot decode the poison pod");
  return { ...data, revision: kv.modRevision };
}

/** A summary of an event for comparisons: type, name and revision. */
function summary(event: WatchCacheEvent<Pod>): string {
  if (event.type === "ERROR") return `ERROR ${event.error.code}`;
  if (event.type === "BOOKMARK") return `BOOKMARK ${event.revision}${event.initialEventsEnd ? " end" : ""}`;
  return `${event.type} ${event.object.name}@${event.revision}`;
}

const opened: { cache: WatchCache<Pod>; storage: Storage }[] = [];

async function openCache(options: Partial<WatchCacheOptions<Pod>> = {}, storage: Storage = new MemoryStorage({ progressNotifyIntervalMs: 50 })) {
  const cache = new WatchCache<Pod>(storage, { prefix: PREFIX, decode: decodePod, waitTimeoutMs: 500, bookmarkIntervalMs: 0, ...options });
  opened.push({ cache, storage });
  await cache.start();
  return { cache, storage };
}

afterEach(async () => {
  for (const { cache, storage } of opened.splice(0)) {
    await cache.stop();
    await storage.close();
  }
});

/** Collects the events of a watcher into an array, synchronously. */
function collector(): { events: WatchCacheEvent<Pod>[]; listener: (event: WatchCacheEvent<Pod>) => void; summaries: () => string[] } {
  const events: WatchCacheEvent<Pod>[] = [];
  return { events, listener: (event) => void events.push(event), summaries: () => events.map(summary) };
}

async function write(storage: Storage, cache: WatchCache<Pod>, name: string, app: string): Promise<KeyValue> {
  const kv = await storage.guaranteedUpdate(`${PREFIX}${name}`, () => encodePod(name, app), { allowCreate: true });
  await cache.waitForRevision(kv.modRevision);
  return kv;
}

async function remove(storage: Storage, cache: WatchCache<Pod>, name: string): Promise<number> {
  await storage.delete(`${PREFIX}${name}`);
  const revision = await storage.currentRevision();
  await cache.waitForRevision(revision);
  return revision;
}

describe("WatchCache start", () => {
  it("lists existing objects", async () => {
    const storage = new MemoryStorage();
    await storage.create(`${PREFIX}a`, encodePod("a", "web"));
    await storage.create(`${PREFIX}b`, encodePod("b", "db"));
    await storage.create("/registry/services/a", encodePod("a", "web"));
    const { cache } = await openCache({ listPageSize: 1 }, storage);
    expect(cache.ready).toBe(true);
    expect(cache.size).toBe(2);
    expect(cache.revision).toBe(await storage.currentRevision());
    expect((await cache.get(`${PREFIX}a`))?.object).toEqual({ name: "a", app: "web", revision: 2 });
  });

  it("reports decode failures and skips the key", async () => {
    const storage = new MemoryStorage();
    await storage.create(`${PREFIX}poison`, encodePod("poison", "x"));
    const errors: string[] = [];
    const { cache } = await openCache({ onError: (_, context) => errors.push(context) }, storage);
    expect(cache.size).toBe(0);
    expect(errors).toEqual([`decoding ${PREFIX}poison at revision 2`]);
  });

  it("registers a watch made before it is ready", async () => {
    const storage = new MemoryStorage();
    const cache = new WatchCache<Pod>(storage, { prefix: PREFIX, decode: decodePod, bookmarkIntervalMs: 0 });
    opened.push({ cache, storage });
    const { listener, summaries } = collector();
    cache.watch({}, listener);
    await cache.start();
    const kv = await write(storage, cache, "a", "web");
    expect(summaries()).toEqual([`ADDED a@${kv.modRevision}`]);
  });
});

describe("WatchCache list", () => {
  it("returns objects under a prefix in key order", async () => {
    const { cache, storage } = await openCache();
    await write(storage, cache, "ns1/b", "web");
    await write(storage, cache, "ns1/a", "db");
    await write(storage, cache, "ns2/a", "web");
    const all = await cache.list();
    expect(all.items.map((entry) => entry.key)).toEqual([`${PREFIX}ns1/a`, `${PREFIX}ns1/b`, `${PREFIX}ns2/a`]);
    expect(all.revision).toBe(cache.revision);
    const namespace = await cache.list({ prefix: `${PREFIX}ns1/` });
    expect(namespace.items.map((entry) => entry.object.name)).toEqual(["ns1/a", "ns1/b"]);
  });

  it("applies a filter", async () => {
    const { cache, storage } = await openCache();
    await write(storage, cache, "a", "web");
    await write(storage, cache, "b", "db");
    await write(storage, cache, "c", "web");
    const page = await cache.list({ filter: (pod) => pod.app === "web" });
    expect(page.items.map((entry) => entry.object.name)).toEqual(["a", "c"]);
  });

  it("serves a consistent read of the latest write", async () => {
    const { cache, storage } = await openCache();
    await storage.create(`${PREFIX}a`, encodePod("a", "web"));
    const page = await cache.list({ consistent: true });
    expect(page.items.map((entry) => entry.object.name)).toEqual(["a"]);
    expect((await cache.get(`${PREFIX}a`, { consistent: true }))?.object.app).toBe("web");
  });

  it("reaches a revision written under another prefix", async () => {
    const { cache, storage } = await openCache();
    const other = await storage.create("/registry/services/a", encodePod("a", "web"));
    const page = await cache.list({ revision: other.modRevision });
    expect(page.revision).toBeGreaterThanOrEqual(other.modRevision);
  });

  it("fails with Timeout for a future revision", async () => {
    const { cache } = await openCache({ waitTimeoutMs: 100 });
    const future = cache.revision + 100;
    const error = await cache.list({ revision: future }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isStorageError(error, "Timeout")).toBe(true);
    const status = storageErrorToStatus(error, { resource: "pods" });
    expect(status.code).toBe(504);
    expect(status.message).toBe(`Timeout: Too large resource version: ${future}, current: ${cache.revision}`);
    expect(status.status.details?.causes).toEqual([{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }]);
  });

  it("pages consistently while writes go on", async () => {
    const { cache, storage } = await openCache();
    for (const name of ["a", "b", "c", "d", "e", "f"]) await write(storage, cache, name, "v1");
    const first = await cache.list({ limit: 2 });
    expect(first.items.map((entry) => entry.object.name)).toEqual(["a", "b"]);
    expect(first.remainingItemCount).toBe(4);
    await write(storage, cache, "c", "v2");
    await remove(storage, cache, "d");
    await write(storage, cache, "cc", "v1");
    const second = await cache.list({ limit: 2, continue: first.continue as string });
    expect(second.revision).toBe(first.revision);
    expect(second.items.map((entry) => `${entry.object.name}:${entry.object.app}`)).toEqual(["c:v1", "d:v1"]);
    expect(second.remainingItemCount).toBe(2);
    const third = await cache.list({ limit: 2, continue: second.continue as string });
    expect(third.items.map((entry) => entry.object.name)).toEqual(["e", "f"]);
    expect(third.continue).toBeUndefined();
    const latest = await cache.list();
    expect(latest.items.map((entry) => entry.object.name)).toEqual(["a", "b", "c", "cc", "e", "f"]);
  });

  it("continue tokens work on the storage too", async () => {
    const { cache, storage } = await openCache();
    for (const name of ["a", "b", "c"]) await write(storage, cache, name, "v1");
    const first = await cache.list({ limit: 2 });
    await write(storage, cache, "b", "v2");
    const second = await storage.list(PREFIX, { limit: 2, continue: first.continue as string });
    expect(second.revision).toBe(first.revision);
    expect(second.items.map((kv) => kv.key)).toEqual([`${PREFIX}c`]);
    const fromStorage = await storage.list(PREFIX, { limit: 1 });
    const fromCache = await cache.list({ limit: 5, continue: fromStorage.continue as string });
    expect(fromCache.items.map((entry) => `${entry.object.name}:${entry.object.app}`)).toEqual(["b:v2", "c:v1"]);
  });

  it("pages with a filter but without remainingItemCount", async () => {
    const { cache, storage } = await openCache();
    for (const [name, app] of [["a", "web"], ["b", "db"], ["c", "web"], ["d", "web"]] as const) await write(storage, cache, name, app);
    const filter = (pod: Pod): boolean => pod.app === "web";
    const first = await cache.list({ limit: 2, filter });
    expect(first.items.map((entry) => entry.object.name)).toEqual(["a", "c"]);
    expect(first.remainingItemCount).toBeUndefined();
    const second = await cache.list({ limit: 2, filter, continue: first.continue as string });
    expect(second.items.map((entry) => entry.object.name)).toEqual(["d"]);
    expect(second.continue).toBeUndefined();
  });

  it("reads an exact revision inside the window", async () => {
    const { cache, storage } = await openCache();
    const a = await write(storage, cache, "a", "v1");
    await write(storage, cache, "a", "v2");
    await write(storage, cache, "b", "v1");
    const past = await cache.list({ revision: a.modRevision, revisionMatch: "Exact" });
    expect(past.revision).toBe(a.modRevision);
    expect(past.items.map((entry) => `${entry.object.name}:${entry.object.app}`)).toEqual(["a:v1"]);
    const exact = await cache.get(`${PREFIX}a`, { revision: a.modRevision, revisionMatch: "Exact" });
    expect(exact?.object.app).toBe("v1");
  });

  it("reads old exact revisions from storage", async () => {
    const { cache, storage } = await openCache({ capacity: 2 });
    const a = await write(storage, cache, "a", "v1");
    await write(storage, cache, "a", "v2");
    await write(storage, cache, "a", "v3");
    await write(storage, cache, "a", "v4");
    expect(cache.oldestRevision).toBeGreaterThan(a.modRevision);
    const past = await cache.list({ revision: a.modRevision, revisionMatch: "Exact" });
    expect(past.items.map((entry) => entry.object.app)).toEqual(["v1"]);
    await storage.compact(await storage.currentRevision());
    const error = await cache.list({ revision: a.modRevision, revisionMatch: "Exact" }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isStorageError(error, "Compacted")).toBe(true);
  });

  it("rejects a malformed continue token", async () => {
    const { cache } = await openCache();
    const error = await cache.list({ continue: "%%%" }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isStorageError(error, "InvalidContinue")).toBe(true);
    expect(storageErrorToStatus(error, { resource: "pods" }).code).toBe(400);
  });

  it("rejects a prefix outside the cache", async () => {
    const { cache } = await openCache();
    await expect(cache.list({ prefix: "/registry/services/" })).rejects.toThrow(RangeError);
  });
});

describe("WatchCache watch", () => {
  it("delivers changes in order", async () => {
    const { cache, storage } = await openCache();
    const { listener, summaries } = collector();
    cache.watch({}, listener);
    const a = await write(storage, cache, "a", "v1");
    const a2 = await write(storage, cache, "a", "v2");
    const gone = await remove(storage, cache, "a");
    expect(summaries()).toEqual([`ADDED a@${a.modRevision}`, `MODIFIED a@${a2.modRevision}`, `DELETED a@${gone}`]);
  });

  it("DELETED carries the last object at the deletion revision", async () => {
    const { cache, storage } = await openCache();
    await write(storage, cache, "a", "last");
    const { events, listener } = collector();
    cache.watch({}, listener);
    const gone = await remove(storage, cache, "a");
    const event = events[0];
    expect(event?.type).toBe("DELETED");
    if (event?.type === "DELETED") {
      expect(event.object).toEqual({ name: "a", app: "last", revision: gone });
      expect(event.current.kv.modRevision).toBe(gone);
      expect(event.previous?.object.app).toBe("last");
    }
  });

  it("replays from a revision inside the window", async () => {
    const { cache, storage } = await openCache();
    const a = await write(storage, cache, "a", "v1");
    const b = await write(storage, cache, "b", "v1");
    const { listener, summaries } = collector();
    cache.watch({ fromRevision: a.modRevision }, listener);
    const c = await write(storage, cache, "c", "v1");
    expect(summaries()).toEqual([`ADDED b@${b.modRevision}`, `ADDED c@${c.modRevision}`]);
  });

  it("fails with Expired below the window", async () => {
    const { cache, storage } = await openCache({ capacity: 2 });
    const first = await write(storage, cache, "a", "v1");
    for (const app of ["v2", "v3", "v4"]) await write(storage, cache, "a", app);
    const { events, listener } = collector();
    const watcher = cache.watch({ fromRevision: first.modRevision }, listener);
    const end: CacheWatchEnd = await watcher.done;
    expect(end.reason).toBe("failed");
    expect(events.map(summary)).toEqual(["ERROR Compacted"]);
    const error = events[0]?.type === "ERROR" ? events[0].error : undefined;
    const status = storageErrorToStatus(error, { resource: "pods" });
    expect(status.code).toBe(410);
    expect(status.reason).toBe("Expired");
    expect(status.message).toBe(`too old resource version: ${first.modRevision} (${cache.oldestRevision})`);
  });

  it("watches one exact key", async () => {
    const { cache, storage } = await openCache();
    const { listener, summaries } = collector();
    cache.watch({ key: `${PREFIX}a`, recursive: false }, listener);
    await write(storage, cache, "ab", "v1");
    await write(storage, cache, "a/b", "v1");
    const a = await write(storage, cache, "a", "v1");
    expect(summaries()).toEqual([`ADDED a@${a.modRevision}`]);
  });

  it("watches a prefix inside the cache", async () => {
    const { cache, storage } = await openCache();
    const { listener, summaries } = collector();
    cache.watch({ key: `${PREFIX}ns1/` }, listener);
    await write(storage, cache, "ns2/a", "v1");
    const a = await write(storage, cache, "ns1/a", "v1");
    expect(summaries()).toEqual([`ADDED ns1/a@${a.modRevision}`]);
  });

  it("turns changes across a filter into ADDED and DELETED", async () => {
    const { cache, storage } = await openCache();
    const web = (pod: Pod): boolean => pod.app === "web";
    const first = collector();
    const second = collector();
    cache.watch({ filter: web }, first.listener);
    cache.watch({ filter: web }, second.listener);
    await write(storage, cache, "a", "db");
    const joined = await write(storage, cache, "a", "web");
    const stayed = await write(storage, cache, "a", "web2");
    expect(stayed.modRevision).toBeGreaterThan(joined.modRevision);
    const back = await write(storage, cache, "a", "web");
    const gone = await remove(storage, cache, "a");
    expect(first.summaries()).toEqual([
      `ADDED a@${joined.modRevision}`,
      `DELETED a@${stayed.modRevision}`,
      `ADDED a@${back.modRevision}`,
      `DELETED a@${gone}`,
    ]);
    const left = first.events[1];
    expect(left?.type === "DELETED" && left.object).toEqual({ name: "a", app: "web", revision: stayed.modRevision });
    // Both watchers receive the same derived event objects, so encodings are shared.
    expect(second.events).toHaveLength(4);
    second.events.forEach((event, index) => expect(event).toBe(first.events[index]));
  });

  it("shares one encoding per encoder among watchers", async () => {
    const { cache, storage } = await openCache();
    let encodes = 0;
    const encodings: Uint8Array[] = [];
    const listener = (event: WatchCacheEvent<Pod>): void => {
      if (event.type === "ERROR") return;
      encodings.push(
        event.encoded("json", () => {
          encodes++;
          return new TextEncoder().encode(summary(event));
        }),
      );
    };
    for (let index = 0; index < 5; index++) cache.watch({}, listener);
    await write(storage, cache, "a", "v1");
    expect(encodes).toBe(1);
    expect(encodings).toHaveLength(5);
    expect(new Set(encodings).size).toBe(1);
  });

  it("sends initial events, then a closing bookmark", async () => {
    const { cache, storage } = await openCache();
    const b = await write(storage, cache, "b", "web");
    const a = await write(storage, cache, "a", "web");
    await write(storage, cache, "c", "db");
    const { listener, summaries } = collector();
    cache.watch({ sendInitialEvents: true, filter: (pod) => pod.app === "web" }, listener);
    const d = await write(storage, cache, "d", "web");
    expect(summaries()).toEqual([`ADDED a@${a.modRevision}`, `ADDED b@${b.modRevision}`, `BOOKMARK ${d.modRevision - 1} end`, `ADDED d@${d.modRevision}`]);
  });

  it("sends bookmarks only to watchers that asked", async () => {
    const { cache, storage } = await openCache();
    const withBookmarks = collector();
    const without = collector();
    cache.watch({ bookmarks: true }, withBookmarks.listener);
    cache.watch({}, without.listener);
    const a = await write(storage, cache, "a", "v1");
    cache.sendBookmarks();
    expect(withBookmarks.summaries()).toEqual([`ADDED a@${a.modRevision}`, `BOOKMARK ${a.modRevision}`]);
    expect(without.summaries()).toEqual([`ADDED a@${a.modRevision}`]);
  });

  it("sends periodic bookmarks on its timer", async () => {
    const { cache, storage } = await openCache({ bookmarkIntervalMs: 10 });
    const a = await write(storage, cache, "a", "v1");
    const bookmark = await new Promise<WatchCacheEvent<Pod>>((resolve) => {
      const watcher = cache.watch({ bookmarks: true }, (event) => {
        if (event.type !== "BOOKMARK") return;
        watcher.stop();
        resolve(event);
      });
    });
    expect(summary(bookmark)).toBe(`BOOKMARK ${a.modRevision}`);
  });

  it("closes a slow watcher without holding back others", async () => {
    const { cache, storage } = await openCache({ maxWatcherBuffer: 3 });
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: WatchCacheEvent<Pod>[] = [];
    const slowWatcher = cache.watch({}, (event) => {
      slow.push(event);
      return event.type === "ADDED" && event.object.name === "k0" ? blocked : undefined;
    });
    const fast = collector();
    cache.watch({}, fast.listener);
    for (let index = 0; index < 6; index++) await write(storage, cache, `k${index}`, "v1");
    expect(fast.events).toHaveLength(6);
    expect(slowWatcher.stopped).toBe(true);
    release();
    const end = await slowWatcher.done;
    expect(end.reason).toBe("failed");
    expect(slow.map(summary)).toEqual([`ADDED k0@${(slow[0] as { revision: number }).revision}`, "ERROR Timeout"]);
  });

  it("initial events do not count toward the buffer limit", async () => {
    const { cache, storage } = await openCache({ maxWatcherBuffer: 2 });
    for (let index = 0; index < 6; index++) await write(storage, cache, `k${index}`, "v1");
    const received: string[] = [];
    const watcher = cache.watch({ sendInitialEvents: true }, async (event) => {
      received.push(summary(event));
      await new Promise((resolve) => setImmediate(resolve));
    });
    const last = await write(storage, cache, "k6", "v1");
    for (let attempt = 0; attempt < 100 && received.length < 8; attempt++) await new Promise((resolve) => setImmediate(resolve));
    expect(watcher.stopped).toBe(false);
    expect(received).toHaveLength(8);
    expect(received[6]).toBe(`BOOKMARK ${last.modRevision - 1} end`);
    expect(received[7]).toBe(`ADDED k6@${last.modRevision}`);
  });

  it("delivers nothing before watch returns", async () => {
    const { cache, storage } = await openCache();
    await write(storage, cache, "a", "v1");
    const seen: boolean[] = [];
    const watcher = cache.watch({ sendInitialEvents: true }, () => {
      seen.push(watcher.stopped);
    });
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([false, false]);
  });

  it("ends a watcher whose listener throws", async () => {
    const { cache, storage } = await openCache();
    const failure = new Error("listener failed");
    const broken = cache.watch({}, () => {
      throw failure;
    });
    const healthy = collector();
    cache.watch({}, healthy.listener);
    await write(storage, cache, "a", "v1");
    await write(storage, cache, "b", "v1");
    expect(await broken.done).toEqual({ reason: "listener-failed", error: failure });
    expect(healthy.events).toHaveLength(2);
  });

  it("stop ends delivery", async () => {
    const { cache, storage } = await openCache();
    const { listener, events } = collector();
    const watcher = cache.watch({}, listener);
    await write(storage, cache, "a", "v1");
    watcher.stop();
    await write(storage, cache, "b", "v1");
    expect(events).toHaveLength(1);
    expect((await watcher.done).reason).toBe("stopped");
  });

  it("a future fromRevision skips earlier changes", async () => {
    const { cache, storage } = await openCache();
    const { listener, summaries } = collector();
    cache.watch({ fromRevision: cache.revision + 1 }, listener);
    await write(storage, cache, "a", "v1");
    const b = await write(storage, cache, "b", "v1");
    expect(summaries()).toEqual([`ADDED b@${b.modRevision}`]);
  });
});

/** A storage whose watches can be broken on demand, to test how the cache recovers. */
class BreakableStorage extends MemoryStorage {
  private readonly queues = new Set<WatchQueue>();

  override watch(key: string, options?: WatchOptions) {
    const inner = super.watch(key, options);
    const queue = new WatchQueue(() => {
      inner.stop();
      this.queues.delete(queue);
    });
    this.queues.add(queue);
    void (async () => {
      for await (const event of inner) queue.push(event);
      queue.end();
    })();
    return queue;
  }

  breakWatches(): void {
    for (const queue of [...this.queues]) queue.push({ type: "ERROR", error: new StorageError("Unreachable", "", "connection lost") });
  }
}

describe("WatchCache recovery", () => {
  it("re-lists after the storage watch fails", async () => {
    const storage = new BreakableStorage();
    const errors: unknown[] = [];
    const { cache } = await openCache({ onError: (error) => errors.push(error) }, storage);
    await write(storage, cache, "a", "v1");
    const { listener } = collector();
    const watcher = cache.watch({}, listener);
    storage.breakWatches();
    await storage.create(`${PREFIX}b`, encodePod("b", "v1"));
    expect((await watcher.done).reason).toBe("closed");
    const page = await cache.list({ consistent: true });
    expect(page.items.map((entry) => entry.object.name)).toEqual(["a", "b"]);
    expect(errors.some((error) => isStorageError(error, "Unreachable"))).toBe(true);
    const after = collector();
    cache.watch({}, after.listener);
    const c = await write(storage, cache, "c", "v1");
    expect(after.summaries()).toEqual([`ADDED c@${c.modRevision}`]);
  });

  it("stops when the storage closes", async () => {
    const { cache, storage } = await openCache();
    const watcher = cache.watch({}, () => {});
    await storage.close();
    expect((await watcher.done).reason).toBe("closed");
    await expect(cache.list()).rejects.toSatisfy((error: unknown) => isStorageError(error, "Closed"));
  });

  it("stop fails waiting reads with Closed", async () => {
    const { cache } = await openCache({ waitTimeoutMs: 5000 });
    const waiting = cache.list({ revision: cache.revision + 10 });
    await cache.stop();
    await expect(waiting).rejects.toSatisfy((error: unknown) => isStorageError(error, "Closed"));
  });
});

/** Returns a view of `store` without requestProgress, like a backend that cannot request progress notifications. */
function withoutRequestProgress(store: MemoryStorage): Storage {
  return {
    get: (key) => store.get(key),
    list: (prefix, options) => store.list(prefix, options),
    create: (key, value) => store.create(key, value),
    update: (key, value, expectedRevision) => store.update(key, value, expectedRevision),
    guaranteedUpdate: (key, update, options) => store.guaranteedUpdate(key, update, options),
    delete: (key, options) => store.delete(key, options),
    watch: (key, options) => store.watch(key, options),
    count: (prefix) => store.count(prefix),
    compact: (revision) => store.compact(revision),
    currentRevision: () => store.currentRevision(),
    compactedRevision: () => store.compactedRevision(),
    close: () => store.close(),
  };
}

describe("WatchCache without requestProgress", () => {
  it("serves consistent reads from the storage", async () => {
    const storage = withoutRequestProgress(new MemoryStorage({ progressNotifyIntervalMs: 60_000 }));
    const { cache } = await openCache({ waitTimeoutMs: 200 }, storage);
    await storage.create("/registry/services/a", encodePod("a", "web"));
    await storage.create(`${PREFIX}a`, encodePod("a", "web"));
    const page = await cache.list({ consistent: true });
    expect(page.items.map((entry) => entry.object.name)).toEqual(["a"]);
    expect(page.revision).toBe(await storage.currentRevision());
    expect((await cache.get(`${PREFIX}a`, { consistent: true }))?.object.app).toBe("web");
  });
});
