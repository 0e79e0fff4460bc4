import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlane, type ControlPlane } from "@apimachinery/server";
import { etcdUnavailable, startEtcd, type EtcdServer } from "@apimachinery/testing";
import { adminClient, sendRaw, type AdminClient, type RawResponse } from "../src/index.js";

// A continue token whose revision etcd has compacted, as a client meets it when it pages
// slowly through a large list. The test compacts its own etcd through etcd's JSON gateway
// and restarts the server, because a running server may still serve the page from the
// snapshot in its watch cache.
// Without etcd the suite prints a warning and skips, and under CI=true etcdUnavailable throws.
const etcd = await startEtcd({ spawn: true });
if (etcd === undefined) console.warn(etcdUnavailable("continue tokens on a compacted etcd"));

interface ListJson {
  kind: string;
  metadata: { resourceVersion?: string; continue?: string };
  items?: { metadata: { name: string } }[];
  reason?: string;
  code?: number;
  message?: string;
}

/** Sends a request to etcd's JSON gateway (`/v3/...`) and returns the parsed response body. */
async function etcdGateway(server: EtcdServer, route: string, body: unknown): Promise<{ header?: { revision?: string } }> {
  const response = await fetch(`${server.endpoints[0]}${route}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`etcd ${route} failed with ${response.status}: ${await response.text()}`);
  return (await response.json()) as { header?: { revision?: string } };
}

describe.skipIf(etcd === undefined)("continue tokens on etcd", () => {
  let controlPlane: ControlPlane;
  let dataDir: string;
  let client: AdminClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-compaction-"));
    controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "etcd", etcdServers: etcd?.endpoints ?? [] });
    client = adminClient(controlPlane.url, dataDir);
  });

  afterAll(async () => {
    await controlPlane?.close();
    await etcd?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const list = async (query: string): Promise<{ response: RawResponse; body: ListJson }> => {
    const response = await sendRaw(client, { path: `/api/v1/namespaces/default/configmaps?${query}`, headers: { Accept: "application/json" } });
    return { response, body: JSON.parse(Buffer.from(response.body).toString("utf8")) as ListJson };
  };

  it("expires a compacted continue token", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) {
      const created = await sendRaw(client, {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: new TextEncoder().encode(JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } })),
      });
      expect(created.status).toBe(201);
    }
    const first = await list("limit=1");
    expect(first.body.items?.map((item) => item.metadata.name)).toEqual(["page-a"]);
    const token = first.body.metadata.continue ?? "";
    expect(token).not.toBe("");

    // A later write moves the revision on, then etcd drops every revision before it.
    await sendRaw(client, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/page-c", headers: { Accept: "application/json" } });
    const revision = (await etcdGateway(etcd!, "/v3/kv/range", { key: Buffer.from("/").toString("base64") })).header?.revision;
    expect(revision).toMatch(/^\d+$/);
    await etcdGateway(etcd!, "/v3/kv/compaction", { revision, physical: true });

    // A restarted server has no cached snapshot of the old revision, as another server of
    // a highly available control plane would not, so it must read etcd and find it gone.
    await controlPlane.close();
    controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "etcd", etcdServers: etcd?.endpoints ?? [] });
    client = adminClient(controlPlane.url, dataDir);

    const expired = await list(`limit=1&continue=${encodeURIComponent(token)}`);
    expect(expired.response.status).toBe(410);
    expect(expired.body).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
    expect(expired.body.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\./);
    const fresh = expired.body.metadata.continue ?? "";
    expect(fresh).not.toBe("");

    // The fresh token lists the rest as it is now: page-c is gone.
    const rest = await list(`limit=10&continue=${encodeURIComponent(fresh)}`);
    expect(rest.response.status).toBe(200);
    expect(rest.body.items?.map((item) => item.metadata.name)).toEqual(["page-b"]);
  });
});
