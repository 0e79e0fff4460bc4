import { afterAll, describe, expect, it } from "vitest";
import { isStorageError, type StorageError, type StorageWatchEvent } from "@apimachinery/apiserver";
import { etcdUnavailable, startEtcd } from "@apimachinery/testing";
import { EtcdStorage } from "../src/index.js";

// A private etcd, even when ETCD_ENDPOINTS names a shared one, because these tests restart it
// and rely on the helper's one-second progress notification interval.
const etcd = await startEtcd({ spawn: true });
if (etcd === undefined) {
  const suite = "storage-etcd private etcd tests";
  // With ETCD_ENDPOINTS set, etcd itself is available and only the binary to restart is missing.
  if (process.env["ETCD_ENDPOINTS"]) console.warn(`SKIPPING ${suite}: they need the etcd binary on PATH to start a private etcd.`);
  else console.warn(etcdUnavailable(suite));
}
afterAll(async () => {
  await etcd?.stop();
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Reads the next event that is not a BOOKMARK, failing after `ms` milliseconds. */
async function nextChange(iterator: AsyncIterator<StorageWatchEvent>, ms = 20_000): Promise<StorageWatchEvent> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms);
  });
  try {
    for (;;) {
      const result = await Promise.race([iterator.next(), timeout]);
      if (result.done) throw new Error("the watch ended");
      if (result.value.type !== "BOOKMARK") return result.value;
    }
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(!etcd)("EtcdStorage across an etcd restart", () => {
  it("watch resumes without gap or duplicate", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix: "/restart-test", requestTimeoutMs: 2000 });
    try {
      const start = await store.currentRevision();
      const watch = store.watch("/w/", { recursive: true, fromRevision: start });
      const iterator = watch[Symbol.asyncIterator]();
      const first = await store.create("/w/a", bytes("1"));
      const seenFirst = await nextChange(iterator);
      expect(seenFirst.type === "ADDED" ? seenFirst.revision : 0).toBe(first.modRevision);

      await etcd!.restart!();
      const second = await store.create("/w/b", bytes("2"));
      const seenSecond = await nextChange(iterator);
      expect(seenSecond.type).toBe("ADDED");
      expect(seenSecond.type === "ADDED" ? seenSecond.kv.key : "").toBe("/w/b");
      expect(seenSecond.type === "ADDED" ? seenSecond.revision : 0).toBe(second.modRevision);
      // A duplicate of b from a second stream would arrive before c.
      const third = await store.create("/w/c", bytes("3"));
      const seenThird = await nextChange(iterator);
      expect(seenThird.type === "ADDED" ? seenThird.revision : 0).toBe(third.modRevision);
      watch.stop();
    } finally {
      await store.close();
    }
  });

  it("reads fail with Unreachable while etcd is down", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix: "/restart-test", requestTimeoutMs: 2000 });
    try {
      await store.create("/down", bytes("1"));
      const restarting = etcd!.restart!();
      // restart() kills etcd before it resolves, so poll until a read fails or etcd is back.
      let failure: unknown;
      for (let attempt = 0; attempt < 100 && failure === undefined; attempt++) {
        failure = await store.get("/down").then(() => undefined, (error: unknown) => error);
        if (failure === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await restarting;
      expect(isStorageError(failure)).toBe(true);
      // A request that was in flight when etcd stopped may run into its deadline instead.
      expect(["Unreachable", "Timeout"]).toContain((failure as StorageError).code);
      expect((await store.get("/down"))?.value).toEqual(bytes("1"));
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!etcd)("EtcdStorage progress notifications", () => {
  it("sends periodic BOOKMARKs without requestProgress", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix: "/progress-test" });
    try {
      const written = await store.create("/quiet/a", bytes("1"));
      const watch = store.watch("/quiet/", { recursive: true, fromRevision: written.modRevision, progressNotify: true });
      const iterator = watch[Symbol.asyncIterator]();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no BOOKMARK within 20000 ms")), 20_000);
      });
      const result = await Promise.race([iterator.next(), timeout]).finally(() => clearTimeout(timer));
      watch.stop();
      expect(result.value?.type).toBe("BOOKMARK");
      expect(result.value?.type === "BOOKMARK" ? result.value.revision : 0).toBeGreaterThanOrEqual(written.modRevision);
    } finally {
      await store.close();
    }
  });

  it("sends no BOOKMARK without progressNotify", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix: "/progress-test" });
    try {
      const start = await store.currentRevision();
      const watch = store.watch("/silent/", { recursive: true, fromRevision: start });
      const iterator = watch[Symbol.asyncIterator]();
      const next = iterator.next();
      // Two notification intervals pass before the write, so a BOOKMARK would come first.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const written = await store.create("/silent/a", bytes("1"));
      const result = await next;
      watch.stop();
      expect(result.value?.type).toBe("ADDED");
      expect(result.value?.type === "ADDED" ? result.value.revision : 0).toBe(written.modRevision);
    } finally {
      await store.close();
    }
  });
});
