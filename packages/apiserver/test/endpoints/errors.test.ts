import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.js";

let server: TestServer;
const json = { "content-type": "application/json" };
const configMaps = () => `${server.url}/api/v1/namespaces/default/configmaps`;
const configMap = (name: string, data: Record<string, string> = { a: "b" }) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });

interface StatusBody {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { name?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

async function status(response: Response): Promise<StatusBody> {
  return (await response.json()) as StatusBody;
}

describe.each([false, true])("with watch cache %s", (watchCache) => {
  beforeAll(async () => {
    server = await startTestServer({ watchCache });
  });

  afterAll(async () => {
    await server.close();
  });

  describe("error responses", () => {
    it("get of a missing object is NotFound", async () => {
      const response = await fetch(`${configMaps()}/missing`);
      expect(response.status).toBe(404);
      const body = await status(response);
      expect(body.kind).toBe("Status");
      expect(body.status).toBe("Failure");
      expect(body.reason).toBe("NotFound");
      expect(body.code).toBe(404);
      expect(body.message).toBe('configmaps "missing" not found');
      expect(body.details?.name).toBe("missing");
      expect(body.details?.kind).toBe("configmaps");
    });

    it("create of an existing name is AlreadyExists", async () => {
      expect((await fetch(configMaps(), { method: "POST", headers: json, body: configMap("dup") })).status).toBe(201);
      const response = await fetch(configMaps(), { method: "POST", headers: json, body: configMap("dup") });
      expect(response.status).toBe(409);
      const body = await status(response);
      expect(body.reason).toBe("AlreadyExists");
      expect(body.message).toBe('configmaps "dup" already exists');
    });

    it("update with a stale resourceVersion is Conflict", async () => {
      const created = (await (await fetch(configMaps(), { method: "POST", headers: json, body: configMap("cas") })).json()) as { metadata: { resourceVersion: string } };
      const fresh = JSON.parse(configMap("cas", { a: "c" })) as { metadata: Record<string, string> };
      fresh.metadata["resourceVersion"] = created.metadata.resourceVersion;
      expect((await fetch(`${configMaps()}/cas`, { method: "PUT", headers: json, body: JSON.stringify(fresh) })).status).toBe(200);
      const response = await fetch(`${configMaps()}/cas`, { method: "PUT", headers: json, body: JSON.stringify(fresh) });
      expect(response.status).toBe(409);
      const body = await status(response);
      expect(body.reason).toBe("Conflict");
      expect(body.message).toContain('Operation cannot be fulfilled on configmaps "cas"');
    });

    it("malformed JSON is BadRequest", async () => {
      const response = await fetch(configMaps(), { method: "POST", headers: json, body: '{"apiVersion": "v1", "kind": ' });
      expect(response.status).toBe(400);
      expect((await status(response)).reason).toBe("BadRequest");
    });

    it("unknown Content-Type is UnsupportedMediaType", async () => {
      const response = await fetch(configMaps(), { method: "POST", headers: { "content-type": "text/csv" }, body: "a,b" });
      expect(response.status).toBe(415);
      const body = await status(response);
      expect(body.reason).toBe("UnsupportedMediaType");
      expect(body.message).toContain("text/csv");
    });

    it("unsupported Accept is NotAcceptable", async () => {
      const response = await fetch(configMaps(), { headers: { accept: "text/csv" } });
      expect(response.status).toBe(406);
      expect((await status(response)).reason).toBe("NotAcceptable");
    });

    it("body over 3 MiB is RequestEntityTooLarge", async () => {
      const huge = configMap("huge", { blob: "x".repeat(3 * 1024 * 1024 + 10) });
      const response = await fetch(configMaps(), { method: "POST", headers: json, body: huge });
      expect(response.status).toBe(413);
      expect((await status(response)).reason).toBe("RequestEntityTooLarge");
      expect((await fetch(`${configMaps()}/huge`)).status).toBe(404);
    });

    it("create in a missing namespace is NotFound", async () => {
      const response = await fetch(`${server.url}/api/v1/namespaces/nowhere/configmaps`, { method: "POST", headers: json, body: configMap("x") });
      expect(response.status).toBe(404);
      expect((await status(response)).message).toBe('namespaces "nowhere" not found');
    });

    it("strict field validation names the unknown field", async () => {
      const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "strict" }, data: {}, bogus: 1 });
      const response = await fetch(`${configMaps()}?fieldValidation=Strict`, { method: "POST", headers: json, body });
      expect(response.status).toBe(400);
      const result = await status(response);
      expect(result.reason).toBe("BadRequest");
      expect(result.message).toContain('unknown field "bogus"');
    });

    it("warn field validation sends a Warning header", async () => {
      const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "warned" }, data: {}, bogus: 1 });
      const response = await fetch(`${configMaps()}?fieldValidation=Warn`, { method: "POST", headers: json, body });
      expect(response.status).toBe(201);
      expect(response.headers.get("warning")).toBe('299 - "unknown field \\"bogus\\""');
    });

    it("invalid fieldValidation is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?fieldValidation=Sometimes`, { method: "POST", headers: json, body: configMap("fv") });
      expect(response.status).toBe(400);
      expect((await status(response)).message).toContain("Sometimes");
    });

    it("invalid dryRun is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?dryRun=Some`, { method: "POST", headers: json, body: configMap("dry") });
      expect(response.status).toBe(400);
      expect((await status(response)).reason).toBe("BadRequest");
    });

    it("unknown resource is NotFound", async () => {
      const response = await fetch(`${server.url}/api/v1/namespaces/default/widgets`);
      expect(response.status).toBe(404);
      expect((await status(response)).reason).toBe("NotFound");
    });

    it("unsupported patch type is UnsupportedMediaType", async () => {
      await fetch(configMaps(), { method: "POST", headers: json, body: configMap("patched") });
      const response = await fetch(`${configMaps()}/patched`, { method: "PATCH", headers: { "content-type": "application/xml" }, body: "<a/>" });
      expect(response.status).toBe(415);
      expect((await status(response)).reason).toBe("UnsupportedMediaType");
    });

    it("invalid resourceVersionMatch is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?resourceVersion=1&resourceVersionMatch=Sometime`);
      expect(response.status).toBe(400);
      expect((await status(response)).message).toContain("Sometime");
    });
  });

  describe("writes", () => {
    it("dryRun=All create stores nothing", async () => {
      const response = await fetch(`${configMaps()}?dryRun=All`, { method: "POST", headers: json, body: configMap("dry-run") });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { metadata: { uid?: string } };
      expect(body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect((await fetch(`${configMaps()}/dry-run`)).status).toBe(404);
    });

    it("generateName creates a random suffix", async () => {
      const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" } });
      const created = (await (await fetch(configMaps(), { method: "POST", headers: json, body })).json()) as { metadata: { name: string } };
      expect(created.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    });

    it("protobuf create and get round-trip", async () => {
      const { builtinScheme } = await import("../../src/index.js");
      const { ProtobufSerializer } = await import("@apimachinery/serializer-protobuf");
      const scheme = builtinScheme();
      const protobuf = new ProtobufSerializer({ schemas: scheme.schemas, kinds: scheme });
      const type = "application/vnd.kubernetes.protobuf";
      const bytes = protobuf.encode({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "wire" }, data: { k: "v" } } as never);
      const created = await fetch(configMaps(), { method: "POST", headers: { "content-type": type, accept: type }, body: bytes });
      expect(created.status).toBe(201);
      expect(created.headers.get("content-type")).toBe(type);
      const fetched = await fetch(`${configMaps()}/wire`, { headers: { accept: type } });
      const object = protobuf.decode(new Uint8Array(await fetched.arrayBuffer())).object as { data: Record<string, string> };
      expect(object.data).toEqual({ k: "v" });
    });
  });

  describe("selectors", () => {
    it("label and field selectors filter lists", async () => {
      for (const [name, tier] of [["sel-a", "web"], ["sel-b", "db"], ["sel-c", "web"]] as const) {
        const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { tier, group: "sel" } } });
        expect((await fetch(configMaps(), { method: "POST", headers: json, body })).status).toBe(201);
      }
      const names = async (query: string) =>
        ((await (await fetch(`${configMaps()}?${query}`)).json()) as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
      expect(await names("labelSelector=tier%3Dweb")).toEqual(["sel-a", "sel-c"]);
      expect(await names("labelSelector=group%3Dsel,tier%20notin%20(web)")).toEqual(["sel-b"]);
      expect(await names("labelSelector=group%3Dsel&fieldSelector=metadata.name%21%3Dsel-a")).toEqual(["sel-b", "sel-c"]);
    });

    it("malformed label selector is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?labelSelector=tier%20in%20web`);
      expect(response.status).toBe(400);
      expect((await status(response)).reason).toBe("BadRequest");
    });

    it("unsupported field selector is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?fieldSelector=spec.bogus%3Dx`);
      expect(response.status).toBe(400);
      expect((await status(response)).message).toBe("field label not supported: spec.bogus");
    });

    it("limit and continue page through a list", async () => {
      const first = (await (await fetch(`${configMaps()}?labelSelector=group%3Dsel&limit=2`)).json()) as { items: unknown[]; metadata: { continue?: string; resourceVersion: string } };
      expect(first.items).toHaveLength(2);
      expect(first.metadata.continue).toBeTruthy();
      const second = (await (await fetch(`${configMaps()}?labelSelector=group%3Dsel&limit=2&continue=${encodeURIComponent(first.metadata.continue ?? "")}`)).json()) as {
        items: unknown[];
        metadata: { continue?: string; resourceVersion: string };
      };
      expect(second.items).toHaveLength(1);
      expect(second.metadata.continue).toBeUndefined();
      expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    });
  });
});

