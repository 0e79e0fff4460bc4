import Database from "better-sqlite3";
import type { Database as Connection, Transaction } from "better-sqlite3";
import type {
  DeleteOptions,
  GuaranteedUpdateOptions,
  KeyValue,
  ListOptions,
  ListResult,
  Storage,
  StorageWatchEvent,
  UpdateFunction,
  Watch,
  WatchOptions,
} from "@apimachinery/apiserver";
import {
  StorageError,
  checkValueSize,
  closedError,
  compactedError,
  conflictError,
  decodeContinue,
  encodeContinue,
  futureRevisionError,
  keyExistsError,
  keyNotFoundError,
  runGuaranteedUpdate,
} from "@apimachinery/apiserver";
import { prefixEnd } from "./key-range.js";
import { resolveOptions } from "./options.js";
import type { ResolvedSqliteStorageOptions, SqliteStorageOptions } from "./options.js";
import { rowToEvent, rowToKeyValue } from "./rows.js";
import { configureConnection, prepareSchema } from "./schema.js";
import type { LogRow, Statements } from "./schema.js";
import { SqliteWatch, isCompactedFor } from "./sqlite-watch.js";
import type { WatchFilter, WatchSource } from "./sqlite-watch.js";
import { RevisionWaiters } from "./revision-waiters.js";

/** The columns of a new log row that a write decides; the store assigns `id` and `name`. */
interface WritePlan {
  readonly created: number;
  readonly deleted: number;
  readonly create_revision: number;
  readonly prev_revision: number;
  readonly value: Buffer;
}

/** The row a write inserted and the live row it replaced. */
interface WriteResult {
  readonly row: LogRow;
  readonly previous: LogRow | undefined;
}

const COMPACTED_META_KEY = "compacted_revision";
const SCHEMA_META_KEY = "schema_version";
const SCHEMA_VERSION = 1;

/**
 * A revisioned store in one SQLite file, in the style of kine: every write appends a row
 * to a log table whose id is the write's revision. Writes are transactions that commit
 * with `synchronous = FULL` before they resolve. Watches are fed from the commit path of
 * this process, so one connection owns the file. It holds SQLite's exclusive lock, and
 * opening the same file again, from this process or another, fails with `Unreachable`.
 */
export class SqliteStorage implements Storage {
  private revision: number;
  private compacted: number;
  private closed = false;
  private readonly watchers = new Set<SqliteWatch>();
  private readonly waiters = new RevisionWaiters();
  private readonly writeTransaction: Transaction<(key: string, id: number, plan: (current: LogRow | undefined) => WritePlan) => WriteResult>;
  private readonly compactionTimer: NodeJS.Timeout | undefined;
  private compaction: Promise<void> = Promise.resolve();
  private readonly watchSource: WatchSource;

  private constructor(
    private readonly db: Connection,
    private readonly statements: Statements,
    private readonly options: ResolvedSqliteStorageOptions,
  ) {
    this.revision = Math.max(statements.sequence.get()?.seq ?? 0, statements.maxId.get()?.id ?? 0);
    this.compacted = statements.readMeta.get(COMPACTED_META_KEY)?.value ?? 0;
    this.writeTransaction = db.transaction((key, id, plan) => this.insertRow(key, id, plan));
    this.watchSource = {
      readEvents: (filter, after, upTo, limit) => this.readEvents(filter, after, upTo, limit),
      revisions: () => ({ compacted: this.compacted, current: this.revision }),
      detach: (watch) => this.watchers.delete(watch),
    };
    if (options.compactionIntervalMs > 0) {
      this.compactionTimer = setInterval(() => this.compactRetained(), options.compactionIntervalMs);
      this.compactionTimer.unref();
    }
  }

