import { describe, expect, it, test } from "vitest";
import { EventRing, MemoryStorage, compareKeys, createMemoryState, isStorageError, type StorageWatchEvent } from "@apimachinery/apiserver";

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

async function nextEvent(iterator: AsyncIterator<StorageWatchEvent>): Promise<StorageWatchEvent | undefined> {
  const result = await iterator.next();
  return result.done ? undefined : result.value;
}

describe("MemoryStorage", () => {
  it("starts at revision 1 like etcd", async () => {
    const store = new MemoryStorage();
    expect(await store.currentRevision()).toBe(1);
    expect(await store.compactedRevision()).toBe(0);
    expect((await store.create("/a", text("x"))).modRevision).toBe(2);
  });

  it("gives consecutive revisions to writes", async () => {
    const store = new MemoryStorage();
    const created = await store.create("/a", text("1"));
    const updated = await store.update("/a", text("2"), created.modRevision);
    await store.delete("/a");
    expect([created.modRevision, updated.modRevision, await store.currentRevision()]).toEqual([2, 3, 4]);
  });

  it("ignores compaction at or below the compacted revision", async () => {
    const store = new MemoryStorage();
    for (let index = 0; index < 4; index++) await store.guaranteedUpdate("/a", () => text(`${index}`), { allowCreate: true });
    await store.compact(4);
    await store.compact(2);
    expect(await store.compactedRevision()).toBe(4);
  });

  it("clamps compaction to the current revision", async () => {
    const store = new MemoryStorage();
    await store.create("/a", text("1"));
    await store.compact(100);
    expect(await store.compactedRevision()).toBe(2);
    expect(await store.count("/")).toBe(1);
  });

  it("drops deleted keys and old versions on compaction", async () => {
    const store = new MemoryStorage();
    const a = await store.create("/a", text("1"));
    await store.update("/a", text("2"), a.modRevision);
    await store.create("/b", text("1"));
    await store.delete("/b");
    await store.create("/c", text("1"));
    await store.compact(await store.currentRevision());
    expect(store.state.keys).toEqual(["/a", "/c"]);
    expect(store.state.versions.get("/a")?.map((version) => version.revision)).toEqual([3]);
    expect(store.state.events).toEqual([expect.objectContaining({ type: "ADDED", revision: 6 })]);
  });

  it("reopens its state with the same data and watches", async () => {
    const state = createMemoryState();
    const first = new MemoryStorage({ state });
    await first.create("/a", text("1"));
    await first.close();
    const second = new MemoryStorage({ state });
    expect(new TextDecoder().decode((await second.get("/a"))?.value)).toBe("1");
    const iterator = second.watch("/", { recursive: true, fromRevision: 1 })[Symbol.asyncIterator]();
    expect((await nextEvent(iterator))?.type).toBe("ADDED");
    await second.close();
  });

  it("sends periodic bookmarks to progress-notify watches", async () => {
    const store = new MemoryStorage({ progressNotifyIntervalMs: 10 });
    await store.create("/a", text("1"));
    const plain = store.watch("/", { recursive: true });
    const notified = store.watch("/", { recursive: true, progressNotify: true });
    const event = await nextEvent(notified[Symbol.asyncIterator]());
    expect(event).toEqual({ type: "BOOKMARK", revision: 2 });
    plain.stop();
    await store.close();
  });

  it("requestProgress sends a bookmark at once", async () => {
    const store = new MemoryStorage({ progressNotifyIntervalMs: 60_000 });
    const watch = store.watch("/", { recursive: true, progressNotify: true });
    await store.requestProgress();
    expect(await nextEvent(watch[Symbol.asyncIterator]())).toEqual({ type: "BOOKMARK", revision: 1 });
    await store.close();
  });

  it("a list waits briefly for a future revision", async () => {
    const store = new MemoryStorage({ futureRevisionTimeoutMs: 5000 });
    const pending = store.list("/", { revision: 2 });
    await store.create("/a", text("1"));
    expect((await pending).items.map((kv) => kv.key)).toEqual(["/a"]);
  });

  it("a waiting list fails with Closed on close", async () => {
    const store = new MemoryStorage({ futureRevisionTimeoutMs: 5000 });
    const pending = store.list("/", { revision: 10 });
    await store.close();
    await expect(pending).rejects.toSatisfy((error: unknown) => isStorageError(error, "Closed"));
  });

  it("a watch after close fails with Closed", async () => {
    const store = new MemoryStorage();
    await store.close();
    const event = await nextEvent(store.watch("/")[Symbol.asyncIterator]());
    expect(event?.type === "ERROR" && event.error.code).toBe("Closed");
  });

  it("watch from compacted minus one works", async () => {
    const store = new MemoryStorage();
    const a = await store.create("/a", text("1"));
    const b = await store.update("/a", text("2"), a.modRevision);
    await store.compact(b.modRevision);
    const iterator = store.watch("/a", { fromRevision: a.modRevision })[Symbol.asyncIterator]();
    expect((await nextEvent(iterator))?.type).toBe("MODIFIED");
    await store.close();
  });
});

describe("compareKeys", () => {
  test.each([
    ["a", "b", -1],
    ["a", "a", 0],
    ["a", "ab", -1],
    ["b", "ab", 1],
    ["\uFF21", "\u{1F600}", -1],
    ["\u{1F600}", "\uFF21", 1],
    ["\u{1F600}", "\u{1F601}", -1],
    ["\u00e9", "z", 1],
  ])("orders %j and %j as UTF-8 bytes", (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b))).toBe(sign);
    expect(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)))).toBe(sign);
  });
});

describe("EventRing", () => {
  it("evicts the oldest item when full", () => {
    const ring = new EventRing<{ revision: number }>(3);
    expect([1, 2, 3].map((revision) => ring.push({ revision }))).toEqual([undefined, undefined, undefined]);
    expect(ring.push({ revision: 4 })).toEqual({ revision: 1 });
    expect(ring.size).toBe(3);
    expect([0, 1, 2].map((index) => ring.at(index).revision)).toEqual([2, 3, 4]);
  });

  it("finds the first item after a revision", () => {
    const ring = new EventRing<{ revision: number }>(4);
    for (const revision of [5, 7, 9, 11, 13]) ring.push({ revision });
    expect(ring.firstAfter(0)).toBe(0);
    expect(ring.firstAfter(6)).toBe(0);
    expect(ring.firstAfter(7)).toBe(1);
    expect(ring.firstAfter(8)).toBe(1);
    expect(ring.firstAfter(13)).toBe(4);
  });

  it("rejects an invalid capacity and index", () => {
    expect(() => new EventRing(0)).toThrow(RangeError);
    const ring = new EventRing<{ revision: number }>(2);
    expect(() => ring.at(0)).toThrow(RangeError);
  });

  it("clear empties the ring", () => {
    const ring = new EventRing<{ revision: number }>(2);
    ring.push({ revision: 1 });
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.firstAfter(0)).toBe(0);
  });
});
