import { afterEach, beforeEach, describe, expect, it, test } from "vitest";
import { isStorageError } from "@apimachinery/apiserver";
import type { SqliteStorage } from "../src/index.js";
import { bytes, describeEvents, openStore, takeEvents, tempDatabase } from "./helpers.js";
import type { TempDatabase } from "./helpers.js";

let database: TempDatabase;
let store: SqliteStorage;

beforeEach(async () => {
  database = tempDatabase();
  store = await openStore(database.path, { replayPageSize: 2 });
});

afterEach(async () => {
  await store.close();
  database.remove();
});

describe("key ranges", () => {
  // The last code point of the prefix decides the range's upper bound, including the
  // largest one, U+10FFFF, after which no bound exists.
  test.each([
    ["ASCII prefix", "/a/", ["/a/1", "/a/2"], ["/a", "/a0", "/b/1"]],
    ["prefix ending in U+FFFF", "/p\uffff", ["/p\uffff", "/p\uffffx"], ["/p\ufffe", "/q"]],
    ["prefix ending in U+10FFFF", "/p\u{10ffff}", ["/p\u{10ffff}x"], ["/p\uffff", "/q"]],
    ["prefix of only U+10FFFF", "\u{10ffff}", ["\u{10ffff}", "\u{10ffff}a"], ["\uffff", "/z"]],
  ])("%s lists and watches only its keys", async (_name, prefix, inside, outside) => {
    const watch = store.watch(prefix, { recursive: true, fromRevision: await store.currentRevision() });
    for (const key of [...outside, ...inside]) await store.create(key, bytes("v"));

    const listed = (await store.list(prefix)).items.map((item) => item.key);
    expect(listed).toEqual(inside);
    expect(await store.count(prefix)).toBe(inside.length);
    const watched = await takeEvents(watch, inside.length);
    watch.stop();
    expect(watched.map((event) => (event.type === "ADDED" ? event.kv.key : event.type))).toEqual(inside);
  });

  it("replays every key for an empty prefix", async () => {
    await store.create("/a", bytes("v"));
    await store.create("z", bytes("v"));
    await store.create("\u{10ffff}", bytes("v"));
    const watch = store.watch("", { recursive: true, fromRevision: 1 });
    const events = await takeEvents(watch, 3);
    watch.stop();
    expect(describeEvents(events)).toEqual(["ADDED /a 2", "ADDED z 3", "ADDED \u{10ffff} 4"]);
  });
});

describe("list options", () => {
  beforeEach(async () => {
    for (const name of ["a", "b", "c"]) await store.create(`/l/${name}`, bytes(name));
  });

  test.each([
    ["absent", undefined],
    ["zero", 0],
    ["negative", -5],
  ])("a limit that is %s lists everything", async (_name, limit) => {
    const result = await store.list("/l/", limit === undefined ? {} : { limit });
    expect(result.items).toHaveLength(3);
    expect(result.continue).toBeUndefined();
  });

  test.each([
    ["a fractional limit", { limit: 1.5 }, ["/l/a"]],
    ["an infinite limit", { limit: Number.POSITIVE_INFINITY }, ["/l/a", "/l/b", "/l/c"]],
    ["a NaN limit", { limit: Number.NaN }, ["/l/a", "/l/b", "/l/c"]],
    ["a fractional revision", { revision: 3.7 }, ["/l/a", "/l/b"]],
    ["a NaN revision", { revision: Number.NaN }, ["/l/a", "/l/b", "/l/c"]],
    ["a negative revision", { revision: -3 }, ["/l/a", "/l/b", "/l/c"]],
  ])("a list with %s", async (_name, options, expected) => {
    const result = await store.list("/l/", options);
    expect(result.items.map((item) => item.key)).toEqual(expected);
  });

  it("times out on an infinite revision", async () => {
    await expect(store.list("/l/", { revision: Number.POSITIVE_INFINITY })).rejects.toSatisfy((error) =>
      isStorageError(error, "Timeout"),
    );
  });

  test.each([Number.NaN, Number.NEGATIVE_INFINITY, -1, 2.5])("compact(%s) keeps current values", async (revision) => {
    await store.compact(revision);
    expect(await store.compactedRevision()).toBe(revision === 2.5 ? 2 : 0);
    expect((await store.list("/l/")).items).toHaveLength(3);
  });

  it("ends paging when the last page is exactly full", async () => {
    const first = await store.list("/l/", { limit: 2 });
    const second = await store.list("/l/", { limit: 1, continue: first.continue ?? "" });
    expect(second.items.map((item) => item.key)).toEqual(["/l/c"]);
    expect(second.continue).toBeUndefined();
  });

  it("uses the token's revision over an explicit one", async () => {
    const first = await store.list("/l/", { limit: 1 });
    await store.create("/l/b2", bytes("late"));
    const second = await store.list("/l/", { limit: 10, continue: first.continue ?? "", revision: 999 });
    expect(second.revision).toBe(first.revision);
    expect(second.items.map((item) => item.key)).toEqual(["/l/b", "/l/c"]);
  });

  test.each([
    ["not base64url", "!!"],
    ["not JSON", Buffer.from("rv=3").toString("base64url")],
    ["another version", Buffer.from(JSON.stringify({ v: "v0", rv: 2, start: "a" })).toString("base64url")],
    ["a zero revision", Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: 0, start: "a" })).toString("base64url")],
    ["an empty start", Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: 2, start: "" })).toString("base64url")],
  ])("a continue token that is %s fails", async (_name, token) => {
    await expect(store.list("/l/", { continue: token })).rejects.toSatisfy((error) => isStorageError(error, "InvalidContinue"));
  });
});