describe("watch", () => {
  it("streams changes after the start revision", async () => {
    const cached = await startTestServer({ watchCache: true });
    try {
      const base = `${cached.url}/api/v1/namespaces/default/configmaps`;
      const created = (await (await fetch(base, { method: "POST", headers: json, body: configMap("watched") })).json()) as { metadata: { resourceVersion: string } };
      const controller = new AbortController();
      const response = await fetch(`${base}?watch=true&resourceVersion=${created.metadata.resourceVersion}`, { signal: controller.signal });
      expect(response.status).toBe(200);
      await fetch(`${base}/watched`, { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: '{"data":{"a":"z"}}' });
      const reader = response.body!.getReader();
      let text = "";
      while (!text.includes("\n")) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      controller.abort();
      const event = JSON.parse(text.split("\n")[0] ?? "") as { type: string; object: { data: Record<string, string> } };
      expect(event.type).toBe("MODIFIED");
      expect(event.object.data).toEqual({ a: "z" });
    } finally {
      await cached.close();
    }
  });
});

describe("generation", () => {
  it("bumps on spec changes only, for kinds that track it", async () => {
    const local = await startTestServer();
    try {
      const base = `${local.url}/apis/apps/v1/namespaces/default/deployments`;
      const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "gen" }, spec: { replicas: 1 } };
      const created = (await (await fetch(base, { method: "POST", headers: json, body: JSON.stringify(deployment) })).json()) as { metadata: { generation: number } };
      expect(created.metadata.generation).toBe(1);
      const merge = { "content-type": "application/merge-patch+json" };
      const labeled = (await (await fetch(`${base}/gen`, { method: "PATCH", headers: merge, body: '{"metadata":{"labels":{"a":"b"}}}' })).json()) as { metadata: { generation: number } };
      expect(labeled.metadata.generation).toBe(1);
      const scaled = (await (await fetch(`${base}/gen`, { method: "PATCH", headers: merge, body: '{"spec":{"replicas":3}}' })).json()) as { metadata: { generation: number } };
      expect(scaled.metadata.generation).toBe(2);
      const status = (await (await fetch(`${base}/gen/status`, { method: "PATCH", headers: merge, body: '{"status":{"replicas":3}}' })).json()) as {
        metadata: { generation: number };
        status: { replicas: number };
      };
      expect(status.metadata.generation).toBe(2);
      expect(status.status.replicas).toBe(3);

      const configMap = (await (
        await fetch(`${local.url}/api/v1/namespaces/default/configmaps`, { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "nogen" } }) })
      ).json()) as { metadata: { generation?: number } };
      expect(configMap.metadata.generation).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  it("status in a main-resource update is ignored", async () => {
    const local = await startTestServer();
    try {
      const base = `${local.url}/apis/apps/v1/namespaces/default/deployments`;
      const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "st" }, spec: { replicas: 1 }, status: { replicas: 9 } };
      const created = (await (await fetch(base, { method: "POST", headers: json, body: JSON.stringify(deployment) })).json()) as { status?: unknown };
      expect(created.status).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});

