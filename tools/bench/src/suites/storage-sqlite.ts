import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteStorage } from "@apimachinery/storage-sqlite";
import { measureOps, type BenchRow, type Suite, type SuiteOptions } from "../harness.js";

const SUITE = "storage-sqlite";
const VALUE_BYTES = 1024;
const LIST_KEYS = 1000;
const WATCH_TIMEOUT_MS = 60_000;

/**
 * Throughput of SqliteStorage on a file in the OS temporary directory: creates, updates
 * and gets of 1 KiB values and a list of 1,000 keys, each next to the nearest raw
 * better-sqlite3 operation on a plain table with the same pragmas (WAL, synchronous=FULL,
 * exclusive locking) as its baseline; then watch events delivered per second: live to
 * one watch and to 100, and replayed from the table.
 */
export const storageSqliteSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), "bench-storage-sqlite-"));
    const store = await SqliteStorage.open({ path: join(dir, "store.db"), compactionIntervalMs: 0 });
    const raw = openRaw(join(dir, "raw.db"));
    try {
      const rows = await measureReadsAndWrites(store, raw, options);
      rows.push(await measureLiveWatch(store, options));
      rows.push(await measureFanOut(store, options));
      rows.push(await measureReplay(store));
      return rows;
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Opens the baseline database: one plain table, with the pragmas SqliteStorage sets. */
function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma("busy_timeout = 5000");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE kv (id INTEGER PRIMARY KEY, name TEXT NOT NULL, value BLOB NOT NULL)");
  db.exec("CREATE INDEX kv_name ON kv (name, id)");
  return db;
}

async function measureReadsAndWrites(store: SqliteStorage, raw: Database.Database, options: SuiteOptions): Promise<BenchRow[]> {
  const value = new Uint8Array(VALUE_BYTES).fill(120);
  const rawInsert = raw.prepare<[string, Uint8Array]>("INSERT INTO kv (name, value) VALUES (?, ?)");
  const rawGet = raw.prepare<[string], { value: Buffer }>("SELECT value FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1");
  const rawRange = raw.prepare<[string, string], { name: string; value: Buffer }>(
    "SELECT name, value FROM kv WHERE name >= ? AND name < ? ORDER BY name",
  );
  const insertList = raw.transaction(() => {
    for (let index = 0; index < LIST_KEYS; index++) rawInsert.run(`/list/${String(index).padStart(4, "0")}`, value);
  });
  insertList();
  rawInsert.run("/updated", value);
  for (let index = 0; index < LIST_KEYS; index++) await store.create(`/list/${String(index).padStart(4, "0")}`, value);
  const updated = await store.create("/updated", value);

  let revision = updated.modRevision;
  let created = 0;
  let rawCreated = 0;
  return measureOps(
    SUITE,
    [
      { name: "raw better-sqlite3 insert 1 KiB", fn: () => rawInsert.run(`/raw/${rawCreated++}`, value) },
      { name: "create 1 KiB", fn: async () => store.create(`/created/${created++}`, value), baseline: "raw better-sqlite3 insert 1 KiB" },
      {
        name: "update 1 KiB (compare-and-swap)",
        fn: async () => {
          revision = (await store.update("/updated", value, revision)).modRevision;
        },
        baseline: "raw better-sqlite3 insert 1 KiB",
      },
      { name: "raw better-sqlite3 select 1 KiB by key", fn: () => rawGet.get("/updated") },
      { name: "get 1 KiB", fn: async () => store.get("/updated"), baseline: "raw better-sqlite3 select 1 KiB by key" },
      { name: "raw better-sqlite3 select 1,000 rows by range", fn: () => rawRange.all("/list/", "/list0") },
      { name: "list 1,000 keys of 1 KiB", fn: async () => store.list("/list/"), baseline: "raw better-sqlite3 select 1,000 rows by range" },
    ],
    options,
  );
}

/** Counts change events of `watch` until `total` have arrived; fails after WATCH_TIMEOUT_MS. */
async function countEvents(watch: AsyncIterable<{ type: string; error?: unknown }>, total: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`watch delivered fewer than ${total} events in ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS);
  });
  const received = (async () => {
    let count = 0;
    for await (const event of watch) {
      if (event.type === "ERROR") throw event.error;
      if (event.type !== "BOOKMARK") count++;
      if (count === total) return;
    }
    throw new Error(`the watch ended after ${count} of ${total} events`);
  })();
  try {
    await Promise.race([received, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Measures events/s from the first write until a live watch has delivered every event. */
async function measureLiveWatch(store: SqliteStorage, options: SuiteOptions): Promise<BenchRow> {
  const total = options.quick ? 200 : 4000;
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

/** Measures events/s delivered in total to 100 watches of one prefix while one writer creates keys. */
async function measureFanOut(store: SqliteStorage, options: SuiteOptions): Promise<BenchRow> {
  const watchers = 100;
  const writes = options.quick ? 20 : 500;
  const value = new Uint8Array(VALUE_BYTES).fill(122);
  const watches = Array.from({ length: watchers }, () => store.watch("/fan-out/", { recursive: true }));
  const started = performance.now();
  const received = Promise.all(watches.map((watch) => countEvents(watch, writes)));
  for (let index = 0; index < writes; index++) await store.create(`/fan-out/${index}`, value);
  await received;
  for (const watch of watches) watch.stop();
  const seconds = (performance.now() - started) / 1000;
  return {
    suite: SUITE,
    name: `watch events delivered (${watchers} watchers, one writer)`,
    value: (watchers * writes) / seconds,
    unit: "events/s",
    note: "bounded by the write rate",
  };
}

/** Measures events/s of a watch that replays the live watch's writes from the table. */
async function measureReplay(store: SqliteStorage): Promise<BenchRow> {
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
