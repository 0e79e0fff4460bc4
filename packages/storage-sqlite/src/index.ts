/**
 * @packageDocumentation
 * Embedded revisioned storage on SQLite, in the style of kine: one log table in which
 * every write is a row whose id is its revision, the newest row of a key is its value, a
 * delete writes a tombstone, and compaction deletes the rows no reader can reach. The
 * store implements the `Storage` interface of `@apimachinery/apiserver`.
 */
export { SqliteStorage } from "./sqlite-storage.js";
export type { SqliteStorageOptions } from "./options.js";
