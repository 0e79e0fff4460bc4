import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Etcd3 } from "etcd3";
import { MAX_VALUE_BYTES, isStorageError, type StorageWatchEvent, type Watch } from "@apimachinery/apiserver";
import { isBadRequest } from "@apimachinery/meta";
import { EtcdStorage, progressRequestsAccurate, registryKey } from "../src/index.js";
import { freePort } from "@apimachinery/testing";
import { EtcdTestStores, etcdForTests } from "./harness.js";

const etcd = await etcdForTests("storage-etcd focused tests");
const stores = etcd ? new EtcdTestStores(etcd.endpoints, { progressRequests: true }) : undefined;
afterAll(async () => {
  await stores?.cleanup();
  await etcd?.stop();
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);

async function take(watch: Watch, count: number): Promise<StorageWatchEvent[]> {
  const events: StorageWatchEvent[] = [];
  for await (const event of watch) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

describe.skipIf(!etcd)("EtcdStorage", () => {
  const open: EtcdStorage[] = [];
  const openStore = async (): Promise<EtcdStorage> => {
    const store = await stores!.open();
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  it("stores keys under its prefix", async () => {
    const store = await openStore();
    await store.create("/pods/default/web", bytes("v1"));
    const client = new Etcd3({ hosts: [...etcd!.endpoints] });
    try {
      expect(await client.get(`${store.prefix}/pods/default/web`).string()).toBe("v1");
    } finally {
      client.close();
    }
  });

  it("creates, updates and deletes with revisions", async () => {
    const store = await openStore();
    const created = await store.create("/a", bytes("1"));
    expect(created.createRevision).toBe(created.modRevision);
    const updated = await store.update("/a", bytes("2"), created.modRevision);
    expect(updated.createRevision).toBe(created.createRevision);
    expect(updated.modRevision).toBeGreaterThan(created.modRevision);
    expect(text((await store.get("/a"))!.value)).toBe("2");
    const deleted = await store.delete("/a", { expectedRevision: updated.modRevision });
    expect(text(deleted.value)).toBe("2");
    expect(deleted.modRevision).toBe(updated.modRevision);
    expect(await store.get("/a")).toBeUndefined();
  });

  it("rejects a duplicate create with KeyExists", async () => {
    const store = await openStore();
    await store.create("/dup", bytes("1"));
    const error = await store.create("/dup", bytes("2")).catch((caught: unknown) => caught);
    expect(isStorageError(error, "KeyExists")).toBe(true);
  });

  it("rejects a stale update with Conflict", async () => {
    const store = await openStore();
    const created = await store.create("/c", bytes("1"));
    const current = await store.update("/c", bytes("2"), created.modRevision);
    const error = await store.update("/c", bytes("3"), created.modRevision).catch((caught: unknown) => caught);
    expect(isStorageError(error, "Conflict")).toBe(true);
    expect((error as { revision?: number }).revision).toBe(current.modRevision);
  });

  it("rejects an update of an absent key with KeyNotFound", async () => {
    const store = await openStore();
    const error = await store.update("/absent", bytes("1"), 5).catch((caught: unknown) => caught);
    expect(isStorageError(error, "KeyNotFound")).toBe(true);
    const zero = await store.update("/absent", bytes("1"), 0).catch((caught: unknown) => caught);
    expect(isStorageError(zero, "KeyNotFound")).toBe(true);
  });

  it("rejects a stale conditional delete with Conflict", async () => {
    const store = await openStore();
    const created = await store.create("/d", bytes("1"));
    const error = await store.delete("/d", { expectedRevision: created.modRevision + 1000 }).catch((caught: unknown) => caught);
    expect(isStorageError(error, "Conflict")).toBe(true);
    const missing = await store.delete("/nothing").catch((caught: unknown) => caught);
    expect(isStorageError(missing, "KeyNotFound")).toBe(true);
  });

  it("rejects a value over the limit before sending", async () => {
    const store = await openStore();
    const error = await store.create("/big", new Uint8Array(MAX_VALUE_BYTES + 1)).catch((caught: unknown) => caught);
    expect(isStorageError(error, "TooLarge")).toBe(true);
  });

  it("maps etcd's request-too-large error to TooLarge", async () => {
    const store = await openStore();
    // At the limit the value passes the local check, but the request with its key and
    // framing exceeds etcd's 1.5 MiB --max-request-bytes.
    const error = await store.create("/edge", new Uint8Array(MAX_VALUE_BYTES)).catch((caught: unknown) => caught);
    expect(isStorageError(error, "TooLarge")).toBe(true);
  });

  it("stores a 1 MiB value", async () => {
    const store = await openStore();
    const value = new Uint8Array(1024 * 1024).fill(7);
    await store.create("/mib", value);
    expect((await store.get("/mib"))!.value.byteLength).toBe(value.byteLength);
  });

  it("lists more than gRPC's default 4 MiB", async () => {
    const store = await openStore();
    const value = new Uint8Array(1024 * 1024).fill(3);
    for (let index = 0; index < 6; index++) await store.create(`/huge/${index}`, value);
    const page = await store.list("/huge/");
    expect(page.items).toHaveLength(6);
    expect(page.items.every((item) => item.value.byteLength === value.byteLength)).toBe(true);
  });

  it("writes kube-apiserver's keys under /registry by default", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints });
    open.push(store);
    const name = `web-${Date.now()}`;
    const key = registryKey({ group: "", resource: "services", namespace: "default", name });
    await store.create(key, bytes("svc"));
    const client = new Etcd3({ hosts: [...etcd!.endpoints] });
    try {
      expect(await client.get(`/registry/services/specs/default/${name}`).string()).toBe("svc");
      await client.delete().key(`/registry/services/specs/default/${name}`);
    } finally {
      client.close();
    }
  });

  it("clamps a compaction at a future revision", async () => {
    const store = await openStore();
    const written = await store.create("/compact-future", bytes("1"));
    await store.compact(written.modRevision + 1_000_000);
    const compacted = await store.compactedRevision();
    expect(compacted).toBeGreaterThanOrEqual(written.modRevision);
    expect(compacted).toBeLessThanOrEqual(await store.currentRevision());
    expect(text((await store.get("/compact-future"))!.value)).toBe("1");
  });

  it("paginates at the first page's revision", async () => {
    const store = await openStore();
    for (let index = 0; index < 5; index++) await store.create(`/list/${index}`, bytes(String(index)));
    const first = await store.list("/list/", { limit: 2 });
    expect(first.items.map((item) => item.key)).toEqual(["/list/0", "/list/1"]);
    expect(first.remainingItemCount).toBe(3);
    await store.create("/list/9", bytes("late"));
    const second = await store.list("/list/", { limit: 2, continue: first.continue! });
    expect(second.revision).toBe(first.revision);
    const third = await store.list("/list/", { limit: 2, continue: second.continue! });
    expect(third.items.map((item) => item.key)).toEqual(["/list/4"]);
    expect(third.continue).toBeUndefined();
    expect(await store.count("/list/")).toBe(6);
  });

  it("fails a list below the compacted revision with Compacted", async () => {
    const store = await openStore();
    const first = await store.create("/old", bytes("1"));
    const second = await store.update("/old", bytes("2"), first.modRevision);
    await store.compact(second.modRevision);
    expect(await store.compactedRevision()).toBeGreaterThanOrEqual(second.modRevision);
    const error = await store.list("/", { revision: first.modRevision }).catch((caught: unknown) => caught);
    expect(isStorageError(error, "Compacted")).toBe(true);
    const watchEvents = await take(store.watch("/old", { fromRevision: first.modRevision - 1 }), 1);
    expect(watchEvents[0]?.type).toBe("ERROR");
  });

  it("fails a list at a future revision with Timeout", async () => {
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix: (await openStore()).prefix, futureRevisionWaitMs: 100 });
    open.push(store);
    const current = await store.currentRevision();
    const error = await store.list("/", { revision: current + 1_000_000 }).catch((caught: unknown) => caught);
    expect(isStorageError(error, "Timeout")).toBe(true);
  });

  it("watches with ADDED, MODIFIED and DELETED", async () => {
    const store = await openStore();
    const start = await store.currentRevision();
    const watch = store.watch("/w/", { recursive: true, fromRevision: start });
    const created = await store.create("/w/x", bytes("1"));
    await store.update("/w/x", bytes("2"), created.modRevision);
    await store.delete("/w/x");
    const events = await take(watch, 3);
    expect(events.map((event) => event.type)).toEqual(["ADDED", "MODIFIED", "DELETED"]);
    const deleted = events[2]!;
    if (deleted.type !== "DELETED") throw new Error("expected DELETED");
    expect(text(deleted.kv.value)).toBe("2");
  });

  it("delivers every event to a slow consumer", async () => {
    const prefix = (await openStore()).prefix;
    const store = new EtcdStorage({ endpoints: etcd!.endpoints, prefix, watchPauseEvents: 40 });
    open.push(store);
    const total = 300;
    const start = await store.currentRevision();
    const watch = store.watch("/slow/", { recursive: true, fromRevision: start });
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < total) await store.create(`/slow/${next++}`, bytes("x"));
    };
    // Nothing reads the watch while the writes go on, so it buffers past its pause threshold.
    await Promise.all(Array.from({ length: 16 }, writer));
    const events = await take(watch, total);
    const revisions = events.map((event) => (event.type === "ADDED" ? event.revision : -1));
    expect(revisions.every((revision, index) => revision > (index === 0 ? start : (revisions[index - 1] as number)))).toBe(true);
    expect(new Set(events.map((event) => (event.type === "ADDED" ? event.kv.key : ""))).size).toBe(total);
  });

  it("answers requestProgress with a BOOKMARK", async () => {
    const store = await openStore();
    const written = await store.create("/quiet/a", bytes("1"));
    const watch = store.watch("/quiet/", { recursive: true, progressNotify: true, fromRevision: written.modRevision });
    const iterator = watch[Symbol.asyncIterator]();
    const next = iterator.next();
    let event: StorageWatchEvent | undefined;
    // etcd creates the watch after watch() returns, so the first requests may go unanswered.
    for (let attempt = 0; attempt < 50 && event === undefined; attempt++) {
      await store.requestProgress!();
      event = await Promise.race([next.then((result) => result.value), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200))]);
    }
    watch.stop();
    expect(event?.type).toBe("BOOKMARK");
    if (event?.type === "BOOKMARK") expect(event.revision).toBeGreaterThanOrEqual(written.modRevision);
  });

  it("ignores requestProgress without progressNotify", async () => {
    const store = await openStore();
    const watch = store.watch("/silent/", { recursive: true });
    const iterator = watch[Symbol.asyncIterator]();
    const next = iterator.next();
    for (let attempt = 0; attempt < 5; attempt++) await store.requestProgress!();
    const written = await store.create("/silent/a", bytes("1"));
    const result = await next;
    watch.stop();
    expect(result.value?.type).toBe("ADDED");
    expect(result.value?.type === "ADDED" ? result.value.revision : 0).toBe(written.modRevision);
  });

  it.each<[string, (store: EtcdStorage) => Promise<unknown>]>([
    ["list revision", (store: EtcdStorage) => store.list("/", { revision: 1.5 })],
    ["list revision NaN", (store: EtcdStorage) => store.list("/", { revision: Number.NaN })],
    ["list limit", (store: EtcdStorage) => store.list("/", { limit: 2.5 })],
    ["compact revision", (store: EtcdStorage) => store.compact(Number.POSITIVE_INFINITY)],
    ["watch fromRevision", async (store: EtcdStorage) => store.watch("/", { fromRevision: 0.5 })],
  ])("rejects a non-integer %s", async (_name, operation) => {
    const store = await openStore();
    const error = await Promise.resolve()
      .then((): Promise<unknown> => operation(store))
      .catch((caught: unknown) => caught);
    expect(isBadRequest(error)).toBe(true);
  });

  it("treats a negative list revision and limit as absent", async () => {
    const store = await openStore();
    await store.create("/negative/a", bytes("1"));
    const page = await store.list("/negative/", { revision: -1, limit: -3 });
    expect(page.items).toHaveLength(1);
    expect(page.revision).toBe(await store.currentRevision());
  });

  it("enables requestProgress by the server's version", async () => {
    const detected = new EtcdStorage({ endpoints: etcd!.endpoints });
    const disabled = new EtcdStorage({ endpoints: etcd!.endpoints, progressRequests: false });
    open.push(detected, disabled);
    await detected.ready;
    const client = new Etcd3({ hosts: [...etcd!.endpoints] });
    let version: string;
    try {
      version = (await client.maintenance.status()).version;
    } finally {
      client.close();
    }
    expect(detected.requestProgress !== undefined).toBe(progressRequestsAccurate(version));
    expect(disabled.requestProgress).toBeUndefined();
  });

  it("reports Unreachable when etcd is not there", async () => {
    // A port that was free a moment ago: nothing listens there.
    const store = new EtcdStorage({ endpoints: [`http://127.0.0.1:${await freePort()}`], requestTimeoutMs: 2000 });
    open.push(store);
    const error = await store.get("/x").catch((caught: unknown) => caught);
    expect(isStorageError(error, "Unreachable")).toBe(true);
  });

  it("fails with Closed after close", async () => {
    const store = await openStore();
    await store.close();
    const error = await store.get("/x").catch((caught: unknown) => caught);
    expect(isStorageError(error, "Closed")).toBe(true);
    const [event] = await take(store.watch("/x"), 1);
    expect(event?.type).toBe("ERROR");
    const failure = event?.type === "ERROR" ? event.error : undefined;
    expect(isStorageError(failure, "Closed")).toBe(true);
  });
});