describe("compaction under load", () => {
  it("lets writes and reads run between batches", async () => {
    const batched = await openStore(`${database.path}-batched`, { compactionBatchSize: 5 });
    for (let index = 0; index < 60; index++) await batched.guaranteedUpdate("/c/k", () => bytes(String(index)), { allowCreate: true });
    const compacting = batched.compact(await batched.currentRevision());
    const written = await batched.create("/c/during", bytes("v"));
    const listed = await batched.list("/c/");
    await compacting;
    expect(written.modRevision).toBe(62);
    expect(listed.items.map((item) => item.key)).toEqual(["/c/during", "/c/k"]);
    expect((await batched.list("/c/", { revision: 61 })).items.map((item) => item.key)).toEqual(["/c/k"]);
    await batched.close();
  });

  // Closing stops the deletion after its current batch. The compacted revision was
  // recorded first, and the next compaction deletes the rows left over.
  it("stops a compaction cleanly on close", async () => {
    const batched = await openStore(`${database.path}-closing`, { compactionBatchSize: 1 });
    for (let index = 0; index < 20; index++) await batched.guaranteedUpdate("/c/k", () => bytes(String(index)), { allowCreate: true });
    const compacting = batched.compact(await batched.currentRevision());
    await batched.close();
    await compacting;
    const reopened = await openStore(`${database.path}-closing`);
    expect(await reopened.compactedRevision()).toBe(21);
    expect((await reopened.get("/c/k"))?.modRevision).toBe(21);
    await reopened.close();
  });
});

describe("watch replay", () => {
  it("keeps pages in order across many writes to one key", async () => {
    for (let index = 0; index < 25; index++) await store.guaranteedUpdate("/r/k", () => bytes(String(index)), { allowCreate: true });
    await store.create("/r/other", bytes("v"));
    const watch = store.watch("/r/k", { fromRevision: 1 });
    const events = await takeEvents(watch, 25);
    watch.stop();
    expect(events.map((event) => ("revision" in event ? event.revision : 0))).toEqual(Array.from({ length: 25 }, (_, index) => index + 2));
    expect(events[0]?.type).toBe("ADDED");
    expect(new Set(events.slice(1).map((event) => event.type))).toEqual(new Set(["MODIFIED"]));
  });

  it("omits the previous value that compaction removed", async () => {
    const created = await store.create("/r/k", bytes("1"));
    const updated = await store.update("/r/k", bytes("2"), created.modRevision);
    await store.update("/r/k", bytes("3"), updated.modRevision);
    await store.compact(updated.modRevision + 1);
    const watch = store.watch("/r/k", { fromRevision: updated.modRevision });
    const [event] = await takeEvents(watch, 1);
    watch.stop();
    expect(event?.type).toBe("MODIFIED");
    expect(event !== undefined && "prev" in event ? event.prev : undefined).toBeUndefined();
  });
});
