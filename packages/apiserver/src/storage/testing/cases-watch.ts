/** Conformance cases of watches: order, exactly-once delivery, key matching and bookmarks. */
import { describe, expect, it } from "vitest";
import type { Storage, StorageWatchEvent } from "../interface.js";
import type { ConformanceContext } from "./conformance.js";
import { EventReader, bytes, text, warmUp, withTimeout } from "./support.js";

/**
 * Writes a sentinel key and expects it to be the next change, which proves that no event
 * was repeated or delayed before it.
 */
async function expectSentinelNext(store: Storage, reader: EventReader, key: string): Promise<void> {
  const sentinel = await store.create(key, bytes("sentinel"));
  const next = await reader.nextChange("the sentinel event");
  expect(next.kv.key).toBe(key);
  expect(next.revision).toBe(sentinel.modRevision);
}

/** Declares the cases of watches. */
export function describeWatchCases(context: ConformanceContext): void {
  describe("watch", () => {
    it("replays every event after a past revision in order", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      const a1 = await store.create(`${root}a`, bytes("a1"));
      const a2 = await store.update(`${root}a`, bytes("a2"), a1.modRevision);
      const b1 = await store.create(`${root}b`, bytes("b1"));
      await store.delete(`${root}a`);
      const deletedAt = await store.currentRevision();
      const reader = new EventReader(store.watch(root, { fromRevision: start, recursive: true }));
      const events = await reader.changes(4);
      expect(events.map((event) => [event.type, event.kv.key, text(event.kv)])).toEqual([
        ["ADDED", `${root}a`, "a1"],
        ["MODIFIED", `${root}a`, "a2"],
        ["ADDED", `${root}b`, "b1"],
        ["DELETED", `${root}a`, "a2"],
      ]);
      expect(events.map((event) => event.revision)).toEqual([a1.modRevision, a2.modRevision, b1.modRevision, deletedAt]);
      expect(events.map((event) => event.kv.modRevision)).toEqual([a1.modRevision, a2.modRevision, b1.modRevision, deletedAt]);
      expect(events[3]?.kv.createRevision).toBe(a1.createRevision);
      await expectSentinelNext(store, reader, `${root}sentinel`);
      reader.stop();
    });

    it("replays from a middle revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      const written = [];
      for (let index = 0; index < 5; index++) written.push(await store.create(`${root}k${index}`, bytes(`${index}`)));
      const reader = new EventReader(store.watch(root, { fromRevision: written[2]?.modRevision as number, recursive: true }));
      const events = await reader.changes(2);
      expect(events.map((event) => event.kv.key)).toEqual([`${root}k3`, `${root}k4`]);
      await expectSentinelNext(store, reader, `${root}sentinel`);
      reader.stop();
    });

    it("continues live after the replay without a gap", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      await store.create(`${root}before`, bytes("x"));
      const reader = new EventReader(store.watch(root, { fromRevision: start, recursive: true }));
      const writes = [];
      for (let index = 0; index < 20; index++) writes.push(await store.create(`${root}live${index}`, bytes(`${index}`)));
      const events = await reader.changes(21);
      expect(events.map((event) => event.kv.key)).toEqual([`${root}before`, ...writes.map((kv) => kv.key)]);
      expect(events.slice(1).map((event) => event.revision)).toEqual(writes.map((kv) => kv.modRevision));
      await expectSentinelNext(store, reader, `${root}sentinel`);
      reader.stop();
    });

    it("starts at the current revision when fromRevision is 0", async () => {
      const store = await context.open();
      const root = context.prefix();
      await store.create(`${root}before`, bytes("x"));
      const reader = new EventReader(store.watch(root, { recursive: true }));
      await warmUp(store, reader, `${root}warm-up`);
      const after = await store.create(`${root}after`, bytes("y"));
      const next = await reader.nextChange();
      expect(next.kv.key).toBe(`${root}after`);
      expect(next.revision).toBe(after.modRevision);
      reader.stop();
    });

    it("a watch from the current revision replays nothing", async () => {
      const store = await context.open();
      const root = context.prefix();
      await store.create(`${root}before`, bytes("x"));
      const current = await store.currentRevision();
      const reader = new EventReader(store.watch(root, { fromRevision: current, recursive: true }));
      await expectSentinelNext(store, reader, `${root}sentinel`);
      reader.stop();
    });

    it("a watch from a future revision skips earlier events", async () => {
      const store = await context.open();
      const root = context.prefix();
      const from = (await store.currentRevision()) + 2;
      const reader = new EventReader(store.watch(root, { fromRevision: from, recursive: true }));
      const later: number[] = [];
      for (let index = 0; later.length < 2 && index < 100; index++) {
        const kv = await store.create(`${root}k${index}`, bytes(`${index}`));
        if (kv.modRevision > from) later.push(kv.modRevision);
      }
      const events = await reader.changes(2);
      expect(events.map((event) => event.revision)).toEqual(later);
      reader.stop();
    });

    it("an exact-key watch sees the key's creation", async () => {
      const store = await context.open();
      const root = context.prefix();
      const key = `${root}later`;
      const start = await store.currentRevision();
      const reader = new EventReader(store.watch(key, { fromRevision: start }));
      const created = await store.create(key, bytes("now"));
      const event = await reader.nextChange();
      expect(event.type).toBe("ADDED");
      expect(event.revision).toBe(created.modRevision);
      reader.stop();
    });

    it("delivers a long run of events in order", async () => {
      const store = await context.open();
      const root = context.prefix();
      const total = context.options.slow ? 2000 : 300;
      const start = await store.currentRevision();
      const reader = new EventReader(store.watch(root, { fromRevision: start, recursive: true }));
      const revisions: number[] = [];
      let kv = await store.create(`${root}k`, bytes("0"));
      revisions.push(kv.modRevision);
      for (let index = 1; index < total; index++) {
        kv = await store.update(`${root}k`, bytes(`${index}`), kv.modRevision);
        revisions.push(kv.modRevision);
      }
      const events = await reader.changes(total);
      expect(events.map((event) => event.revision)).toEqual(revisions);
      expect(events.map((event) => text(event.kv))).toEqual(revisions.map((_, index) => `${index}`));
      await expectSentinelNext(store, reader, `${root}sentinel`);
      reader.stop();
    });

    it("an exact-key watch ignores keys that share its prefix", async () => {
      const store = await context.open();
      const root = context.prefix();
      const key = `${root}a`;
      const start = await store.currentRevision();
      await store.create(`${key}b`, bytes("sibling"));
      await store.create(`${key}/child`, bytes("child"));
      const created = await store.create(key, bytes("one"));
      await store.update(key, bytes("two"), created.modRevision);
      await store.delete(key);
      const reader = new EventReader(store.watch(key, { fromRevision: start }));
      const events = await reader.changes(3);
      expect(events.map((event) => [event.type, event.kv.key])).toEqual([
        ["ADDED", key],
        ["MODIFIED", key],
        ["DELETED", key],
      ]);
      const again = await store.create(key, bytes("three"));
      const next = await reader.nextChange();
      expect(next.revision).toBe(again.modRevision);
      reader.stop();
    });

    it("a prefix watch ignores other prefixes", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      await store.create(`${root}other/1`, bytes("x"));
      await store.create(`${root}pods-extra/1`, bytes("x"));
      await store.create(`${root}pods/1`, bytes("x"));
      const reader = new EventReader(store.watch(`${root}pods/`, { fromRevision: start, recursive: true }));
      const first = await reader.nextChange();
      expect(first.kv.key).toBe(`${root}pods/1`);
      await expectSentinelNext(store, reader, `${root}pods/sentinel`);
      reader.stop();
    });

    it("DELETED carries the last value and the deletion revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      const key = `${root}a`;
      const created = await store.create(key, bytes("one"));
      const updated = await store.update(key, bytes("last"), created.modRevision);
      const reader = new EventReader(store.watch(key, { fromRevision: updated.modRevision }));
      const returned = await store.delete(key);
      const event = await reader.nextChange();
      expect(event.type).toBe("DELETED");
      expect(text(event.kv)).toBe("last");
      expect(text(returned)).toBe("last");
      expect(event.kv.modRevision).toBe(event.revision);
      expect(event.revision).toBeGreaterThan(updated.modRevision);
      expect(event.kv.createRevision).toBe(created.createRevision);
      reader.stop();
    });

    it("MODIFIED carries the previous value when present", async () => {
      const store = await context.open();
      const root = context.prefix();
      const key = `${root}a`;
      const created = await store.create(key, bytes("one"));
      const reader = new EventReader(store.watch(key, { fromRevision: created.modRevision }));
      await store.update(key, bytes("two"), created.modRevision);
      const event = await reader.nextChange();
      expect(event.type).toBe("MODIFIED");
      expect(text(event.kv)).toBe("two");
      if (event.prev !== undefined) {
        expect(text(event.prev)).toBe("one");
        expect(event.prev.modRevision).toBe(created.modRevision);
      }
      reader.stop();
    });

    it("concurrent watchers see the same stream", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      const readers = Array.from({ length: 5 }, () => new EventReader(store.watch(root, { fromRevision: start, recursive: true })));
      let previous = await store.create(`${root}k`, bytes("0"));
      for (let index = 1; index < 30; index++) previous = await store.update(`${root}k`, bytes(`${index}`), previous.modRevision);
      const streams = await Promise.all(readers.map((reader) => reader.changes(30)));
      const expected = Array.from({ length: 30 }, (_, index) => `${index}`);
      for (const stream of streams) expect(stream.map((event) => text(event.kv))).toEqual(expected);
      for (const reader of readers) reader.stop();
    });

    it("stop ends the iteration", async () => {
      const store = await context.open();
      const root = context.prefix();
      const reader = new EventReader(store.watch(root, { recursive: true }));
      reader.stop();
      const rest = await reader.rest();
      expect(rest.filter((event) => event.type !== "BOOKMARK" && event.type !== "ERROR")).toEqual([]);
    });

    it("breaking out of for-await stops the watch", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      await store.create(`${root}a`, bytes("1"));
      await store.create(`${root}b`, bytes("2"));
      const watch = store.watch(root, { fromRevision: start, recursive: true });
      const consume = async (): Promise<string | undefined> => {
        for await (const event of watch) if (event.type === "ADDED") return event.kv.key;
        return undefined;
      };
      expect(await withTimeout(consume(), "the first event")).toBe(`${root}a`);
    });

    it.skipIf(context.options.progressNotify === false)("progress notification sends a BOOKMARK", async () => {
      const store = await context.open();
      const root = context.prefix();
      const written = await store.create(`${root}a`, bytes("1"));
      const reader = new EventReader(store.watch(root, { fromRevision: written.modRevision, recursive: true, progressNotify: true }));
      let bookmark: StorageWatchEvent | undefined;
      // A backend may establish the watch after watch() returns, so ask again until a BOOKMARK comes.
      for (let attempt = 0; attempt < 50 && bookmark?.type !== "BOOKMARK"; attempt++) {
        await store.requestProgress?.();
        bookmark = await reader.poll(200);
      }
      expect(bookmark?.type).toBe("BOOKMARK");
      if (bookmark?.type === "BOOKMARK") expect(bookmark.revision).toBeGreaterThanOrEqual(written.modRevision);
      reader.stop();
    });
  });
}
