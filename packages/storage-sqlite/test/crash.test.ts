import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../src/index.js";
import { bytes, tempDatabase } from "./helpers.js";
import type { TempDatabase } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const writerScript = fileURLToPath(new URL("fixtures/crash-writer.ts", import.meta.url));

/** One write that the child process acknowledged. */
interface Acknowledged {
  readonly revision: number;
  readonly type: string;
  readonly key: string;
}

/**
 * Runs the writer on `path`, lets it write for `runMs` after its first acknowledged write
 * and kills it with SIGKILL. Returns the writes it acknowledged, in order.
 */
async function runWriterAndKill(path: string, runMs: number): Promise<Acknowledged[]> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", writerScript, path], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.on("exit", (code, signal) => resolve(signal ?? code));
  });

  // Start-up (loading tsx and the sources) takes a second or two; give it at most 30 s.
  for (let waited = 0; waited < 30_000 && output === "" && child.exitCode === null; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (output === "") {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`the writer acknowledged no write; its stderr: ${errors}`);
  }
  await new Promise((resolve) => setTimeout(resolve, runMs));
  child.kill("SIGKILL");
  const ending = await exited;
  if (ending !== "SIGKILL") throw new Error(`the writer ended with ${String(ending)} before the kill; its stderr: ${errors}`);

  // A line cut by the kill has no newline yet and was not acknowledged.
  const complete = output.slice(0, output.lastIndexOf("\n") + 1);
  return complete
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [revision, type, key] = line.split(" ");
      return { revision: Number(revision), type: type ?? "", key: key ?? "" };
    });
}

interface StoredRow {
  readonly id: number;
  readonly name: string;
  readonly created: number;
  readonly deleted: number;
}

function readLog(path: string): StoredRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], StoredRow>("SELECT id, name, created, deleted FROM kv_log ORDER BY id").all();
  } finally {
    db.close();
  }
}

function rowType(row: StoredRow | undefined): string | undefined {
  if (row === undefined) return undefined;
  if (row.deleted === 1) return "DELETED";
  if (row.created === 1) return "ADDED";
  return "MODIFIED";
}

let database: TempDatabase;

beforeEach(() => {
  database = tempDatabase();
});

afterEach(() => {
  database.remove();
});

describe("crash", () => {
  // The limit covers a slow start-up of the child (up to 30 s) on a loaded machine.
  it("keeps every acknowledged write after SIGKILL", async () => {
    const acknowledged = await runWriterAndKill(database.path, 1500);
    expect(acknowledged.length).toBeGreaterThan(0);
    // A new store is at revision 1, so the writes are revisions 2, 3, ... in order.
    expect(acknowledged.map((write) => write.revision)).toEqual(acknowledged.map((_, index) => index + 2));
    const lastAcknowledged = acknowledged.length + 1;

    // Reopening recovers the WAL; the store resumes after the last committed write, which is
    // the last acknowledged one or, when the kill fell between commit and print, the next.
    const store = await SqliteStorage.open({ path: database.path, compactionIntervalMs: 0 });
    const current = await store.currentRevision();
    expect(current).toBeGreaterThanOrEqual(lastAcknowledged);
    expect(current).toBeLessThanOrEqual(lastAcknowledged + 1);
    const next = await store.create("/after-crash", bytes("v"));
    expect(next.modRevision).toBe(current + 1);
    await store.close();

    const rows = readLog(database.path);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: current }, (_, index) => index + 2));
    const mismatches = acknowledged.filter((write) => {
      const row = rows[write.revision - 2];
      return row?.name !== write.key || rowType(row) !== write.type;
    });
    expect(mismatches).toEqual([]);
  }, 90_000);
});
