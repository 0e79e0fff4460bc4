import { MemoryStorage, WatchCache, type KeyValue, type Watch } from "@apimachinery/apiserver";
import { measureOps, type BenchRow, type Suite, type SuiteOptions } from "../harness.js";

const SUITE = "storage-memory";
const VALUE_BYTES = 1024;
const LIST_KEYS = 1000;
const CACHE_WATCHERS = 100;
const WATCH_TIMEOUT_MS = 60_000;

/**
 * Throughput of MemoryStorage: creates, updates, guaranteed updates and gets of 1 KiB
 * values, a list of 1,000 keys, and watch events delivered per second, live and replayed.
 * For the WatchCache in front of it, the suite measures a list of the same 1,000 keys (with
 * the storage list as its baseline) and events fanned out to 100 callback watchers.
 */
export const storageMemorySuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const store = new MemoryStorage();
    try {
      const rows = await measureReadsAndWrites(store, options);
      rows.push(await measureLiveWatch(store, options));
      rows.push(await measureReplay(store));
      rows.push(...(await measureCache(store, options)));
      return rows;
    } finally {
      await store.close();
    }
  },
};

async function measureReadsAndWrites(store: MemoryStorage, options: SuiteOptions): Promise<BenchRow[]> {
  const value = new Uint8Array(VALUE_BYTES).fill(120);
  for (let index = 0; index < LIST_KEYS; index++) await store.create(`/list/${String(index).padStart(4, "0")}`, value);
  let updated = await store.create("/updated", value);
  await store.create("/counter", new TextEncoder().encode("0"));
  let created = 0;
  return measureOps(
    SUITE,
    [
      { name: "create", fn: () => store.create(`/created/${created++}`, value) },
      {
        name: "update",
        fn: async () => {
          updated = await store.update("/updated", value, updated.modRevision);
        },
      },
      { name: "guaranteedUpdate (counter)", fn: () => store.guaranteedUpdate("/counter", (current) => increment(current)) },
      { name: "get", fn: () => store.get("/updated") },
      { name: `list ${LIST_KEYS} keys`, fn: () => store.list("/list/") },
    ],
    options,
  );
}

function increment(current: KeyValue | undefined): Uint8Array {
  const count = Number(new TextDecoder().decode(current?.value ?? new Uint8Array()));
  return new TextEncoder().encode(String(count + 1));
}

async function measureLiveWatch(store: MemoryStorage, options: SuiteOptions): Promise<BenchRow> {
  const total = options.quick ? 500 : 20_000;
  const value = new Uint8Array(VALUE_BYTES).fill(121);
  const watch = store.watch("/watched/", { recursive: true });
  const started = performance.now();
  const received = countEvents(watch, total);
  for (let index = 0; index < total; index++) await store.create(`/watched/${index}`, value);
  await received;
  watch.stop();
  const seconds = (performance.now() - started) / 1000;
  return { suite: SUITE, name: "watch events delivered (live, one writer)", value: total / seconds, unit: "events/s", note: "bounded by the write rate" };
}

async function measureReplay(store: MemoryStorage): Promise<BenchRow> {
  const first = await store.list("/watched/", { limit: 1 });
  const from = Math.min(...first.items.map((item) => item.modRevision)) - 1;
  const total = await store.count("/watched/");
  const watch = store.watch("/watched/", { recursive: true, fromRevision: from });
  const started = performance.now();
  await countEvents(watch, total);
  watch.stop();
  const seconds = (performance.now() - started) / 1000;
  return { suite: SUITE, name: `watch events delivered (replay of ${total})`, value: total / seconds, unit: "events/s" };
}

async function measureCache(store: MemoryStorage, options: SuiteOptions): Promise<BenchRow[]> {
  const cache = new WatchCache<KeyValue>(store, { prefix: "/list/", decode: (kv) => kv, bookmarkIntervalMs: 0 });
  await cache.start();
  try {
    const lists = await measureOps(
      SUITE,
      [
        { name: `storage list ${LIST_KEYS} keys (baseline)`, fn: () => store.list("/list/") },
        { name: `watch cache list ${LIST_KEYS} keys`, fn: () => cache.list(), baseline: `storage list ${LIST_KEYS} keys (baseline)` },
      ],
      options,
    );
    return [...lists, await measureFanOut(store, cache, options)];
  } finally {
    await cache.stop();
  }
}

/** Measures events/s delivered to CACHE_WATCHERS callback watchers of one cache, each event encoded once. */
async function measureFanOut(store: MemoryStorage, cache: WatchCache<KeyValue>, options: SuiteOptions): Promise<BenchRow> {
  const writes = options.quick ? 100 : 2000;
  const value = new Uint8Array(VALUE_BYTES).fill(122);
  let delivered = 0;
  let encodes = 0;
  const watchers = Array.from({ length: CACHE_WATCHERS }, () =>
    cache.watch({}, (event) => {
      if (event.type === "ERROR") return;
      event.encoded("bench", () => {
        encodes++;
        return value;
      });
      delivered++;
    }),
  );
  const started = performance.now();
  let last: KeyValue | undefined;
  for (let index = 0; index < writes; index++) last = await store.create(`/list/fan-out/${index}`, value);
  await cache.waitForRevision(last?.modRevision ?? 0, WATCH_TIMEOUT_MS);
  const seconds = (performance.now() - started) / 1000;
  for (const watcher of watchers) watcher.stop();
  const note = `${writes} writes, ${encodes} encodes shared by ${CACHE_WATCHERS} watchers`;
  return { suite: SUITE, name: `watch cache events delivered (${CACHE_WATCHERS} watchers)`, value: delivered / seconds, unit: "events/s", note };
}

/** Resolves once `watch` has delivered `total` change events; rejects after WATCH_TIMEOUT_MS. */
async function countEvents(watch: Watch, total: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WATCH_TIMEOUT_MS} ms waiting for ${total} watch events`)), WATCH_TIMEOUT_MS);
  });
  const count = (async () => {
    let seen = 0;
    for await (const event of watch) {
      if (event.type === "ERROR") throw event.error;
      if (event.type !== "BOOKMARK" && ++seen >= total) return;
    }
    throw new Error(`the watch ended after ${seen} of ${total} events`);
  })();
  try {
    await Promise.race([count, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
