import { afterAll, describe } from "vitest";
import { etcdUnavailable, startEtcd } from "@apimachinery/testing";
import { kubectlBinaries } from "../src/index.js";
import { coreCases } from "./support/core-cases.js";
import { caseRegistrar, oldestAndNewest, useControlPlane, type CaseFn } from "./support/harness.js";
import { tailCases } from "./support/tail-cases.js";

// The core cases and the long-tail cases that lean on storage (revisions, paging, watch,
// deletion) again with the newest kubectl, against a server on etcd instead of SQLite.
// Without etcd the suite prints a warning and skips, and under CI=true etcdUnavailable throws.
const etcd = await startEtcd();
if (etcd === undefined) console.warn(etcdUnavailable("kubectl e2e on etcd"));

afterAll(async () => {
  await etcd?.stop();
});

const newest = oldestAndNewest(kubectlBinaries()).at(-1);

const storageTailCases = new Set([
  "replaces an object",
  "holds a deletion for finalizers",
  "deletes a namespace with its contents",
  "pages through a list",
  "watches events of a selection",
]);

/**
 * Cases known to fail on etcd, by case name with the reason. They run with `it.fails`, so
 * that a fix turns them red until they leave the list.
 */
const knownFailures = new Map<string, string>();

describe.skipIf(etcd === undefined || newest === undefined)(`kubectl ${newest?.label ?? "(none)"} on etcd`, () => {
  const ctx = useControlPlane(newest?.path ?? "kubectl", () => ({ storage: "etcd", etcdServers: etcd?.endpoints ?? [] }));
  const it = caseRegistrar(knownFailures);
  coreCases(it, ctx);
  const storageTail: CaseFn = (name, body) => {
    if (storageTailCases.has(name)) it(name, body);
  };
  tailCases(storageTail, ctx);
});
