import { startEtcd } from "@apimachinery/testing";
import type { StorageKind } from "@apimachinery/server";
import type { BenchRow, Suite, SuiteOptions } from "../harness.js";
import { Client, forEachConcurrently, runLoad, type LoadRequest, type LoadResult } from "../server/load.js";
import { namespaceToCreate, podToCreate } from "../server/pods.js";
import { startChildServer, type ChildServer } from "../server/spawn.js";

const SUITE = "server";
const BARE_TLS = "bare node:http2 TLS, GET 3 KB";
const BARE_PLAIN = "bare node:http plain, GET 3 KB";

/** Formats a load result's latency and failures for the row note. */
function noteOf(result: LoadResult): string {
  const statuses = result.failedStatuses === "" ? "" : ` (HTTP ${result.failedStatuses})`;
  const failures = result.failures > 0 ? `, ${result.failures} of ${result.total} failed${statuses}` : "";
  return `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${failures}`;
}

function rowOf(name: string, result: LoadResult, baseline?: string): BenchRow {
  return { suite: SUITE, name, value: result.requestsPerSecond, unit: "req/s", ...(baseline ? { baseline } : {}), note: noteOf(result) };
}

/** Measures the bare node:http servers that return the 3 KB Pod JSON, over TLS and in plain HTTP. */
async function measureBare(seconds: number, quick: boolean): Promise<BenchRow[]> {
  const body = JSON.stringify(podToCreate("default", "bare"));
  const rows: BenchRow[] = [];
  for (const tls of quick ? [true] : [true, false]) {
    const server = await startChildServer({ mode: "bare", tls, body });
    try {
      if (seconds > 1) await runLoad(server, { method: "GET", path: "/" }, 1);
      const result = await runLoad(server, { method: "GET", path: "/" }, seconds);
      rows.push(tls ? rowOf(BARE_TLS, result) : rowOf(BARE_PLAIN, result, BARE_TLS));
    } finally {
      await server.stop();
    }
  }
  return rows;
}

/** Creates the objects the requests read: one Pod to get and update, and `listSize` Pods in their own namespace. */
async function populate(server: ChildServer, listSize: number): Promise<void> {
  const client = new Client(server);
  try {
    // 409 AlreadyExists is expected on an etcd from ETCD_ENDPOINTS that an earlier run filled.
    await client.expect("POST", "/api/v1/namespaces", namespaceToCreate("bench-list"), [409]);
    await client.expect("POST", "/api/v1/namespaces", namespaceToCreate("bench-create"), [409]);
    await client.expect("POST", "/api/v1/namespaces/default/pods", JSON.stringify(podToCreate("default", "bench-get")), [409]);
    await forEachConcurrently(listSize, 8, (index) =>
      client.expect("POST", "/api/v1/namespaces/bench-list/pods", JSON.stringify(podToCreate("bench-list", `list-${index}`)), [409]),
    );
  } finally {
    client.close();
  }
}

/** Returns the requests measured on each storage backend, in the order they run. */
function requestsOf(listSize: number, quick: boolean): [string, LoadRequest][] {
  let sequence = 0;
  const updated = () => {
    const pod = podToCreate("default", "bench-get");
    (pod["metadata"] as { labels: Record<string, string> }).labels["bench-sequence"] = String(sequence++);
    return JSON.stringify(pod);
  };
  const all: [string, LoadRequest][] = [
    ["GET one Pod", { method: "GET", path: "/api/v1/namespaces/default/pods/bench-get" }],
    ["GET one Pod as protobuf", { method: "GET", path: "/api/v1/namespaces/default/pods/bench-get", accept: "application/vnd.kubernetes.protobuf" }],
    ["create Pod", { method: "POST", path: "/api/v1/namespaces/bench-create/pods", body: () => JSON.stringify(podToCreate("bench-create", `bench-${sequence++}`)) }],
    ["update Pod (PUT, new label each time)", { method: "PUT", path: "/api/v1/namespaces/default/pods/bench-get", body: updated }],
    [`list ${listSize} Pods`, { method: "GET", path: "/api/v1/namespaces/bench-list/pods" }],
  ];
  return quick ? all.filter(([name]) => !name.includes("protobuf")) : all;
}

/** Starts the control plane on `storage` in a child process and measures each request. */
async function measureStorage(storage: StorageKind, options: SuiteOptions, listSize: number, etcdServers?: readonly string[]): Promise<BenchRow[]> {
  const seconds = options.quick ? 1 : 5;
  const server = await startChildServer({ mode: "control-plane", storage, ...(etcdServers ? { etcdServers } : {}) });
  try {
    await populate(server, listSize);
    const rows: BenchRow[] = [];
    for (const [name, request] of requestsOf(listSize, options.quick)) {
      if (seconds > 1) await runLoad(server, request, 1);
      rows.push(rowOf(`${storage}: ${name}`, await runLoad(server, request, seconds), BARE_TLS));
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/**
 * Requests per second and p50/p99 latency of the control plane (`startControlPlane`, TLS
 * with the admin client certificate, HTTP/1.1 keep-alive) in a child process. autocannon
 * drives it from this process with 10 connections over loopback. The requests are a GET of
 * one 3 KB Pod (JSON and protobuf), a create, an update and a list of 1,000 Pods. Each row is beside
 * a bare node:http2 server with the same TLS settings that returns the same Pod as fixed
 * JSON. Runs on memory and SQLite storage, and on etcd when `ETCD_ENDPOINTS` is set or etcd
 * is on PATH. Quick runs measure memory storage only, one second per row, without the plain
 * HTTP baseline and the protobuf GET.
 */
export const serverSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const seconds = options.quick ? 1 : 5;
    const listSize = options.quick ? 100 : 1000;
    const rows = await measureBare(seconds, options.quick);
    rows.push(...(await measureStorage("memory", options, listSize)));
    if (options.quick) return rows;
    rows.push(...(await measureStorage("sqlite", options, listSize)));
    // A private etcd from PATH first, so that the Pods of earlier runs do not pad the list.
    const etcd = (await startEtcd({ spawn: true })) ?? (await startEtcd());
    if (etcd === undefined) {
      rows.push({ suite: SUITE, name: "etcd", value: 0, unit: "req/s", note: "skipped: set ETCD_ENDPOINTS or put etcd on PATH" });
      return rows;
    }
    try {
      rows.push(...(await measureStorage("etcd", options, listSize, etcd.endpoints)));
    } finally {
      await etcd.stop();
    }
    return rows;
  },
};
