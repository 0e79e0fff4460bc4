import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageWatchEvent, Watch } from "@apimachinery/apiserver";
import { SqliteStorage } from "../src/index.js";
import type { SqliteStorageOptions } from "../src/index.js";

/** A temporary directory with a database path in it, removed by `remove`. */
export interface TempDatabase {
  readonly path: string;
  remove(): void;
}

/** Creates a temporary directory for one database file. */
export function tempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), "storage-sqlite-"));
  return { path: join(dir, "store.db"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a store on `path` with automatic compaction off and short waits. */
export function openStore(path: string, options: Partial<SqliteStorageOptions> = {}): Promise<SqliteStorage> {
  return SqliteStorage.open({ compactionIntervalMs: 0, futureRevisionWaitMs: 200, ...options, path });
}

/** Encodes text as UTF-8 bytes. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Decodes UTF-8 bytes to text. */
export function text(value: Uint8Array): string {
  return new TextDecoder().decode(value);
}

/** Reads the next `count` events of a watch; fails when the watch ends first. */
export async function takeEvents(watch: Watch, count: number): Promise<StorageWatchEvent[]> {
  const events: StorageWatchEvent[] = [];
  const iterator = watch[Symbol.asyncIterator]();
  while (events.length < count) {
    const result = await iterator.next();
    if (result.done === true) throw new Error(`the watch ended after ${events.length} of ${count} events`);
    events.push(result.value);
  }
  return events;
}

/** Returns "TYPE key revision" for each event, for compact comparisons. */
export function describeEvents(events: readonly StorageWatchEvent[]): string[] {
  return events.map((event) => {
    if (event.type === "BOOKMARK") return `BOOKMARK ${event.revision}`;
    if (event.type === "ERROR") return `ERROR ${event.error.code}`;
    return `${event.type} ${event.kv.key} ${event.revision}`;
  });
}
