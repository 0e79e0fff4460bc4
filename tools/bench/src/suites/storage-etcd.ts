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
 * 1 KiB values, a 100-key list, and watch events delivered per second while 16 writers
 * create keys. Uses `$ETCD_ENDPOINTS` or spawns etcd from PATH; without etcd it returns
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
      rows.push(await measureWatch(store, options));
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

/** Measures events/s from the first write until a watch has delivered every event. */
async function measureWatch(store: EtcdStorage, options: SuiteOptions): Promise<BenchRow> {
  const total = options.quick ? 200 : 4000;
  const value = new Uint8Array(VALUE_BYTES).fill(121);
  const watch = store.watch("/watched/", { recursive: true, fromRevision: await store.currentRevision() });
  const started = performance.now();

  const received = (async () => {
    let count = 0;
    for await (const event of watch) {
      if (event.type === "ERROR") throw event.error;
      if (event.type !== "BOOKMARK") count++;
      if (count === total) break;
    }
    return count;
  })();
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < total) await store.create(`/watched/${next++}`, value);
  };
  await Promise.all(Array.from({ length: WATCH_WRITERS }, writer));

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`watch delivered fewer than ${total} events in ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS);
  });
  try {
    const count = await Promise.race([received, timeout]);
    const seconds = (performance.now() - started) / 1000;
    return { suite: SUITE, name: `watch events delivered (${WATCH_WRITERS} writers)`, value: count / seconds, unit: "events/s" };
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
