/** Conformance cases of get, create, update, delete and guaranteedUpdate. */
import { describe, expect, it } from "vitest";
import { isStorageError, type KeyValue } from "../interface.js";
import type { ConformanceContext } from "./conformance.js";
import { bytes, plain, rejectionOf, text } from "./support.js";

function expectStorageError(error: unknown, code: string, key: string): void {
  expect(isStorageError(error), `expected a StorageError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as { key: string }).key).toBe(key);
}

/** Declares the cases of single-key reads and writes. */
export function describeCrudCases(context: ConformanceContext): void {
  describe("get and create", () => {
    it("create returns the stored key-value", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const before = await store.currentRevision();
      const kv = await store.create(key, bytes("one"));
      expect(kv.key).toBe(key);
      expect(text(kv)).toBe("one");
      expect(kv.createRevision).toBeGreaterThan(before);
      expect(kv.modRevision).toBe(kv.createRevision);
      expect(await store.currentRevision()).toBeGreaterThanOrEqual(kv.modRevision);
      const read = await store.get(key);
      expect(plain(read)).toEqual(plain(kv));
    });

    it("get of an absent key returns undefined", async () => {
      const store = await context.open();
      expect(await store.get(`${context.prefix()}missing`)).toBeUndefined();
    });

    it("create of a present key fails with KeyExists", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      await store.create(key, bytes("one"));
      expectStorageError(await rejectionOf(store.create(key, bytes("two")), "a second create"), "KeyExists", key);
      expect(text(await store.get(key))).toBe("one");
    });

    it("each write gets a higher revision", async () => {
      const store = await context.open();
      const prefix = context.prefix();
      const revisions: number[] = [];
      for (let index = 0; index < 5; index++) revisions.push((await store.create(`${prefix}k${index}`, bytes(`${index}`))).modRevision);
      for (let index = 1; index < revisions.length; index++) expect(revisions[index]).toBeGreaterThan(revisions[index - 1] as number);
    });

    it("values keep every byte", async () => {
      const store = await context.open();
      const prefix = context.prefix();
      const all = new Uint8Array(256).map((_, index) => index);
      await store.create(`${prefix}binary`, all);
      await store.create(`${prefix}empty`, new Uint8Array(0));
      expect(Array.from((await store.get(`${prefix}binary`))?.value ?? [])).toEqual(Array.from(all));
      expect((await store.get(`${prefix}empty`))?.value.byteLength).toBe(0);
    });

    it("stored values do not alias the caller's buffer", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const value = bytes("abc");
      await store.create(key, value);
      value[0] = 0x7a;
      expect(text(await store.get(key))).toBe("abc");
    });

    it("keys may hold spaces and non-ASCII characters", async () => {
      const store = await context.open();
      const key = `${context.prefix()}ns 1/名前-ä`;
      await store.create(key, bytes("x"));
      expect(text(await store.get(key))).toBe("x");
    });
  });

  describe("update", () => {
    it("replaces the value at the expected revision", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("one"));
      const updated = await store.update(key, bytes("two"), created.modRevision);
      expect(text(updated)).toBe("two");
      expect(updated.createRevision).toBe(created.createRevision);
      expect(updated.modRevision).toBeGreaterThan(created.modRevision);
      expect(plain(await store.get(key))).toEqual(plain(updated));
    });

    it("fails with Conflict on a stale revision", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("one"));
      const updated = await store.update(key, bytes("two"), created.modRevision);
      const error = await rejectionOf(store.update(key, bytes("three"), created.modRevision), "an update at a stale revision");
      expectStorageError(error, "Conflict", key);
      expect(text(await store.get(key))).toBe("two");
      expect((await store.get(key))?.modRevision).toBe(updated.modRevision);
    });

    it("fails with KeyNotFound on an absent key", async () => {
      const store = await context.open();
      const key = `${context.prefix()}missing`;
      expectStorageError(await rejectionOf(store.update(key, bytes("x"), 1), "an update of an absent key"), "KeyNotFound", key);
      expect(await store.get(key)).toBeUndefined();
    });
  });

  describe("delete", () => {
    it("returns the last value and removes the key", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("one"));
      const deleted = await store.delete(key);
      expect(text(deleted)).toBe("one");
      expect(deleted.key).toBe(key);
      expect(deleted.createRevision).toBe(created.createRevision);
      expect(await store.get(key)).toBeUndefined();
      expect(await store.currentRevision()).toBeGreaterThan(created.modRevision);
    });

    it("fails with KeyNotFound on an absent key", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      await store.create(key, bytes("one"));
      await store.delete(key);
      expectStorageError(await rejectionOf(store.delete(key), "a second delete"), "KeyNotFound", key);
    });

    it("checks the revision precondition", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("one"));
      const updated = await store.update(key, bytes("two"), created.modRevision);
      const error = await rejectionOf(store.delete(key, { expectedRevision: created.modRevision }), "a delete at a stale revision");
      expectStorageError(error, "Conflict", key);
      expect(text(await store.get(key))).toBe("two");
      const deleted = await store.delete(key, { expectedRevision: updated.modRevision });
      expect(text(deleted)).toBe("two");
    });

    it("a re-created key gets a new create revision", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const first = await store.create(key, bytes("one"));
      await store.delete(key);
      const second = await store.create(key, bytes("two"));
      expect(second.createRevision).toBeGreaterThan(first.createRevision);
      expect(second.modRevision).toBe(second.createRevision);
    });
  });

  describe("guaranteedUpdate", () => {
    it("passes the current value and writes the result", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("1"));
      const seen: (KeyValue | undefined)[] = [];
      const updated = await store.guaranteedUpdate(key, (current) => {
        seen.push(current);
        return bytes(`${Number(text(current)) + 1}`);
      });
      expect(seen.map(plain)).toEqual([plain(created)]);
      expect(text(updated)).toBe("2");
      expect(updated.modRevision).toBeGreaterThan(created.modRevision);
      expect(updated.createRevision).toBe(created.createRevision);
    });

    it("fails with KeyNotFound on an absent key unless allowCreate", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      let calls = 0;
      const error = await rejectionOf(
        store.guaranteedUpdate(key, () => {
          calls++;
          return bytes("x");
        }),
        "a guaranteed update of an absent key",
      );
      expectStorageError(error, "KeyNotFound", key);
      expect(calls).toBe(0);
      const created = await store.guaranteedUpdate(key, (current) => (current === undefined ? bytes("new") : undefined), { allowCreate: true });
      expect(text(created)).toBe("new");
      expect(created.createRevision).toBe(created.modRevision);
    });

    it("leaves the key unchanged when the function returns undefined", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("1"));
      const result = await store.guaranteedUpdate(key, () => undefined);
      expect(plain(result)).toEqual(plain(created));
      expect(plain(await store.get(key))).toEqual(plain(created));
    });

    it("skips the write when the bytes do not change", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("same"));
      const result = await store.guaranteedUpdate(key, () => bytes("same"));
      expect(result.modRevision).toBe(created.modRevision);
      expect((await store.get(key))?.modRevision).toBe(created.modRevision);
    });

    it("aborts with the error the function throws", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      await store.create(key, bytes("1"));
      const failure = new Error("rejected by the update function");
      const error = await rejectionOf(
        store.guaranteedUpdate(key, () => {
          throw failure;
        }),
        "a failing guaranteed update",
      );
      expect(error).toBe(failure);
      expect(text(await store.get(key))).toBe("1");
    });

    it("checks expectedRevision before the first attempt", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      const created = await store.create(key, bytes("1"));
      await store.update(key, bytes("2"), created.modRevision);
      const error = await rejectionOf(
        store.guaranteedUpdate(key, () => bytes("3"), { expectedRevision: created.modRevision }),
        "a guaranteed update at a stale revision",
      );
      expectStorageError(error, "Conflict", key);
      expect(text(await store.get(key))).toBe("2");
    });

    it("retries when another writer wins the race", async () => {
      const store = await context.open();
      const key = `${context.prefix()}a`;
      await store.create(key, bytes("0"));
      let calls = 0;
      const result = await store.guaranteedUpdate(key, async (current) => {
        calls++;
        if (calls === 1) {
          const other = current as KeyValue;
          await store.update(key, bytes("10"), other.modRevision);
        }
        return bytes(`${Number(text(current)) + 1}`);
      });
      expect(calls).toBe(2);
      expect(text(result)).toBe("11");
    });
  });
}
