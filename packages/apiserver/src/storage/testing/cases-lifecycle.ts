/** Conformance cases of restarts, compaction, size limits and closing. */
import { describe, expect, it } from "vitest";
import { storageErrorToStatus } from "../errors.js";
import { MAX_VALUE_BYTES, isStorageError, type KeyValue } from "../interface.js";
import type { ConformanceContext } from "./conformance.js";
import { EventReader, bytes, plain, rejectionOf, text } from "./support.js";

const MIB = 1024 * 1024;

function filled(size: number, seed: number): Uint8Array {
  const value = new Uint8Array(size);
  for (let index = 0; index < size; index++) value[index] = (index * 31 + seed) & 0xff;
  return value;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** Declares the cases of restarts, compaction, size limits and closing. */
export function describeLifecycleCases(context: ConformanceContext): void {
  describe("restart", () => {
    it("keeps the data and the revision", async () => {
      const first = await context.open();
      const root = context.prefix();
      const a = await first.create(`${root}a`, bytes("one"));
      const revision = await first.currentRevision();
      const second = await context.reopen(first);
      expect(plain(await second.get(`${root}a`))).toEqual(plain(a));
      expect(await second.currentRevision()).toBeGreaterThanOrEqual(revision);
      const b = await second.create(`${root}b`, bytes("two"));
      expect(b.modRevision).toBeGreaterThan(revision);
    });

    it("watch resumes without gap or duplicate", async () => {
      const first = await context.open();
      const root = context.prefix();
      const start = await first.currentRevision();
      const reader = new EventReader(first.watch(root, { fromRevision: start, recursive: true }));
      await first.create(`${root}k1`, bytes("1"));
      const k2 = await first.create(`${root}k2`, bytes("2"));
      const seen = await reader.changes(2);
      const lastSeen = (seen[1] as (typeof seen)[number]).revision;
      expect(lastSeen).toBe(k2.modRevision);
      // Written before the restart but never read from the old watch.
      const k3 = await first.create(`${root}k3`, bytes("3"));
      const second = await context.reopen(first);
      await reader.rest();
      const k4 = await second.create(`${root}k4`, bytes("4"));
      const resumed = new EventReader(second.watch(root, { fromRevision: lastSeen, recursive: true }));
      const events = await resumed.changes(2);
      expect(events.map((event) => [event.kv.key, event.revision])).toEqual([
        [`${root}k3`, k3.modRevision],
        [`${root}k4`, k4.modRevision],
      ]);
      const sentinel = await second.create(`${root}sentinel`, bytes("s"));
      expect((await resumed.nextChange("the sentinel event")).revision).toBe(sentinel.modRevision);
      resumed.stop();
    });

    it("keeps the compacted revision", async () => {
      const first = await context.open();
      const root = context.prefix();
      const a = await first.create(`${root}a`, bytes("1"));
      await first.update(`${root}a`, bytes("2"), a.modRevision);
      const target = await first.currentRevision();
      await first.compact(target);
      const second = await context.reopen(first);
      expect(await second.compactedRevision()).toBeGreaterThanOrEqual(target);
      expect(text(await second.get(`${root}a`))).toBe("2");
    });
  });

  describe("compaction", () => {
    it("keeps reads at the compacted revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      let a: KeyValue = await store.create(`${root}a`, bytes("0"));
      for (let index = 1; index <= 5; index++) a = await store.update(`${root}a`, bytes(`${index}`), a.modRevision);
      await store.create(`${root}b`, bytes("b"));
      await store.create(`${root}gone`, bytes("x"));
      await store.delete(`${root}gone`);
      const target = await store.currentRevision();
      await store.update(`${root}a`, bytes("after"), a.modRevision);
      await store.compact(target);
      expect(await store.compactedRevision()).toBe(target);
      expect(text(await store.get(`${root}a`))).toBe("after");
      const atTarget = await store.list(root, { revision: target });
      expect(atTarget.items.map((kv) => [kv.key, text(kv)])).toEqual([
        [`${root}a`, "5"],
        [`${root}b`, "b"],
      ]);
      const latest = await store.list(root);
      expect(latest.items.map(text)).toEqual(["after", "b"]);
      expect(await store.count(root)).toBe(2);
    });

    it("writes keep working after compaction", async () => {
      const store = await context.open();
      const root = context.prefix();
      const a = await store.create(`${root}a`, bytes("0"));
      const b = await store.create(`${root}b`, bytes("0"));
      await store.compact(await store.currentRevision());
      const updated = await store.update(`${root}a`, bytes("1"), a.modRevision);
      expect(updated.createRevision).toBe(a.createRevision);
      expect(text(await store.guaranteedUpdate(`${root}a`, (current) => bytes(`${Number(text(current)) + 1}`)))).toBe("2");
      expect(text(await store.delete(`${root}b`, { expectedRevision: b.modRevision }))).toBe("0");
      expect(await store.get(`${root}b`)).toBeUndefined();
    });

    it("a list below the compacted revision fails with Compacted", async () => {
      const store = await context.open();
      const root = context.prefix();
      const a = await store.create(`${root}a`, bytes("0"));
      const old = a.modRevision;
      await store.update(`${root}a`, bytes("1"), a.modRevision);
      await store.create(`${root}b`, bytes("b"));
      const target = await store.currentRevision();
      await store.compact(target);
      const error = await rejectionOf(store.list(root, { revision: old }), "a list at a compacted revision");
      expect(isStorageError(error, "Compacted"), `expected Compacted, got ${String(error)}`).toBe(true);
      const status = storageErrorToStatus(error, { resource: "pods", name: "" });
      expect(status.code).toBe(410);
      expect(status.reason).toBe("Expired");
      expect(status.message).toMatch(/^too old resource version: /);
    });

    it("a watch below the compacted revision fails with Compacted", async () => {
      const store = await context.open();
      const root = context.prefix();
      const a = await store.create(`${root}a`, bytes("0"));
      let current = a;
      for (let index = 1; index <= 3; index++) current = await store.update(`${root}a`, bytes(`${index}`), current.modRevision);
      const target = await store.currentRevision();
      await store.compact(target);
      const reader = new EventReader(store.watch(root, { fromRevision: a.modRevision - 1, recursive: true }));
      const event = await reader.next("the ERROR event of a compacted watch");
      expect(event.type).toBe("ERROR");
      if (event.type === "ERROR") expect(event.error.code).toBe("Compacted");
      expect(await reader.rest()).toEqual([]);
    });

    it("a watch from the compacted revision replays what follows", async () => {
      const store = await context.open();
      const root = context.prefix();
      const a = await store.create(`${root}a`, bytes("0"));
      const target = await store.currentRevision();
      await store.compact(target);
      const next = await store.update(`${root}a`, bytes("1"), a.modRevision);
      const reader = new EventReader(store.watch(root, { fromRevision: target, recursive: true }));
      const event = await reader.nextChange();
      expect(event.revision).toBe(next.modRevision);
      reader.stop();
    });
  });

  describe("size limits", () => {
    it("stores and reads back a 1 MiB value", async () => {
      const store = await context.open();
      const key = `${context.prefix()}big`;
      const value = filled(MIB, 7);
      const created = await store.create(key, value);
      expect(sameBytes((await store.get(key))?.value, value)).toBe(true);
      const replacement = filled(MIB, 11);
      await store.update(key, replacement, created.modRevision);
      expect(sameBytes((await store.get(key))?.value, replacement)).toBe(true);
    });

    it("rejects a value over the limit with TooLarge", async () => {
      const store = await context.open();
      const root = context.prefix();
      const tooLarge = filled(MAX_VALUE_BYTES + 1, 3);
      const createError = await rejectionOf(store.create(`${root}big`, tooLarge), "a create over the limit");
      expect(isStorageError(createError, "TooLarge"), `expected TooLarge, got ${String(createError)}`).toBe(true);
      expect(await store.get(`${root}big`)).toBeUndefined();
      const small = await store.create(`${root}small`, bytes("x"));
      const updateError = await rejectionOf(store.update(`${root}small`, tooLarge, small.modRevision), "an update over the limit");
      expect(isStorageError(updateError, "TooLarge"), `expected TooLarge, got ${String(updateError)}`).toBe(true);
      const guaranteedError = await rejectionOf(store.guaranteedUpdate(`${root}small`, () => filled(2 * MIB, 5)), "a guaranteed update over the limit");
      expect(isStorageError(guaranteedError, "TooLarge"), `expected TooLarge, got ${String(guaranteedError)}`).toBe(true);
      expect(text(await store.get(`${root}small`))).toBe("x");
      const createByUpdate = await rejectionOf(
        store.guaranteedUpdate(`${root}absent`, () => tooLarge, { allowCreate: true }),
        "a guaranteed update that creates a value over the limit",
      );
      expect(isStorageError(createByUpdate, "TooLarge"), `expected TooLarge, got ${String(createByUpdate)}`).toBe(true);
      expect(await store.get(`${root}absent`)).toBeUndefined();
      const status = storageErrorToStatus(createError, { resource: "configmaps", name: "big" });
      expect(status.code).toBe(413);
      expect(status.reason).toBe("RequestEntityTooLarge");
    });
  });

  describe("closing", () => {
    it("close ends running watches", async () => {
      const store = await context.open();
      const root = context.prefix();
      const reader = new EventReader(store.watch(root, { recursive: true }));
      await store.close();
      const rest = await reader.rest();
      expect(rest.every((event) => event.type === "BOOKMARK" || (event.type === "ERROR" && event.error.code === "Closed"))).toBe(true);
    });

    it("operations after close fail with Closed", async () => {
      const store = await context.open();
      const root = context.prefix();
      await store.close();
      const error = await rejectionOf(store.get(`${root}a`), "a get after close");
      expect(isStorageError(error, "Closed"), `expected Closed, got ${String(error)}`).toBe(true);
    });
  });
}
