import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StorageWatchEvent } from "@apimachinery/apiserver";
import type { SqliteStorage } from "../src/index.js";
import { bytes, describeEvents, openStore, takeEvents, tempDatabase, text } from "./helpers.js";
import type { TempDatabase } from "./helpers.js";

let database: TempDatabase;
let store: SqliteStorage;

beforeEach(async () => {
  database = tempDatabase();
  store = await openStore(database.path, { replayPageSize: 3, progressNotifyIntervalMs: 20 });
});

afterEach(async () => {
  await store.close();
  database.remove();
});

function changed(event: StorageWatchEvent | undefined): Extract<StorageWatchEvent, { kv: unknown }> {
  if (event === undefined || event.type === "BOOKMARK" || event.type === "ERROR") throw new Error(`expected a change event, got ${event?.type}`);
  return event;
}

describe("watch", () => {
  it("delivers live events of a prefix in order", async () => {
    const watch = store.watch("/w/", { recursive: true });
    const a = await store.create("/w/a", bytes("1"));
    await store.create("/other", bytes("x"));
    await store.update("/w/a", bytes("2"), a.modRevision);
    await store.delete("/w/a");
    const events = await takeEvents(watch, 3);
    watch.stop();

    expect(describeEvents(events)).toEqual(["ADDED /w/a 2", "MODIFIED /w/a 4", "DELETED /w/a 5"]);
    const modified = changed(events[1]);
    expect(text(modified.kv.value)).toBe("2");
    expect(modified.prev?.modRevision).toBe(2);
    const deleted = changed(events[2]);
    expect(deleted.kv.modRevision).toBe(5);
    expect(text(deleted.kv.value)).toBe("2");
    expect(deleted.prev?.modRevision).toBe(4);
  });

  it("follows one exact key", async () => {
    const watch = store.watch("/w/a");
    await store.create("/w/ab", bytes("no"));
    await store.create("/w/a", bytes("yes"));
    const [event] = await takeEvents(watch, 1);
    watch.stop();
    expect(describeEvents(event === undefined ? [] : [event])).toEqual(["ADDED /w/a 3"]);
  });

  it("replays from a past revision, then goes live", async () => {
    for (let index = 0; index < 10; index++) await store.create(`/w/${index}`, bytes(String(index)));
    const watch = store.watch("/w/", { recursive: true, fromRevision: 3 });
    for (let index = 10; index < 14; index++) await store.create(`/w/${index}`, bytes(String(index)));
    const events = await takeEvents(watch, 12);
    watch.stop();
    expect(events.map((event) => (event.type === "ADDED" ? event.revision : -1))).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("replays the previous value of a modification", async () => {
    const created = await store.create("/w/k", bytes("old"));
    await store.update("/w/k", bytes("new"), created.modRevision);
    const watch = store.watch("/w/k", { fromRevision: created.modRevision });
    const [event] = await takeEvents(watch, 1);
    watch.stop();
    const modified = changed(event);
    expect(modified.type).toBe("MODIFIED");
    expect(text(modified.prev?.value ?? new Uint8Array())).toBe("old");
  });

  it("interleaves replay pages with writes without gaps", async () => {
    for (let index = 0; index < 7; index++) await store.create(`/w/${index}`, bytes("v"));
    const watch = store.watch("/w/", { recursive: true, fromRevision: 2 });
    const iterator = watch[Symbol.asyncIterator]();
    const revisions: number[] = [];
    for (let index = 0; index < 12; index++) {
      await store.create(`/w/late-${index}`, bytes("v"));
      const result = await iterator.next();
      if (result.done === true || !("revision" in result.value)) throw new Error("the watch ended early");
      revisions.push(result.value.revision);
    }
    watch.stop();
    expect(revisions).toEqual(Array.from({ length: 12 }, (_, index) => index + 3));
  });

  it("starts after a future revision", async () => {
    const watch = store.watch("/w/", { recursive: true, fromRevision: 3 });
    await store.create("/w/a", bytes("v"));
    await store.create("/w/b", bytes("v"));
    await store.create("/w/c", bytes("v"));
    const events = await takeEvents(watch, 1);
    watch.stop();
    expect(describeEvents(events)).toEqual(["ADDED /w/c 4"]);
  });

  it("fails below the compacted revision", async () => {
    for (let index = 0; index < 5; index++) await store.guaranteedUpdate("/w/k", () => bytes(String(index)), { allowCreate: true });
    await store.compact(5);
    const watch = store.watch("/w/k", { fromRevision: 3 });
    const events = await takeEvents(watch, 1);
    expect(describeEvents(events)).toEqual(["ERROR Compacted"]);
    expect(await watch[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it("serves a watch from one revision below the compacted one", async () => {
    for (let index = 0; index < 5; index++) await store.guaranteedUpdate("/w/k", () => bytes(String(index)), { allowCreate: true });
    await store.compact(5);
    const watch = store.watch("/w/k", { fromRevision: 4 });
    const events = await takeEvents(watch, 2);
    watch.stop();
    expect(describeEvents(events)).toEqual(["MODIFIED /w/k 5", "MODIFIED /w/k 6"]);
  });

  it("fails a replay that compaction overtakes", async () => {
    for (let index = 0; index < 10; index++) await store.guaranteedUpdate("/w/k", () => bytes(String(index)), { allowCreate: true });
    const watch = store.watch("/w/k", { fromRevision: 2 });
    const first = await takeEvents(watch, 3);
    await store.compact(10);
    const rest = await takeEvents(watch, 1);
    expect(describeEvents(first)).toEqual(["MODIFIED /w/k 3", "MODIFIED /w/k 4", "MODIFIED /w/k 5"]);
    expect(describeEvents(rest)).toEqual(["ERROR Compacted"]);
  });

  it("sends bookmarks while nothing changes", async () => {
    await store.create("/w/a", bytes("v"));
    const watch = store.watch("/w/", { recursive: true, progressNotify: true });
    const events = await takeEvents(watch, 2);
    watch.stop();
    expect(describeEvents(events)).toEqual(["BOOKMARK 2", "BOOKMARK 2"]);
  });

  it("sends a bookmark on request", async () => {
    const slow = await openStore(`${database.path}-slow`, { progressNotifyIntervalMs: 3_600_000 });
    await slow.create("/w/a", bytes("v"));
    const watch = slow.watch("/w/", { recursive: true, progressNotify: true });
    const quiet = slow.watch("/w/", { recursive: true });
    await slow.requestProgress();
    await slow.create("/w/b", bytes("v"));
    const events = await takeEvents(watch, 2);
    const quietEvents = await takeEvents(quiet, 1);
    await slow.close();
    expect(describeEvents(events)).toEqual(["BOOKMARK 2", "ADDED /w/b 3"]);
    expect(describeEvents(quietEvents)).toEqual(["ADDED /w/b 3"]);
  });

  it("ends when stopped", async () => {
    const watch = store.watch("/w/", { recursive: true });
    const pending = watch[Symbol.asyncIterator]().next();
    watch.stop();
    expect(await pending).toEqual({ done: true, value: undefined });
    await store.create("/w/a", bytes("v"));
    expect(await watch[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it("ends a for-await loop on break", async () => {
    const watch = store.watch("/w/", { recursive: true });
    await store.create("/w/a", bytes("v"));
    await store.create("/w/b", bytes("v"));
    const seen: string[] = [];
    for await (const event of watch) {
      seen.push(describeEvents([event])[0] ?? "");
      break;
    }
    expect(seen).toEqual(["ADDED /w/a 2"]);
    expect(await watch[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it("ends running watches when the store closes", async () => {
    const other = await openStore(`${database.path}-closing`);
    const watch = other.watch("/w/", { recursive: true });
    await other.create("/w/a", bytes("v"));
    const pendingAfter = takeEvents(watch, 1);
    await other.close();
    expect(describeEvents(await pendingAfter)).toEqual(["ADDED /w/a 2"]);
    expect(await watch[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
    const late = other.watch("/w/", { recursive: true });
    expect(describeEvents(await takeEvents(late, 1))).toEqual(["ERROR Closed"]);
  });
});
