/** Conformance cases of list, pagination, count and reads at a past revision. */
import { describe, expect, it } from "vitest";
import { isStorageError, type KeyValue, type ListResult, type Storage } from "../interface.js";
import type { ConformanceContext } from "./conformance.js";
import { bytes, rejectionOf, text, withTimeout } from "./support.js";

async function createAll(store: Storage, prefix: string, names: readonly string[]): Promise<KeyValue[]> {
  const created: KeyValue[] = [];
  for (const name of names) created.push(await store.create(`${prefix}${name}`, bytes(`v-${name}`)));
  return created;
}

function keysOf(result: ListResult): string[] {
  return result.items.map((kv) => kv.key);
}

/** Reads every page of a list of `prefix` with page size `limit`; fails after `maxPages`. */
async function listAllPages(store: Storage, prefix: string, limit: number, maxPages = 1000): Promise<ListResult[]> {
  const pages: ListResult[] = [];
  let token: string | undefined;
  do {
    const page = await withTimeout(store.list(prefix, { limit, ...(token ? { continue: token } : {}) }), "a list page");
    pages.push(page);
    token = page.continue;
    if (pages.length > maxPages) throw new Error(`the list of ${prefix} did not end within ${maxPages} pages`);
  } while (token);
  return pages;
}

/** Declares the cases of lists. */
export function describeListCases(context: ConformanceContext): void {
  describe("list", () => {
    it("returns the keys under the prefix in key order", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a/3", "a/1", "ab/1", "a/2", "b/1", "a"]);
      const result = await store.list(`${root}a/`);
      expect(keysOf(result)).toEqual([`${root}a/1`, `${root}a/2`, `${root}a/3`]);
      expect(result.items.map(text)).toEqual(["v-a/1", "v-a/2", "v-a/3"]);
      expect(result.continue).toBeUndefined();
      const everything = await store.list(root);
      expect(keysOf(everything)).toEqual(["a", "a/1", "a/2", "a/3", "ab/1", "b/1"].map((name) => `${root}${name}`));
    });

    it("orders keys by their UTF-8 bytes", async () => {
      const store = await context.open();
      const root = context.prefix();
      // U+FF21 sorts before U+1F600 in UTF-8 bytes, although its UTF-16 code unit is higher.
      const names = ["\u{1F600}", "\uFF21", "z", "Z", "\u00e9"];
      await createAll(store, root, names);
      const expected = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(keysOf(await store.list(root))).toEqual(expected.map((name) => `${root}${name}`));
    });

    it("reports the revision it reflects", async () => {
      const store = await context.open();
      const root = context.prefix();
      const created = await createAll(store, root, ["a", "b"]);
      const result = await store.list(root);
      expect(result.revision).toBeGreaterThanOrEqual((created[1] as KeyValue).modRevision);
      expect(result.revision).toBeLessThanOrEqual(await store.currentRevision());
    });

    it("returns no items for an empty prefix", async () => {
      const store = await context.open();
      const result = await store.list(context.prefix());
      expect(result.items).toEqual([]);
      expect(result.continue).toBeUndefined();
      expect(result.revision).toBeGreaterThan(0);
    });

    it("omits deleted keys", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a", "b", "c"]);
      await store.delete(`${root}b`);
      expect(keysOf(await store.list(root))).toEqual([`${root}a`, `${root}c`]);
    });

    it("reads at an explicit past revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      const [a] = await createAll(store, root, ["a", "b"]);
      const snapshot = await store.list(root);
      await store.update(`${root}a`, bytes("changed"), (a as KeyValue).modRevision);
      await store.delete(`${root}b`);
      await store.create(`${root}c`, bytes("new"));
      const past = await store.list(root, { revision: snapshot.revision });
      expect(past.revision).toBe(snapshot.revision);
      expect(keysOf(past)).toEqual([`${root}a`, `${root}b`]);
      expect(past.items.map(text)).toEqual(["v-a", "v-b"]);
      const latest = await store.list(root);
      expect(keysOf(latest)).toEqual([`${root}a`, `${root}c`]);
      expect(latest.items.map(text)).toEqual(["changed", "new"]);
    });

    it("fails with Timeout at a future revision", async () => {
      const store = await context.open();
      const root = context.prefix();
      const future = (await store.currentRevision()) + 1_000_000;
      const error = await rejectionOf(store.list(root, { revision: future }), "a list at a future revision");
      expect(isStorageError(error, "Timeout"), `expected Timeout, got ${String(error)}`).toBe(true);
    });

    it("count returns the number of keys under a prefix", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a/1", "a/2", "ab", "b/1"]);
      expect(await store.count(`${root}a/`)).toBe(2);
      expect(await store.count(root)).toBe(4);
      expect(await store.count(`${root}none/`)).toBe(0);
      await store.delete(`${root}a/1`);
      expect(await store.count(`${root}a/`)).toBe(1);
    });
  });

  describe("pagination", () => {
    it("pages through every key exactly once", async () => {
      const store = await context.open();
      const root = context.prefix();
      const names = Array.from({ length: context.options.slow ? 103 : 23 }, (_, index) => `k${String(index).padStart(3, "0")}`);
      await createAll(store, root, names);
      const pages = await listAllPages(store, root, 5);
      expect(pages.flatMap(keysOf)).toEqual(names.map((name) => `${root}${name}`));
      expect(pages.slice(0, -1).every((page) => page.items.length === 5)).toBe(true);
      expect(new Set(pages.map((page) => page.revision)).size).toBe(1);
      const first = pages[0] as ListResult;
      if (first.remainingItemCount !== undefined) expect(first.remainingItemCount).toBe(names.length - 5);
    });

    it("no continue token when the limit covers every key", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a", "b", "c"]);
      const exact = await store.list(root, { limit: 3 });
      expect(keysOf(exact)).toHaveLength(3);
      expect(exact.continue).toBeUndefined();
      const larger = await store.list(root, { limit: 10 });
      expect(larger.continue).toBeUndefined();
    });

    it("pages keep the first revision during writes", async () => {
      const store = await context.open();
      const root = context.prefix();
      const names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
      const created = await createAll(store, root, names);
      const first = await store.list(root, { limit: 3 });
      expect(keysOf(first)).toEqual([`${root}a`, `${root}b`, `${root}c`]);
      expect(first.continue).toBeDefined();
      // Change a key on a later page, delete one, add one between, and write past the list.
      await store.update(`${root}e`, bytes("changed"), (created[4] as KeyValue).modRevision);
      await store.delete(`${root}h`);
      await store.create(`${root}d2`, bytes("added"));
      await store.create(`${root}z`, bytes("added"));
      const pages: ListResult[] = [first];
      let token = first.continue;
      while (token) {
        const page = await withTimeout(store.list(root, { limit: 3, continue: token }), "a list page");
        expect(page.revision).toBe(first.revision);
        pages.push(page);
        token = page.continue;
        if (pages.length > 10) throw new Error("the list did not end within 10 pages");
      }
      const items = pages.flatMap((page) => page.items);
      expect(items.map((kv) => kv.key)).toEqual(names.map((name) => `${root}${name}`));
      expect(items.map(text)).toEqual(names.map((name) => `v-${name}`));
      expect(keysOf(await store.list(root))).toContain(`${root}d2`);
    });

    it("pages of an explicit revision stay at it", async () => {
      const store = await context.open();
      const root = context.prefix();
      const created = await createAll(store, root, ["a", "b", "c", "d"]);
      const pinned = await store.currentRevision();
      await store.delete(`${root}b`);
      await store.update(`${root}c`, bytes("changed"), (created[2] as KeyValue).modRevision);
      const first = await store.list(root, { revision: pinned, limit: 2 });
      expect(first.revision).toBe(pinned);
      expect(keysOf(first)).toEqual([`${root}a`, `${root}b`]);
      const second = await store.list(root, { limit: 2, continue: first.continue as string });
      expect(second.revision).toBe(pinned);
      expect(second.items.map(text)).toEqual(["v-c", "v-d"]);
      expect(second.continue).toBeUndefined();
    });

    it("token survives deletion of its key", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a", "b", "c"]);
      const first = await store.list(root, { limit: 1 });
      await store.delete(`${root}a`);
      const second = await store.list(root, { limit: 5, continue: first.continue as string });
      expect(keysOf(second)).toEqual([`${root}b`, `${root}c`]);
    });

    it("a malformed continue token fails with InvalidContinue", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a", "b"]);
      for (const token of ["not base64!", "e30", Buffer.from('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}').toString("base64url")]) {
        const error = await rejectionOf(store.list(root, { limit: 1, continue: token }), `a list continued with ${token}`);
        expect(isStorageError(error, "InvalidContinue"), `expected InvalidContinue for ${token}, got ${String(error)}`).toBe(true);
      }
    });

    it("a continue token cannot climb out of its prefix", async () => {
      const store = await context.open();
      const root = context.prefix();
      await createAll(store, root, ["a/1", "b/1"]);
      const first = await store.list(`${root}a/`, { limit: 1 });
      const token = Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: first.revision, start: "../b/1" })).toString("base64url");
      const error = await rejectionOf(store.list(`${root}a/`, { limit: 1, continue: token }), "a list continued out of its prefix");
      expect(isStorageError(error, "InvalidContinue"), `expected InvalidContinue, got ${String(error)}`).toBe(true);
    });

    it("compacted continue token fails", async () => {
      const store = await context.open();
      const root = context.prefix();
      const created = await createAll(store, root, ["a", "b", "c"]);
      const first = await store.list(root, { limit: 1 });
      await store.update(`${root}a`, bytes("changed"), (created[0] as KeyValue).modRevision);
      await store.update(`${root}b`, bytes("changed"), (created[1] as KeyValue).modRevision);
      await store.compact(await store.currentRevision());
      const error = await rejectionOf(store.list(root, { limit: 1, continue: first.continue as string }), "a list continued after compaction");
      expect(isStorageError(error, "Compacted"), `expected Compacted, got ${String(error)}`).toBe(true);
    });
  });
}
