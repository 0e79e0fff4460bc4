import { randomUUID } from "node:crypto";
import { EtcdStorage } from "@apimachinery/storage-etcd";
import { startEtcd } from "@apimachinery/testing";
import { measureOps, type BenchRow, type Suite, type SuiteOptions } from "../harness.js";

const SUITE = "storage-etcd";
const VALUE_BYTES = 1024;
const WATCH_WRITERS = 16;
const WATCH_TIMEOUT_MS = 60_000;

/**
 * Throughput of EtcdStorage against one etcd: sequential creates, updates and gets of
 * 1 KiB values, a 100-key list, creates by 16 concurrent writers, and watch events per
 * second, both live while those writers run and replayed from etcd's history. Uses `$ETCD_ENDPOINTS` or spawns etcd from PATH; without etcd it returns
 * one row whose note explains the skip.
 */
export const storageEtcdSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const etcd = await startEtcd();
    if (etcd === undefined) {
      return [{ suite: SUITE, name: "skipped", value: 0, unit: "ops/s", note: "no etcd: set ETCD_ENDPOINTS or install etcd-server" }];
    }
    const store = new EtcdStorage({ endpoints: etcd.endpoints, prefix: `/apimachinery-bench/${randomUUID()}` });
    try {
      const rows = await measureReadsAndWrites(store, options);
      rows.push(...(await measureWatch(store, options)));
      return rows;
    } finally {
      await deleteAll(store);
      await store.close();
      await etcd.stop();
    }
  },
};

async function measureReadsAndWrites(store: EtcdStorage, options: SuiteOptions): Promise<BenchRow[]> {
  const value = new Uint8Array(VALUE_BYTES).fill(120);
  for (let index = 0; index < 100; index++) await store.create(`/list/${String(index).padStart(3, "0")}`, value);
  const updated = await store.create("/updated", value);
  let revision = updated.modRevision;
  let created = 0;

  return measureOps(
    SUITE,
    [
      { name: "create 1 KiB", fn: async () => store.create(`/created/${created++}`, value) },
      {
        name: "update 1 KiB (compare-and-swap)",
        fn: async () => {
          revision = (await store.update("/updated", value, revision)).modRevision;
        },
      },
      { name: "get 1 KiB", fn: async () => store.get("/updated") },
      { name: "list 100 keys of 1 KiB", fn: async () => store.list("/list/") },
    ],
    options,
  );
}

/**
 * Measures live delivery: events/s from the first write until a watch has delivered every
 * event of 16 concurrent writers, which the write rate bounds. Then measures replay: a
 * second watch from before the writes receives the same events from etcd's history.
 */
async function measureWatch(store: EtcdStorage, options: SuiteOptions): Promise<BenchRow[]> {
  const total = options.quick ? 200 : 4000;
  const value = new Uint8Array(VALUE_BYTES).fill(121);
  const start = await store.currentRevision();
  const started = performance.now();
  const live = countEvents(store, start, total);
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < total) await store.create(`/watched/${next++}`, value);
  };
  await Promise.all(Array.from({ length: WATCH_WRITERS }, writer));
  const liveCount = await live;
  const liveSeconds = (performance.now() - started) / 1000;

  const replayStarted = performance.now();
  const replayCount = await countEvents(store, start, total);
  const replaySeconds = (performance.now() - replayStarted) / 1000;
  return [
    { suite: SUITE, name: `writes with ${WATCH_WRITERS} concurrent writers`, value: total / liveSeconds, unit: "ops/s" },
    { suite: SUITE, name: `watch events delivered live (${WATCH_WRITERS} writers)`, value: liveCount / liveSeconds, unit: "events/s" },
    { suite: SUITE, name: "watch events replayed from history", value: replayCount / replaySeconds, unit: "events/s" },
  ];
}

/** Watches `/watched/` after `fromRevision` until `total` change events arrive, within WATCH_TIMEOUT_MS. */
async function countEvents(store: EtcdStorage, fromRevision: number, total: number): Promise<number> {
  const watch = store.watch("/watched/", { recursive: true, fromRevision });
  const received = (async () => {
    let count = 0;
    for await (const event of watch) {
      if (event.type === "ERROR") throw event.error;
      if (event.type !== "BOOKMARK") count++;
      if (count === total) break;
    }
    return count;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`watch delivered fewer than ${total} events in ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([received, timeout]);
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
}

async function deleteAll(store: EtcdStorage): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const page = await store.list("/", { limit: 500 });
    await Promise.all(page.items.map((item) => store.delete(item.key).catch(() => undefined)));
    if (page.continue === undefined) return;
  }
}
