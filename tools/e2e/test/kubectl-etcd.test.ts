import { afterAll, describe } from "vitest";
import { etcdUnavailable, startEtcd } from "@apimachinery/testing";
import { kubectlBinaries } from "../src/index.js";
import { coreCases } from "./support/core-cases.js";
import { caseRegistrar, oldestAndNewest, useControlPlane } from "./support/harness.js";

// The core cases again with the newest kubectl, against a server on etcd instead of SQLite.
// Without etcd the suite prints a warning and skips, and under CI=true etcdUnavailable throws.
const etcd = await startEtcd();
if (etcd === undefined) console.warn(etcdUnavailable("kubectl e2e on etcd"));

afterAll(async () => {
  await etcd?.stop();
});

const newest = oldestAndNewest(kubectlBinaries()).at(-1);

/**
 * Cases known to fail on etcd, by case name with the reason. They run with `it.fails`, so
 * that a fix turns them red until they leave the list.
 */
const knownFailures = new Map([["reports a no-op patch", "a patch that changes nothing still writes and bumps the resourceVersion"]]);

describe.skipIf(etcd === undefined || newest === undefined)(`kubectl ${newest?.label ?? "(none)"} on etcd`, () => {
  const ctx = useControlPlane(newest?.path ?? "kubectl", () => ({ storage: "etcd", etcdServers: etcd?.endpoints ?? [] }));
  coreCases(caseRegistrar(knownFailures), ctx);
});
