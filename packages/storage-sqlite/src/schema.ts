import type { Database, Statement } from "better-sqlite3";

/**
 * The write log: one row per write, its `id` the write's revision. The newest row of a
 * name is the key's current value. A row with `deleted = 1` is a tombstone that keeps the
 * deleted value for watch events. `created = 1` marks the row that created the key, whose
 * `create_revision` is its own id. AUTOINCREMENT keeps the highest revision ever used in
 * `sqlite_sequence`, so revisions never repeat after compaction deletes the newest rows.
 */
const createTables = `
CREATE TABLE IF NOT EXISTS kv_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS kv_log_name_id ON kv_log (name, id);
CREATE TABLE IF NOT EXISTS kv_meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** One row of `kv_log`. */
export interface LogRow {
  readonly id: number;
  readonly name: string;
  readonly created: number;
  readonly deleted: number;
  readonly create_revision: number;
  readonly prev_revision: number;
  readonly value: Buffer;
}

/** A `kv_log` row joined with the row it replaced, when that row still exists. */
export interface LogRowWithPrev extends LogRow {
  readonly prev_value: Buffer | null;
  readonly prev_create_revision: number | null;
}

const rowColumns = "kv.id, kv.name, kv.created, kv.deleted, kv.create_revision, kv.prev_revision, kv.value";

/**
 * Keeps the rows of names in [@start, @end) that are the newest of their name at or below
 * @revision and are not tombstones. The outer scan walks the (name, id) index in name
 * order, so a LIMIT stops it early and no sort is needed. The subquery is one index seek.
 */
function liveAtRevision(bounded: boolean): string {
  const upper = bounded ? "AND kv.name < @end" : "";
  return `FROM kv_log AS kv WHERE kv.name >= @start ${upper} AND kv.deleted = 0
    AND kv.id = (SELECT MAX(newer.id) FROM kv_log AS newer WHERE newer.name = kv.name AND newer.id <= @revision)`;
}

function listSql(bounded: boolean): string {
  return `SELECT ${rowColumns} ${liveAtRevision(bounded)} ORDER BY kv.name LIMIT @limit`;
}

function countSql(bounded: boolean): string {
  return `SELECT COUNT(*) AS n ${liveAtRevision(bounded)}`;
}

/** Rows after @after up to @upTo in revision order, filtered by `filter`, with the row each replaced. */
function eventsSql(filter: string): string {
  return `SELECT ${rowColumns}, prev.value AS prev_value, prev.create_revision AS prev_create_revision
    FROM kv_log AS kv LEFT JOIN kv_log AS prev ON prev.id = kv.prev_revision
    WHERE kv.id > @after AND kv.id <= @upTo ${filter} ORDER BY kv.id LIMIT @limit`;
}

/** The prepared statements of one connection, compiled once when the store opens. */
export interface Statements {
  readonly latest: Statement<[string], LogRow>;
  readonly insert: Statement<[number, string, number, number, number, number, Uint8Array]>;
  /** Indexed by whether the key range has an upper bound. */
  readonly list: readonly [Statement<[RangeParams], LogRow>, Statement<[RangeParams], LogRow>];
  readonly count: readonly [Statement<[RangeParams], { n: number }>, Statement<[RangeParams], { n: number }>];
  readonly eventsAll: Statement<[EventParams], LogRowWithPrev>;
  readonly eventsKey: Statement<[EventParams & { key: string }], LogRowWithPrev>;
  readonly eventsRange: Statement<[EventParams & { start: string; end: string }], LogRowWithPrev>;
  readonly eventsFrom: Statement<[EventParams & { start: string }], LogRowWithPrev>;
  readonly readMeta: Statement<[string], { value: number }>;
  readonly writeMeta: Statement<[string, number]>;
  readonly sequence: Statement<[], { seq: number }>;
  readonly maxId: Statement<[], { id: number | null }>;
  readonly compactBatch: Statement<[{ revision: number; from: number; to: number }]>;
  /** The id `batch` rows after the first row at or above `from`: the end of one compaction batch. */
  readonly batchEnd: Statement<[{ from: number; batch: number }], { id: number }>;
}

/** Parameters of a list or count over a key range at a revision. */
export interface RangeParams {
  readonly start: string;
  readonly end: string | undefined;
  readonly revision: number;
  readonly limit?: number;
}

/** Parameters of a read of the log for watch replay. */
export interface EventParams {
  readonly after: number;
  readonly upTo: number;
  readonly limit: number;
}

/**
 * Sets the pragmas of a connection. The lock is exclusive because watches only receive
 * the commits of this connection. WAL makes a commit append to the log instead of
 * rewriting pages, and `synchronous = FULL` syncs the WAL on every commit, so a write is
 * on disk before it is acknowledged.
 */
export function configureConnection(db: Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = OFF");
}

/**
 * Creates the tables when absent and prepares every statement. A new log starts at
 * revision 1, as etcd does, so the first write gets revision 2 and a watch from the
 * revision of an empty store receives it.
 */
export function prepareSchema(db: Database): Statements {
  db.exec(createTables);
  db.prepare(
    "INSERT INTO sqlite_sequence (name, seq) SELECT 'kv_log', 1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'kv_log')",
  ).run();
  return {
    latest: db.prepare(`SELECT ${rowColumns} FROM kv_log AS kv WHERE kv.name = ? ORDER BY kv.id DESC LIMIT 1`),
    insert: db.prepare(
      "INSERT INTO kv_log (id, name, created, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    list: [db.prepare(listSql(false)), db.prepare(listSql(true))],
    count: [db.prepare(countSql(false)), db.prepare(countSql(true))],
    eventsAll: db.prepare(eventsSql("")),
    eventsKey: db.prepare(eventsSql("AND kv.name = @key")),
    eventsRange: db.prepare(eventsSql("AND kv.name >= @start AND kv.name < @end")),
    eventsFrom: db.prepare(eventsSql("AND kv.name >= @start")),
    readMeta: db.prepare("SELECT value FROM kv_meta WHERE key = ?"),
    writeMeta: db.prepare(
      "INSERT INTO kv_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
    sequence: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'kv_log'"),
    maxId: db.prepare("SELECT MAX(id) AS id FROM kv_log"),
    // A row below the compact revision is deleted when it is a tombstone or when a newer
    // row of the same name at or below that revision replaces it. Lists at or after the
    // compact revision never read such a row, and watches from there start after it.
    compactBatch: db.prepare(`DELETE FROM kv_log WHERE id >= @from AND id < @to AND id < @revision AND (
      deleted = 1 OR EXISTS (
        SELECT 1 FROM kv_log AS newer
        WHERE newer.name = kv_log.name AND newer.id > kv_log.id AND newer.id <= @revision))`),
    batchEnd: db.prepare("SELECT id FROM kv_log WHERE id >= @from ORDER BY id LIMIT 1 OFFSET @batch"),
  };
}