  /**
   * Opens the store in `options.path` (a path string is the same as `{ path }`), creating
   * the file and its tables when absent. An existing file resumes its revision sequence.
   */
  static async open(options: SqliteStorageOptions | string): Promise<SqliteStorage> {
    const resolved = resolveOptions(options);
    let db: Connection | undefined;
    try {
      db = new Database(resolved.path);
      configureConnection(db, resolved.busyTimeoutMs);
      // Creating the schema is the first write, which takes the exclusive lock that the
      // connection then keeps.
      const statements = prepareSchema(db);
      const version = statements.readMeta.get(SCHEMA_META_KEY)?.value ?? SCHEMA_VERSION;
      if (version > SCHEMA_VERSION) {
        throw new StorageError(
          "Unreachable",
          "",
          `cannot open "${resolved.path}": its schema version ${version} is newer than ${SCHEMA_VERSION}, the newest this version of @apimachinery/storage-sqlite reads`,
        );
      }
      statements.writeMeta.run(SCHEMA_META_KEY, SCHEMA_VERSION);
      return new SqliteStorage(db, statements, resolved);
    } catch (error) {
      db?.close();
      throw openError(resolved.path, error);
    }
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen(key);
    const row = this.currentRow(key);
    return row === undefined ? undefined : rowToKeyValue(row);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.checkOpen(prefix);
    let startKey = prefix;
    let revision = wholeNumber(options.revision);
    if (options.continue !== undefined && options.continue !== "") {
      const position = decodeContinue(options.continue, prefix);
      startKey = position.startKey;
      revision = position.revision;
    }
    if (revision > this.revision) {
      await this.waitForRevision(prefix, revision);
      this.checkOpen(prefix);
    }
    if (revision <= 0) revision = this.revision;
    if (revision < this.compacted) throw compactedError(prefix, revision, this.compacted);

    const end = prefixEnd(prefix);
    const limit = Number.isFinite(options.limit) ? Math.max(0, wholeNumber(options.limit)) : 0;
    const statement = this.statements.list[end === undefined ? 0 : 1];
    const rows = statement.all({ start: startKey, end, revision, limit: limit > 0 ? limit + 1 : -1 });
    if (limit === 0 || rows.length <= limit) return { items: rows.map(rowToKeyValue), revision };

    const items = rows.slice(0, limit).map(rowToKeyValue);
    const nextKey = `${items[limit - 1]?.key ?? prefix}\u0000`;
    const countStatement = this.statements.count[end === undefined ? 0 : 1];
    const remainingItemCount = countStatement.get({ start: nextKey, end, revision })?.n ?? 0;
    return { items, revision, continue: encodeContinue(nextKey, prefix, revision), remainingItemCount };
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    return rowToKeyValue(this.createNow(key, value).row);
  }

