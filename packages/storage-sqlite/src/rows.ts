import type { KeyValue, StorageWatchEvent } from "@apimachinery/apiserver";
import type { LogRow, LogRowWithPrev } from "./schema.js";

/** Returns the key's value as a row stores it; for a tombstone, the value it deleted. */
export function rowToKeyValue(row: LogRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: row.create_revision, modRevision: row.id };
}

/**
 * Returns the value that `row` replaced: the row at `prev_revision`, when compaction has
 * not deleted it.
 */
function previousKeyValue(row: LogRowWithPrev): KeyValue | undefined {
  if (row.created === 1 || row.prev_value === null) return undefined;
  return {
    key: row.name,
    value: row.prev_value,
    createRevision: row.prev_create_revision ?? row.create_revision,
    modRevision: row.prev_revision,
  };
}

function eventType(row: LogRow): "ADDED" | "MODIFIED" | "DELETED" {
  if (row.deleted === 1) return "DELETED";
  if (row.created === 1) return "ADDED";
  return "MODIFIED";
}

/** Builds the watch event of the write that `row` records. */
export function rowToEvent(row: LogRowWithPrev): StorageWatchEvent {
  const kv = rowToKeyValue(row);
  const prev = previousKeyValue(row);
  const type = eventType(row);
  return prev === undefined ? { type, kv, revision: row.id } : { type, kv, prev, revision: row.id };
}
