import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlane, type ControlPlane } from "../src/index.js";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let controlPlane: ControlPlane;
let dataDir: string;

function pki(file: string): string {
  return readFileSync(path.join(dataDir, "pki", file), "utf8");
}

/** Sends one HTTPS request, with the admin client certificate unless `anonymous`. */
function call(pathname: string, options: { method?: string; body?: string; anonymous?: boolean; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(pathname, controlPlane.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "GET",
        ca: pki("ca.crt"),
        ...(options.anonymous ? {} : { cert: pki("admin.crt"), key: pki("admin.key") }),
        headers: { ...(options.body ? { "content-type": "application/json" } : {}), ...options.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-server-"));
  controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "memory" });
});

afterAll(async () => {
  await controlPlane.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("control plane", () => {
  it("listens on loopback with TLS", () => {
    expect(controlPlane.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("writes private keys with mode 0600", () => {
    for (const key of ["ca.key", "apiserver.key", "admin.key"]) {
      expect(statSync(path.join(dataDir, "pki", key)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(controlPlane.kubeconfigPath).mode & 0o777).toBe(0o600);
  });

  it("rejects a request without a client certificate", async () => {
    const reply = await call("/api/v1/namespaces", { anonymous: true });
    expect(reply.status).toBe(401);
    const status = JSON.parse(reply.body) as { reason: string; code: number };
    expect(status.reason).toBe("Unauthorized");
    expect(status.code).toBe(401);
  });

  it("reports the emulated version", async () => {
    const version = JSON.parse((await call("/version")).body) as { major: string; minor: string; gitVersion: string };
    expect(version.major).toBe("1");
    expect(version.minor).toBe("35");
    expect(version.gitVersion).toMatch(/^v1\.35\.0\+apimachinery-ts/);
  });

  it("answers health checks", async () => {
    for (const endpoint of ["/healthz", "/livez", "/readyz"]) {
      const reply = await call(endpoint);
      expect(reply.status).toBe(200);
      expect(reply.body).toBe("ok");
    }
  });

  it("creates the system namespaces", async () => {
    const list = JSON.parse((await call("/api/v1/namespaces")).body) as { items: { metadata: { name: string }; status: { phase: string } }[] };
    expect(list.items.map((item) => item.metadata.name)).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    expect(list.items.every((item) => item.status.phase === "Active")).toBe(true);
  });

  it("exposes Prometheus metrics", async () => {
    await call("/api/v1/namespaces/default/configmaps");
    const metrics = (await call("/metrics")).body;
    expect(metrics).toMatch(/apiserver_request_total\{verb="LIST",group="",version="v1",resource="configmaps",subresource="",scope="namespace",code="200"\} \d+/);
    expect(metrics).toContain("apiserver_request_duration_seconds_bucket");
    expect(metrics).toContain("apiserver_storage_request_duration_seconds_bucket");
  });

  it("forbids creating in a terminating namespace and empties it", async () => {
    const namespace = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "doomed" } });
    expect((await call("/api/v1/namespaces", { method: "POST", body: namespace })).status).toBe(201);
    const configMap = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "held", finalizers: ["example.com/hold"] } });
    expect((await call("/api/v1/namespaces/doomed/configmaps", { method: "POST", body: configMap })).status).toBe(201);
    expect((await call("/api/v1/namespaces/doomed", { method: "DELETE" })).status).toBe(200);

    const refused = await call("/api/v1/namespaces/doomed/configmaps", { method: "POST", body: configMap.replace("held", "late") });
    expect(refused.status).toBe(403);
    const status = JSON.parse(refused.body) as { reason: string; details: { causes: { reason: string }[] } };
    expect(status.reason).toBe("Forbidden");
    expect(status.details.causes[0]?.reason).toBe("NamespaceTerminating");

    const patch = { "content-type": "application/merge-patch+json" };
    await call("/api/v1/namespaces/doomed/configmaps/held", { method: "PATCH", body: '{"metadata":{"finalizers":null}}', headers: patch });
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await call("/api/v1/namespaces/doomed")).status === 404) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await call("/api/v1/namespaces/doomed")).status).toBe(404);
    expect((await call("/api/v1/namespaces/doomed/configmaps/held")).status).toBe(404);
  });
});
