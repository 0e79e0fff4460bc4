import { afterEach, beforeEach, describe, expect, it, test } from "vitest";
import { MAX_VALUE_BYTES, isStorageError } from "@apimachinery/apiserver";
import type { SqliteStorage } from "../src/index.js";
import { bytes, openStore, tempDatabase, text } from "./helpers.js";
import type { TempDatabase } from "./helpers.js";

let database: TempDatabase;
let store: SqliteStorage;

beforeEach(async () => {
  database = tempDatabase();
  store = await openStore(database.path);
});

afterEach(async () => {
  await store.close();
  database.remove();
});

describe("writes", () => {
  it("assigns consecutive revisions", async () => {
    // An empty store is at revision 1, as etcd is, so the first write gets 2.
    expect(await store.currentRevision()).toBe(1);
    const created = await store.create("/registry/pods/a", bytes("one"));
    const updated = await store.update("/registry/pods/a", bytes("two"), created.modRevision);
    const deleted = await store.delete("/registry/pods/a");

    expect(created).toMatchObject({ key: "/registry/pods/a", createRevision: 2, modRevision: 2 });
    expect(text(created.value)).toBe("one");
    expect(updated).toMatchObject({ createRevision: 2, modRevision: 3 });
    expect(text(updated.value)).toBe("two");
    expect(text(deleted.value)).toBe("two");
    expect(await store.currentRevision()).toBe(4);
    expect(await store.get("/registry/pods/a")).toBeUndefined();
  });

  it("rejects a create of a present key", async () => {
    await store.create("/k", bytes("v"));
    await expect(store.create("/k", bytes("w"))).rejects.toSatisfy((error) => isStorageError(error, "KeyExists"));
    expect(await store.currentRevision()).toBe(2);
  });

  it("recreates a deleted key with a new createRevision", async () => {
    await store.create("/k", bytes("v"));
    await store.delete("/k");
    const again = await store.create("/k", bytes("w"));
    expect(again).toMatchObject({ createRevision: 4, modRevision: 4 });
  });

  it("rejects an update at a stale revision", async () => {
    const created = await store.create("/k", bytes("v"));
    await store.update("/k", bytes("w"), created.modRevision);
    const failure = store.update("/k", bytes("x"), created.modRevision);
    await expect(failure).rejects.toSatisfy((error) => isStorageError(error, "Conflict") && error.revision === 3);
    expect(text((await store.get("/k"))?.value ?? new Uint8Array())).toBe("w");
  });

  test.each([
    ["update", (s: SqliteStorage) => s.update("/absent", bytes("v"), 1)],
    ["delete", (s: SqliteStorage) => s.delete("/absent")],
  ])("%s of an absent key fails", async (_name, operation) => {
    await expect(operation(store)).rejects.toSatisfy((error) => isStorageError(error, "KeyNotFound"));
    expect(await store.currentRevision()).toBe(1);
  });

  it("checks the delete precondition", async () => {
    const created = await store.create("/k", bytes("v"));
    await expect(store.delete("/k", { expectedRevision: created.modRevision + 5 })).rejects.toSatisfy((error) =>
      isStorageError(error, "Conflict"),
    );
    const deleted = await store.delete("/k", { expectedRevision: created.modRevision });
    expect(deleted.modRevision).toBe(created.modRevision);
  });

  it("stores a value of 1 MiB", async () => {
    const value = new Uint8Array(1024 * 1024).fill(7);
    await store.create("/big", value);
    const read = await store.get("/big");
    expect(read?.value.byteLength).toBe(value.byteLength);
    expect(read?.value[1024 * 1024 - 1]).toBe(7);
  });

  test.each([
    ["create", (s: SqliteStorage, value: Uint8Array) => s.create("/too-large", value)],
    ["update", (s: SqliteStorage, value: Uint8Array) => s.update("/small", value, 2)],
  ])("%s over the size limit fails with TooLarge", async (_name, operation) => {
    await store.create("/small", bytes("v"));
    const value = new Uint8Array(MAX_VALUE_BYTES + 1);
    await expect(operation(store, value)).rejects.toSatisfy((error) => isStorageError(error, "TooLarge"));
    expect(await store.currentRevision()).toBe(2);
  });

  it("stores an empty value", async () => {
    await store.create("/empty", new Uint8Array());
    expect((await store.get("/empty"))?.value.byteLength).toBe(0);
  });

  it("copies the written value", async () => {
    const value = bytes("abc");
    await store.create("/k", value);
    value[0] = 0x7a;
    expect(text((await store.get("/k"))?.value ?? new Uint8Array())).toBe("abc");
  });
});

