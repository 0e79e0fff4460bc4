/**
 * @packageDocumentation
 * Embedded revisioned storage on SQLite, in the style of kine. Every write is a row of one
 * log table whose id is its revision, and the newest row of a key is its value. A delete
 * writes a tombstone row, and compaction deletes the rows that no reader can reach. The
 * store implements the `Storage` interface of `@apimachinery/apiserver`.
 */
export { SqliteStorage } from "./sqlite-storage.js";
export type { SqliteStorageOptions } from "./options.js";
