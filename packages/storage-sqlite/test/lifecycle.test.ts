import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isStorageError } from "@apimachinery/apiserver";
import { SqliteStorage } from "../src/index.js";
import { bytes, describeEvents, openStore, takeEvents, tempDatabase, text } from "./helpers.js";
import type { TempDatabase } from "./helpers.js";

let database: TempDatabase;

beforeEach(() => {
  database = tempDatabase();
});

afterEach(() => {
  database.remove();
});

/** Returns the revisions of every row left in the log table of a closed store. */
function storedRevisions(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { id: number }>("SELECT id FROM kv_log ORDER BY id")
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

describe("reopen", () => {
  it("resumes the revision sequence", async () => {
    const first = await openStore(database.path);
    await first.create("/k", bytes("1"));
    await first.guaranteedUpdate("/k", () => bytes("2"));
    await first.close();

    const second = await openStore(database.path);
    expect(await second.currentRevision()).toBe(3);
    expect(text((await second.get("/k"))?.value ?? new Uint8Array())).toBe("2");
    const next = await second.create("/j", bytes("v"));
    expect(next.modRevision).toBe(4);
    await second.close();
  });

  it("never reuses a revision that compaction removed", async () => {
    const first = await openStore(database.path);
    await first.create("/k", bytes("1"));
    await first.delete("/k");
    await first.create("/gone", bytes("v"));
    await first.delete("/gone");
    await first.compact(5);
    await first.compact(6);
    await first.close();
    // The compaction at 6 is clamped to the current revision, 5, whose tombstone stays.
    expect(storedRevisions(database.path)).toEqual([5]);

    const second = await openStore(database.path);
    expect(await second.currentRevision()).toBe(5);
    expect(await second.compactedRevision()).toBe(5);
    expect((await second.create("/k", bytes("2"))).modRevision).toBe(6);
    await second.close();
  });

  it("replays a watch across a restart", async () => {
    const first = await openStore(database.path);
    await first.create("/w/a", bytes("v"));
    await first.create("/w/b", bytes("v"));
    await first.close();

    const second = await openStore(database.path);
    const watch = second.watch("/w/", { recursive: true, fromRevision: 2 });
    await second.create("/w/c", bytes("v"));
    expect(describeEvents(await takeEvents(watch, 2))).toEqual(["ADDED /w/b 3", "ADDED /w/c 4"]);
    await second.close();
  });

  it("rejects a second store on the same file", async () => {
    const owner = await openStore(database.path);
    await expect(openStore(database.path, { busyTimeoutMs: 50 })).rejects.toSatisfy((error) =>
      isStorageError(error, "Unreachable"),
    );
    await owner.close();
    const next = await openStore(database.path);
    await next.close();
  });

  it("rejects a file that is not a database", async () => {
    writeFileSync(database.path, "x".repeat(5000));
    await expect(openStore(database.path)).rejects.toSatisfy(
      (error) => isStorageError(error, "Unreachable") && error.message.includes(database.path),
    );
  });

  it("rejects a path in a missing directory", async () => {
    const path = join(database.path, "missing", "store.db");
    await expect(openStore(path)).rejects.toSatisfy((error) => isStorageError(error, "Unreachable") && error.message.includes(path));
  });

  it("rejects a file of a newer schema version", async () => {
    const first = await openStore(database.path);
    await first.close();
    const db = new Database(database.path);
    db.prepare("UPDATE kv_meta SET value = 99 WHERE key = 'schema_version'").run();
    db.close();
    await expect(openStore(database.path)).rejects.toSatisfy(
      (error) => isStorageError(error, "Unreachable") && error.message.includes("schema version 99"),
    );
  });

  it("opens an in-memory store", async () => {
    const store = await SqliteStorage.open(":memory:");
    await store.create("/k", bytes("v"));
    expect(await store.count("/")).toBe(1);
    await store.close();
  });

  it("fails operations after close", async () => {
    const store = await openStore(database.path);
    await store.close();
    await store.close();
    await expect(store.get("/k")).rejects.toSatisfy((error) => isStorageError(error, "Closed"));
    await expect(store.create("/k", bytes("v"))).rejects.toSatisfy((error) => isStorageError(error, "Closed"));
    await expect(store.currentRevision()).rejects.toSatisfy((error) => isStorageError(error, "Closed"));
  });

  it("fails a list waiting for a revision when the store closes", async () => {
    const store = await openStore(database.path, { futureRevisionWaitMs: 60_000 });
    const pending = store.list("/", { revision: 10 });
    await store.close();
    await expect(pending).rejects.toSatisfy((error) => isStorageError(error, "Closed"));
  });
});

describe("compaction", () => {
  it("keeps what lists at or after the compacted revision read", async () => {
    const store = await openStore(database.path);
    const a = await store.create("/c/a", bytes("a1"));
    await store.update("/c/a", bytes("a2"), a.modRevision);
    await store.create("/c/b", bytes("b1"));
    await store.delete("/c/b");
    await store.create("/c/d", bytes("d1"));
    await store.compact(5);

    expect((await store.list("/c/", { revision: 5 })).items.map((item) => item.key)).toEqual(["/c/a"]);
    expect((await store.list("/c/")).items.map((item) => item.key)).toEqual(["/c/a", "/c/d"]);
    await expect(store.list("/c/", { revision: 4 })).rejects.toSatisfy(
      (error) => isStorageError(error, "Compacted") && error.revision === 5,
    );
    await store.close();
    // Row 2 was replaced by row 3 and row 4 by the tombstone 5, which a watch from 4 still reads.
    expect(storedRevisions(database.path)).toEqual([3, 5, 6]);
  });

  it("fails a continued list whose revision was compacted", async () => {
    const store = await openStore(database.path);
    for (const name of ["a", "b", "c"]) await store.create(`/c/${name}`, bytes(name));
    const first = await store.list("/c/", { limit: 1 });
    await store.guaranteedUpdate("/c/a", () => bytes("changed"));
    await store.compact(await store.currentRevision());
    await expect(store.list("/c/", { limit: 1, continue: first.continue ?? "" })).rejects.toSatisfy((error) =>
      isStorageError(error, "Compacted"),
    );
    await store.close();
  });

  it("clamps a compaction above the current revision", async () => {
    const store = await openStore(database.path);
    await store.create("/c/a", bytes("a"));
    await store.compact(100);
    expect(await store.compactedRevision()).toBe(2);
    await store.compact(0);
    expect(await store.compactedRevision()).toBe(2);
    await store.close();
  });

  it("deletes in several batches", async () => {
    const store = await openStore(database.path, { compactionBatchSize: 7 });
    for (let index = 0; index < 50; index++) await store.guaranteedUpdate("/c/k", () => bytes(String(index)), { allowCreate: true });
    await store.compact(51);
    await store.close();
    expect(storedRevisions(database.path)).toEqual([51]);
  });

  it("runs on its interval and keeps the retained revisions", async () => {
    const store = await openStore(database.path, { compactionIntervalMs: 10, retainRevisions: 5 });
    for (let index = 0; index < 20; index++) await store.guaranteedUpdate("/c/k", () => bytes(String(index)), { allowCreate: true });
    for (let attempt = 0; attempt < 500 && (await store.compactedRevision()) === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await store.compactedRevision()).toBe(16);
    await store.close();
  });
});
