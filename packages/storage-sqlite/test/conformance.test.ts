import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Storage } from "@apimachinery/apiserver";
import { describeStorageConformance } from "@apimachinery/apiserver/storage-testing";
import { SqliteStorage } from "../src/index.js";

const root = mkdtempSync(join(tmpdir(), "storage-sqlite-conformance-"));
const paths = new WeakMap<Storage, string>();
let opened = 0;

async function openAt(path: string): Promise<Storage> {
  const store = await SqliteStorage.open({
    path,
    compactionIntervalMs: 0,
    progressNotifyIntervalMs: 100,
    futureRevisionWaitMs: 1000,
  });
  paths.set(store, path);
  return store;
}

describeStorageConformance("sqlite", {
  open() {
    opened++;
    return openAt(join(root, `store-${opened}.db`));
  },
  async reopen(store) {
    const path = paths.get(store);
    if (path === undefined) throw new Error("reopen was given a store that the harness did not open");
    await store.close();
    return openAt(path);
  },
  async cleanup() {
    rmSync(root, { recursive: true, force: true });
  },
});
