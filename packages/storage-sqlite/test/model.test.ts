import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStorage, type Storage, type StorageWatchEvent } from "@apimachinery/apiserver";
import { SqliteStorage } from "../src/index.js";
import { bytes, tempDatabase, text } from "./helpers.js";

/** One operation of a generated history. */
type Operation =
  | { readonly kind: "create"; readonly key: string; readonly value: string }
  | { readonly kind: "update"; readonly key: string; readonly value: string; readonly stale: boolean }
  | { readonly kind: "delete"; readonly key: string; readonly stale: boolean }
  | { readonly kind: "guaranteedUpdate"; readonly key: string; readonly value: string }
  | { readonly kind: "compact"; readonly back: number };

const keys = fc.constantFrom("/m/a", "/m/b", "/m/c", "/m/b/x", "/n/a");
const values = fc.string({ maxLength: 6 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), key: keys, value: values }),
  fc.record({ kind: fc.constant("update" as const), key: keys, value: values, stale: fc.boolean() }),
  fc.record({ kind: fc.constant("delete" as const), key: keys, stale: fc.boolean() }),
  fc.record({ kind: fc.constant("guaranteedUpdate" as const), key: keys, value: values }),
  fc.record({ kind: fc.constant("compact" as const), back: fc.integer({ min: 0, max: 6 }) }),
);

/** Runs `op` and returns its outcome as plain data: the key-value written, or the error code. */
async function apply(store: Storage, op: Operation): Promise<unknown> {
  try {
    switch (op.kind) {
      case "create":
        return plain(await store.create(op.key, bytes(op.value)));
      case "update": {
        const current = await store.get(op.key);
        const expected = (current?.modRevision ?? 1) - (op.stale ? 1 : 0);
        return plain(await store.update(op.key, bytes(op.value), expected));
      }
      case "delete": {
        const current = await store.get(op.key);
        const expected = op.stale ? (current?.modRevision ?? 1) - 1 : undefined;
        return plain(await store.delete(op.key, expected === undefined ? {} : { expectedRevision: expected }));
      }
      case "guaranteedUpdate":
        return plain(await store.guaranteedUpdate(op.key, (current) => bytes(`${current === undefined ? "" : text(current.value)}${op.value}`), { allowCreate: true }));
      case "compact":
        await store.compact((await store.currentRevision()) - op.back);
        return await store.compactedRevision();
    }
  } catch (error) {
    return { error: error instanceof Error && "code" in error ? error.code : String(error) };
  }
}

function plain(kv: { key: string; value: Uint8Array; createRevision: number; modRevision: number } | undefined): unknown {
  return kv === undefined ? undefined : { key: kv.key, value: text(kv.value), createRevision: kv.createRevision, modRevision: kv.modRevision };
}

function plainEvent(event: StorageWatchEvent): unknown {
  if (event.type === "BOOKMARK") return { type: event.type, revision: event.revision };
  if (event.type === "ERROR") return { type: event.type, code: event.error.code };
  return { type: event.type, kv: plain(event.kv), revision: event.revision };
}

/** Returns every list of each prefix at every readable revision, as plain data. */
async function snapshots(store: Storage): Promise<unknown[]> {
  const out: unknown[] = [];
  const current = await store.currentRevision();
  const compacted = await store.compactedRevision();
  for (let revision = Math.max(compacted, 1); revision <= current; revision++) {
    for (const prefix of ["/m/", "/m/b", "/"]) {
      const result = await store.list(prefix, { revision });
      out.push({ prefix, revision, items: result.items.map(plain) });
    }
  }
  return out;
}

/**
 * Returns the events a watch from `from` replays, as plain data. Both stores hand out a
 * queued or replayed event from `next` without waiting for I/O, so a read still pending
 * when the event loop reaches its check phase (setImmediate) means the replay is over.
 */
async function replay(store: Storage, key: string, recursive: boolean, from: number): Promise<unknown[]> {
  const watch = store.watch(key, { recursive, fromRevision: from });
  const iterator = watch[Symbol.asyncIterator]();
  const events: unknown[] = [];
  for (let index = 0; index < 1000; index++) {
    const idle = new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined)));
    const result = await Promise.race([iterator.next(), idle]);
    if (result === undefined || result.done === true) break;
    events.push(plainEvent(result.value));
  }
  watch.stop();
  return events;
}

/** Checks that `sqlite` and `memory` list and replay the same data after their histories. */
async function expectSameData(sqlite: Storage, memory: Storage): Promise<void> {
  // A write after the history, so replays from the compacted revision have an event to deliver.
  expect(plain(await sqlite.create("/sentinel", bytes("end")))).toEqual(plain(await memory.create("/sentinel", bytes("end"))));
  expect(await snapshots(sqlite)).toEqual(await snapshots(memory));
  const compacted = await memory.compactedRevision();
  for (const from of [Math.max(compacted - 1, 1), compacted - 2, 1]) {
    if (from < 1) continue;
    for (const [key, recursive] of [["/", true], ["/m/b", false], ["/m/", true]] as const) {
      const fromSqlite = await replay(sqlite, key, recursive, from);
      expect(fromSqlite).toEqual(await replay(memory, key, recursive, from));
    }
  }
}

describe("model", () => {
  it("behaves as MemoryStorage on generated histories", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 30 }), async (operations) => {
        const memory = new MemoryStorage();
        const sqlite = await SqliteStorage.open({ path: ":memory:", compactionIntervalMs: 0, replayPageSize: 2 });
        try {
          for (const op of operations) expect(await apply(sqlite, op)).toEqual(await apply(memory, op));
          await expectSameData(sqlite, memory);
        } finally {
          await sqlite.close();
          await memory.close();
        }
      }),
      { numRuns: 100 },
    );
  });

  it("behaves as MemoryStorage across restarts", async () => {
    const database = tempDatabase();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(operation, fc.constant("restart" as const)), { maxLength: 20 }), async (operations) => {
          run++;
          const path = `${database.path}-${run}`;
          const open = (): Promise<SqliteStorage> => SqliteStorage.open({ path, compactionIntervalMs: 0, replayPageSize: 2 });
          let memory = new MemoryStorage();
          let sqlite = await open();
          try {
            for (const op of operations) {
              if (op === "restart") {
                await sqlite.close();
                sqlite = await open();
                await memory.close();
                memory = new MemoryStorage({ state: memory.state });
              } else {
                expect(await apply(sqlite, op)).toEqual(await apply(memory, op));
              }
            }
            await expectSameData(sqlite, memory);
          } finally {
            await sqlite.close();
            await memory.close();
          }
        }),
        { numRuns: 25 },
      );
    } finally {
      database.remove();
    }
  });
});