describe("expired continue", () => {
  it("gets 410 Expired with a fresh continue token", async () => {
    const local = await startTestServer();
    try {
      const base = `${local.url}/api/v1/namespaces/default/configmaps`;
      for (const name of ["e1", "e2", "e3"]) {
        await fetch(base, { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } }) });
      }
      const first = (await (await fetch(`${base}?limit=1`)).json()) as { metadata: { continue: string } };
      await fetch(base, { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "e4" } }) });
      await local.storage.compact(await local.storage.currentRevision());
      const expired = await fetch(`${base}?limit=1&continue=${encodeURIComponent(first.metadata.continue)}`);
      expect(expired.status).toBe(410);
      const body = (await expired.json()) as { reason: string; metadata: { continue?: string } };
      expect(body.reason).toBe("Expired");
      expect(body.metadata.continue).toBeTruthy();
      const rest = (await (await fetch(`${base}?continue=${encodeURIComponent(body.metadata.continue ?? "")}`)).json()) as { items: { metadata: { name: string } }[] };
      expect(rest.items.map((item) => item.metadata.name)).toEqual(["e2", "e3", "e4"]);
    } finally {
      await local.close();
    }
  });
});

describe("watch from a compacted revision", () => {
  it.each([false, true])("answers 200 with an ERROR event of 410 Expired (watch cache %s)", async (watchCache) => {
    const local = await startTestServer({ watchCache });
    try {
      const base = `${local.url}/api/v1/namespaces/default/configmaps`;
      for (const name of ["c1", "c2", "c3"]) {
        await fetch(base, { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } }) });
      }
      await local.storage.compact(await local.storage.currentRevision());
      if (watchCache) {
        // The cache's window starts where it listed, so push that start past revision 1 too.
        await fetch(`${base}?limit=1`);
      }
      const response = await fetch(`${base}?watch=true&resourceVersion=1`);
      expect(response.status).toBe(200);
      const line = (await response.text()).split("\n")[0] ?? "";
      const event = JSON.parse(line) as { type: string; object: { kind: string; code: number; reason: string; message: string } };
      expect(event.type).toBe("ERROR");
      expect(event.object.kind).toBe("Status");
      expect(event.object.code).toBe(410);
      expect(event.object.reason).toBe("Expired");
      expect(event.object.message).toContain("too old resource version");
    } finally {
      await local.close();
    }
  });
});

describe("int64 beyond 2^53", () => {
  it("survives create and update exactly", async () => {
    const local = await startTestServer();
    try {
      const base = `${local.url}/apis/apps/v1/namespaces/default/deployments`;
      const body = (replicas: number) =>
        `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"big"},"spec":{"replicas":${replicas},"template":{"spec":{"securityContext":{"runAsUser":9007199254740993}}}}}`;
      expect((await fetch(base, { method: "POST", headers: json, body: body(1) })).status).toBe(201);
      const updated = await fetch(`${base}/big`, { method: "PUT", headers: json, body: body(2) });
      expect(updated.status).toBe(200);
      const text = await (await fetch(`${base}/big`)).text();
      expect(text).toContain('"runAsUser":9007199254740993');
      expect(text).toContain('"replicas":2');
    } finally {
      await local.close();
    }
  });
});
