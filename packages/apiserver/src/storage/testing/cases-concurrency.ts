/** Conformance cases of writers racing on the same keys. */
import { describe, expect, it } from "vitest";
import { isStorageError } from "../interface.js";
import type { ConformanceContext } from "./conformance.js";
import { EventReader, bytes, text, yieldToEventLoop } from "./support.js";

/** Declares the cases of concurrent writers. */
export function describeConcurrencyCases(context: ConformanceContext): void {
  describe("concurrent writers", () => {
    it("read-modify-write increments lose no update", async () => {
      const writers = context.options.slow ? 20 : 10;
      const increments = 20;
      const store = await context.open();
      const key = `${context.prefix()}counter`;
      const created = await store.create(key, bytes("0"));
      const reader = new EventReader(store.watch(key, { fromRevision: created.modRevision }));
      const writer = async (): Promise<void> => {
        for (let step = 0; step < increments; step++) {
          await store.guaranteedUpdate(key, async (current) => {
            await yieldToEventLoop();
            return bytes(`${Number(text(current)) + 1}`);
          });
        }
      };
      await Promise.all(Array.from({ length: writers }, writer));
      const total = writers * increments;
      expect(text(await store.get(key))).toBe(`${total}`);
      const events = await reader.changes(total);
      expect(events.map((event) => text(event.kv))).toEqual(Array.from({ length: total }, (_, index) => `${index + 1}`));
      expect(events.every((event) => event.type === "MODIFIED")).toBe(true);
      reader.stop();
    });

    it("increments from an absent key with allowCreate", async () => {
      const store = await context.open();
      const key = `${context.prefix()}counter`;
      const writers = 10;
      await Promise.all(
        Array.from({ length: writers }, () =>
          store.guaranteedUpdate(
            key,
            async (current) => {
              await yieldToEventLoop();
              return bytes(`${current === undefined ? 1 : Number(text(current)) + 1}`);
            },
            { allowCreate: true },
          ),
        ),
      );
      expect(text(await store.get(key))).toBe(`${writers}`);
    });

    it("writers on different keys all succeed", async () => {
      const store = await context.open();
      const root = context.prefix();
      const results = await Promise.all(Array.from({ length: 20 }, (_, index) => store.create(`${root}k${index}`, bytes(`${index}`))));
      expect(new Set(results.map((kv) => kv.modRevision)).size).toBe(20);
      expect(await store.count(root)).toBe(20);
    });

    it("a watch orders concurrent writes by revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      const start = await store.currentRevision();
      const reader = new EventReader(store.watch(root, { fromRevision: start, recursive: true }));
      const writer = async (id: number): Promise<number[]> => {
        const revisions: number[] = [];
        let kv = await store.create(`${root}w${id}`, bytes("0"));
        revisions.push(kv.modRevision);
        for (let step = 1; step < 10; step++) {
          kv = await store.update(`${root}w${id}`, bytes(`${step}`), kv.modRevision);
          revisions.push(kv.modRevision);
        }
        return revisions;
      };
      const written = (await Promise.all(Array.from({ length: 5 }, (_, id) => writer(id)))).flat();
      const events = await reader.changes(written.length);
      const seen = events.map((event) => event.revision);
      expect(seen).toEqual([...written].sort((a, b) => a - b));
      for (let id = 0; id < 5; id++) {
        const values = events.filter((event) => event.kv.key === `${root}w${id}`).map((event) => text(event.kv));
        expect(values).toEqual(Array.from({ length: 10 }, (_, step) => `${step}`));
      }
      reader.stop();
    });

    it("only one of racing creates succeeds", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => store.create(key, bytes(`${index}`))));
      const won = results.filter((result) => result.status === "fulfilled");
      const lost = results.filter((result) => result.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.every((result) => isStorageError(result.reason, "KeyExists"))).toBe(true);
    });

    it("only one of racing compare-and-swap updates succeeds", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("0"));
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => store.update(key, bytes(`${index + 1}`), created.modRevision)));
      const won = results.filter((result) => result.status === "fulfilled");
      const lost = results.filter((result) => result.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.every((result) => isStorageError(result.reason, "Conflict"))).toBe(true);
      expect(text(await store.get(key))).toBe(won[0]?.status === "fulfilled" ? text(won[0].value) : undefined);
    });

    it("only one of racing conditional deletes succeeds", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("0"));
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => store.delete(key, { expectedRevision: created.modRevision })));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const lost = results.filter((result) => result.status === "rejected");
      expect(lost.every((result) => isStorageError(result.reason, "KeyNotFound") || isStorageError(result.reason, "Conflict"))).toBe(true);
    });
  });
}