  async update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    return rowToKeyValue(this.updateNow(key, value, expectedRevision).row);
  }

  guaranteedUpdate(key: string, update: UpdateFunction, options?: GuaranteedUpdateOptions): Promise<KeyValue> {
    this.checkOpen(key);
    return runGuaranteedUpdate(this, key, update, options);
  }

  /** Deletes `key` with a tombstone row and returns the value it had before the deletion. */
  async delete(key: string, options: DeleteOptions = {}): Promise<KeyValue> {
    const { previous } = this.write(key, (current) => {
      if (current === undefined) throw keyNotFoundError(key);
      if (options.expectedRevision !== undefined && current.id !== options.expectedRevision) {
        throw conflictError(key, options.expectedRevision, current.id);
      }
      return { created: 0, deleted: 1, create_revision: current.create_revision, prev_revision: current.id, value: current.value };
    });
    if (previous === undefined) throw keyNotFoundError(key);
    return rowToKeyValue(previous);
  }

  watch(key: string, options: WatchOptions = {}): Watch {
    const current = this.revision;
    const from = options.fromRevision ?? 0;
    const watch = new SqliteWatch(this.watchSource, {
      filter: { key, recursive: options.recursive ?? false },
      startRevision: from > 0 ? from : current,
      liveFromRevision: current,
      replayPageSize: this.options.replayPageSize,
      progressNotifyIntervalMs: options.progressNotify === true ? this.options.progressNotifyIntervalMs : undefined,
    });
    if (this.closed) watch.fail(closedError(key));
    else if (from > 0 && isCompactedFor(from, this.compacted)) watch.fail(compactedError(key, from, this.compacted));
    else this.watchers.add(watch);
    return watch;
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen(prefix);
    const end = prefixEnd(prefix);
    return this.statements.count[end === undefined ? 0 : 1].get({ start: prefix, end, revision: this.revision })?.n ?? 0;
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen("");
    const target = Math.min(wholeNumber(revision), this.revision);
    if (target <= this.compacted) return;
    this.statements.writeMeta.run(COMPACTED_META_KEY, target);
    this.compacted = target;
    const run = this.compaction.then(() => this.deleteCompactedRows(target));
    this.compaction = run.catch(() => undefined);
    await run;
  }

  /** Sends a BOOKMARK at the current revision to every watch that asked for progress notifications and has caught up. */
  async requestProgress(): Promise<void> {
    this.checkOpen("");
    for (const watch of this.watchers) watch.notifyProgress(true);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen("");
    return this.revision;
  }

  async compactedRevision(): Promise<number> {
    this.checkOpen("");
    return this.compacted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.compactionTimer !== undefined) clearInterval(this.compactionTimer);
    await this.compaction;
    for (const watch of [...this.watchers]) watch.end();
    this.waiters.rejectAll(() => closedError(""));
    this.db.close();
  }

  private checkOpen(key: string): void {
    if (this.closed) throw closedError(key);
  }

  /** Returns the newest row of `key` unless it is a tombstone. */
  private currentRow(key: string): LogRow | undefined {
    const row = this.statements.latest.get(key);
    return row === undefined || row.deleted === 1 ? undefined : row;
  }

  private createNow(key: string, value: Uint8Array): WriteResult {
    checkValueSize(key, value);
    const copy = Buffer.from(value);
    return this.write(key, (current) => {
      if (current !== undefined) throw keyExistsError(key);
      return { created: 1, deleted: 0, create_revision: 0, prev_revision: 0, value: copy };
    });
  }

  private updateNow(key: string, value: Uint8Array, expectedRevision: number): WriteResult {
    checkValueSize(key, value);
    const copy = Buffer.from(value);
    return this.write(key, (current) => {
      if (current === undefined) throw keyNotFoundError(key);
      if (current.id !== expectedRevision) throw conflictError(key, expectedRevision, current.id);
      return { created: 0, deleted: 0, create_revision: current.create_revision, prev_revision: current.id, value: copy };
    });
  }

  /**
   * Commits one row for `key` at the next revision in a `BEGIN IMMEDIATE` transaction,
   * then hands its event to the watches. `plan` receives the key's current row inside
   * the transaction and throws to abort the write.
   */
  private write(key: string, plan: (current: LogRow | undefined) => WritePlan): WriteResult {
    this.checkOpen(key);
    const id = this.revision + 1;
    let result: WriteResult;
    try {
      result = this.writeTransaction.immediate(key, id, plan);
    } catch (error) {
      if (sqliteCode(error) === "SQLITE_BUSY") {
        throw new StorageError("Timeout", key, `writing key "${key}" timed out waiting for the database lock`);
      }
      throw error;
    }
    this.revision = id;
    this.publish(result);
    return result;
  }

  private insertRow(key: string, id: number, plan: (current: LogRow | undefined) => WritePlan): WriteResult {
    const previous = this.currentRow(key);
    const planned = plan(previous);
    const createRevision = planned.created === 1 ? id : planned.create_revision;
    const row: LogRow = { ...planned, id, name: key, create_revision: createRevision };
    this.statements.insert.run(id, key, row.created, row.deleted, createRevision, row.prev_revision, row.value);
    return { row, previous };
  }

  private publish({ row, previous }: WriteResult): void {
    const event: StorageWatchEvent = rowToEvent({
      ...row,
      prev_value: previous?.value ?? null,
      prev_create_revision: previous?.create_revision ?? null,
    });
    for (const watch of this.watchers) watch.offer(event);
    this.waiters.reached(this.revision);
  }

  private readEvents(filter: WatchFilter, after: number, upTo: number, limit: number): StorageWatchEvent[] {
    const range = { after, upTo, limit };
    let rows;
    if (!filter.recursive) {
      rows = this.statements.eventsKey.all({ ...range, key: filter.key });
    } else {
      const end = prefixEnd(filter.key);
      if (end !== undefined) rows = this.statements.eventsRange.all({ ...range, start: filter.key, end });
      else if (filter.key === "") rows = this.statements.eventsAll.all(range);
      else rows = this.statements.eventsFrom.all({ ...range, start: filter.key });
    }
    return rows.map(rowToEvent);
  }

  private waitForRevision(key: string, revision: number): Promise<void> {
    return this.waiters.wait(revision, this.options.futureRevisionWaitMs, () =>
      this.closed ? closedError(key) : futureRevisionError(key, revision, this.revision),
    );
  }

  /**
   * Deletes the rows that compaction at `revision` made unreadable, a batch per
   * transaction, yielding to other work between batches.
   */
  private async deleteCompactedRows(revision: number): Promise<void> {
    const batch = this.statements.compactBatch;
    let from = 0;
    while (from < revision && !this.closed) {
      const to = Math.min(revision, this.statements.batchEnd.get({ from, batch: this.options.compactionBatchSize })?.id ?? revision);
      batch.run({ revision, from, to });
      from = to;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private compactRetained(): void {
    const target = this.revision - this.options.retainRevisions;
    if (this.closed || target <= this.compacted) return;
    // NOTE: a failed automatic compaction is retried at the next interval; nothing reports it.
    this.compact(target).catch(() => undefined);
  }
}

/**
 * Rounds a revision or limit down to an integer, because SQLite rejects a fraction as a
 * LIMIT. Absent and NaN become 0, and infinities stay.
 */
function wholeNumber(value: number | undefined): number {
  if (value === undefined || Number.isNaN(value)) return 0;
  return Math.floor(value);
}

/** Turns a failure to open `path` into a StorageError `Unreachable` that names the file. */
function openError(path: string, error: unknown): unknown {
  if (error instanceof StorageError) return error;
  if (sqliteCode(error) === "SQLITE_BUSY") {
    return new StorageError("Unreachable", "", `cannot open "${path}": another connection holds its lock; close the store or process that uses it`);
  }
  if (error instanceof Database.SqliteError || error instanceof TypeError) {
    return new StorageError("Unreachable", "", `cannot open "${path}": ${error.message}`);
  }
  return error;
}

function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Database.SqliteError) return error.code;
  return undefined;
}