describe("guaranteedUpdate", () => {
  const increment = (current: { value: Uint8Array } | undefined): Uint8Array =>
    bytes(String(Number(current === undefined ? "0" : text(current.value)) + 1));

  it("ends at the right count under concurrent writers", async () => {
    await store.create("/counter", bytes("0"));
    const writers = Array.from({ length: 8 }, async () => {
      for (let step = 0; step < 20; step++) {
        await store.guaranteedUpdate("/counter", async (current) => {
          await new Promise((resolve) => setImmediate(resolve));
          return increment(current);
        });
      }
    });
    await Promise.all(writers);
    expect(text((await store.get("/counter"))?.value ?? new Uint8Array())).toBe("160");
  });

  it("creates an absent key when allowed", async () => {
    const created = await store.guaranteedUpdate("/new", increment, { allowCreate: true });
    expect(text(created.value)).toBe("1");
    await expect(store.guaranteedUpdate("/other", increment)).rejects.toSatisfy((error) =>
      isStorageError(error, "KeyNotFound"),
    );
  });

  it("leaves the key unchanged when the function returns undefined", async () => {
    const created = await store.create("/k", bytes("v"));
    const result = await store.guaranteedUpdate("/k", () => undefined);
    expect(result.modRevision).toBe(created.modRevision);
    expect(await store.currentRevision()).toBe(2);
  });

  it("checks the expected revision on the first attempt", async () => {
    const created = await store.create("/k", bytes("1"));
    const failure = store.guaranteedUpdate("/k", increment, { expectedRevision: created.modRevision + 1 });
    await expect(failure).rejects.toSatisfy((error) => isStorageError(error, "Conflict"));
    const updated = await store.guaranteedUpdate("/k", increment, { expectedRevision: created.modRevision });
    expect(text(updated.value)).toBe("2");
  });

  it("passes an error of the update function through", async () => {
    await store.create("/k", bytes("1"));
    const failure = store.guaranteedUpdate("/k", () => {
      throw new RangeError("rejected by the caller");
    });
    await expect(failure).rejects.toThrow(RangeError);
  });
});

describe("list and count", () => {
  beforeEach(async () => {
    for (const name of ["a", "b", "c", "d", "e"]) await store.create(`/registry/pods/ns/${name}`, bytes(name));
    await store.create("/registry/pods/nsx/z", bytes("z"));
    await store.create("/registry/podsecurity/x", bytes("x"));
    await store.delete("/registry/pods/ns/c");
  });

  it("lists the live keys under a prefix in key order", async () => {
    const result = await store.list("/registry/pods/ns/");
    expect(result.items.map((item) => item.key)).toEqual([
      "/registry/pods/ns/a",
      "/registry/pods/ns/b",
      "/registry/pods/ns/d",
      "/registry/pods/ns/e",
    ]);
    expect(result.revision).toBe(9);
    expect(result.continue).toBeUndefined();
  });

  it("counts the live keys under a prefix", async () => {
    expect(await store.count("/registry/pods/")).toBe(5);
    expect(await store.count("/registry/pods/ns/")).toBe(4);
    expect(await store.count("")).toBe(6);
    expect(await store.count("/nothing/")).toBe(0);
  });

  it("lists at a past revision", async () => {
    const result = await store.list("/registry/pods/ns/", { revision: 4 });
    expect(result.items.map((item) => item.key)).toEqual(["/registry/pods/ns/a", "/registry/pods/ns/b", "/registry/pods/ns/c"]);
    expect(result.revision).toBe(4);
  });

  it("pages at the revision of the first page", async () => {
    const first = await store.list("/registry/pods/ns/", { limit: 2 });
    expect(first.items.map((item) => item.key)).toEqual(["/registry/pods/ns/a", "/registry/pods/ns/b"]);
    expect(first.remainingItemCount).toBe(2);
    expect(first.continue).toBeDefined();

    await store.delete("/registry/pods/ns/d");
    await store.create("/registry/pods/ns/f", bytes("f"));

    const second = await store.list("/registry/pods/ns/", { limit: 2, continue: first.continue ?? "" });
    expect(second.items.map((item) => item.key)).toEqual(["/registry/pods/ns/d", "/registry/pods/ns/e"]);
    expect(second.revision).toBe(first.revision);
    expect(second.continue).toBeUndefined();
  });

  it("lists everything with an empty prefix", async () => {
    const result = await store.list("");
    expect(result.items).toHaveLength(6);
  });

  it("rejects a malformed continue token", async () => {
    await expect(store.list("/registry/pods/", { continue: "%%%" })).rejects.toSatisfy((error) =>
      isStorageError(error, "InvalidContinue"),
    );
  });

  it("waits for a future revision", async () => {
    const pending = store.list("/registry/pods/ns/", { revision: 10 });
    await store.create("/registry/pods/ns/g", bytes("g"));
    const result = await pending;
    expect(result.revision).toBe(10);
    expect(result.items.map((item) => item.key)).toContain("/registry/pods/ns/g");
  });

  it("times out on a future revision never reached", async () => {
    await expect(store.list("/registry/pods/", { revision: 100 })).rejects.toSatisfy((error) =>
      isStorageError(error, "Timeout"),
    );
  });

  it("orders keys by their UTF-8 bytes", async () => {
    for (const key of ["/u/\u00e9", "/u/z", "/u/\u{1f600}", "/u/\uff21"]) await store.create(key, bytes("v"));
    const result = await store.list("/u/");
    expect(result.items.map((item) => item.key)).toEqual(["/u/z", "/u/\u00e9", "/u/\uff21", "/u/\u{1f600}"]);
    expect((await store.list("/u/\u00e9")).items).toHaveLength(1);
  });
});
