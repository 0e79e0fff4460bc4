/** Settings of a SqliteStorage. Every duration is in milliseconds. */
export interface SqliteStorageOptions {
  /** The database file, created when absent, or `":memory:"` for a store that lives only in this process. */
  readonly path: string;
  /** How long a write waits for a lock held by another connection before it fails with `Timeout`. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often automatic compaction runs; 0 turns it off. Default 300000 (5 minutes). */
  readonly compactionIntervalMs?: number;
  /** How many of the newest revisions automatic compaction keeps readable. Default 1000. */
  readonly retainRevisions?: number;
  /** How often a watch with `progressNotify` receives a BOOKMARK while none of its keys change. Default 5000. */
  readonly progressNotifyIntervalMs?: number;
  /** How long a list at a revision above the current one waits for it before failing with `Timeout`. Default 3000. */
  readonly futureRevisionWaitMs?: number;
  /** How many rows a watch that starts in the past reads from the table at a time. Default 500. */
  readonly replayPageSize?: number;
  /** How many rows one compaction transaction deletes before it yields to other work. Default 1000. */
  readonly compactionBatchSize?: number;
}

/** SqliteStorageOptions with every default filled in. */
export type ResolvedSqliteStorageOptions = Required<SqliteStorageOptions>;

/** Fills in the defaults of `options`. */
export function resolveOptions(options: SqliteStorageOptions | string): ResolvedSqliteStorageOptions {
  const given: SqliteStorageOptions = typeof options === "string" ? { path: options } : options;
  return {
    path: given.path,
    busyTimeoutMs: given.busyTimeoutMs ?? 5000,
    compactionIntervalMs: given.compactionIntervalMs ?? 300_000,
    retainRevisions: given.retainRevisions ?? 1000,
    progressNotifyIntervalMs: given.progressNotifyIntervalMs ?? 5000,
    futureRevisionWaitMs: given.futureRevisionWaitMs ?? 3000,
    replayPageSize: given.replayPageSize ?? 500,
    compactionBatchSize: given.compactionBatchSize ?? 1000,
  };
}
