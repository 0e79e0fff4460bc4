import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { OPENAPI_V2_PROTOBUF_TYPE, openApiV2DocumentType } from "../../src/openapi/index.js";
import { startTestServer, type TestServer } from "../endpoints/harness.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** Fetches without automatic decompression, so that Content-Encoding is visible. */
async function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const { request } = await import("node:http");
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(response.headers)) if (typeof value === "string") responseHeaders.set(key, value);
        resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const sha512 = (body: Buffer) => createHash("sha512").update(body).digest("hex").toUpperCase();

describe("/openapi/v2", () => {
  it("serves JSON by default", async () => {
    const response = await raw("/openapi/v2");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const document = JSON.parse(response.body.toString()) as { swagger: string; definitions: Record<string, unknown> };
    expect(document.swagger).toBe("2.0");
    expect(document.definitions["io.k8s.api.apps.v1.Deployment"]).toBeDefined();
  });

  it("serves protobuf when asked", async () => {
    const response = await raw("/openapi/v2", { accept: `${OPENAPI_V2_PROTOBUF_TYPE}, application/json` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    const type = openApiV2DocumentType();
    const decoded = type.toObject(type.decode(response.body)) as { swagger: string; definitions: { additional_properties: { name: string }[] } };
    expect(decoded.swagger).toBe("2.0");
    expect(decoded.definitions.additional_properties.map((entry) => entry.name)).toContain("io.k8s.api.core.v1.ConfigMap");
  });

  it("gzips when the client accepts it", async () => {
    const plain = await raw("/openapi/v2", { accept: OPENAPI_V2_PROTOBUF_TYPE });
    const gzipped = await raw("/openapi/v2", { accept: OPENAPI_V2_PROTOBUF_TYPE, "accept-encoding": "gzip" });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
  });

  it("sends a stable ETag and answers 304", async () => {
    const first = await raw("/openapi/v2");
    const second = await raw("/openapi/v2");
    const etag = first.headers.get("etag");
    expect(etag).toBe(`"${sha512(first.body)}"`);
    expect(second.headers.get("etag")).toBe(etag);
    const cached = await raw("/openapi/v2", { "if-none-match": etag ?? "" });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  it("tags JSON and protobuf differently", async () => {
    const json = await raw("/openapi/v2");
    const protobuf = await raw("/openapi/v2", { accept: OPENAPI_V2_PROTOBUF_TYPE });
    expect(json.headers.get("etag")).not.toBe(protobuf.headers.get("etag"));
  });

  it("rejects an unsupported Accept with 406", async () => {
    // The Status of the error is encoded in the media type that the Accept header requests: YAML.
    const response = await raw("/openapi/v2", { accept: "application/yaml" });
    expect(response.status).toBe(406);
    expect(response.body.toString()).toMatch(/^reason: NotAcceptable$/m);
    expect(response.body.toString()).toContain(OPENAPI_V2_PROTOBUF_TYPE);
  });
});

describe("/openapi/v3", () => {
  it("indexes each group version with its hash", async () => {
    const response = await raw("/openapi/v3");
    expect(response.status).toBe(200);
    const index = JSON.parse(response.body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths).sort()).toEqual(["api/v1", "apis/apps/v1"]);
    for (const [key, entry] of Object.entries(index.paths)) {
      const document = await raw(entry.serverRelativeURL);
      expect(document.status).toBe(200);
      expect(entry.serverRelativeURL).toBe(`/openapi/v3/${key}?hash=${sha512(document.body)}`);
      expect(document.headers.get("cache-control")).toBe("public, immutable");
      expect(document.headers.get("etag")).toBe(`"${sha512(document.body)}"`);
    }
  });

  it("serves a stale hash without immutable caching", async () => {
    const response = await raw("/openapi/v3/apis/apps/v1?hash=0123");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache, private");
  });

  it("answers 304 for the current ETag", async () => {
    const first = await raw("/openapi/v3/api/v1");
    const cached = await raw("/openapi/v3/api/v1", { "if-none-match": `W/${first.headers.get("etag") ?? ""}` });
    expect(cached.status).toBe(304);
  });

  test.each(["/openapi/v3/apis/apps/v2", "/openapi/v3/apis/batch/v1", "/openapi/v3/api", "/openapi/v3/apis/apps/v1/extra", "/openapi/v4", "/openapi"])(
    "%s is not found",
    async (path) => {
      const response = await raw(path);
      expect(response.status).toBe(404);
      expect((JSON.parse(response.body.toString()) as { reason: string }).reason).toBe("NotFound");
    },
  );

  it("rejects a protobuf-only Accept with 406", async () => {
    const response = await raw("/openapi/v3/apis/apps/v1", { accept: "application/com.github.proto-openapi.spec.v3@v1.0+protobuf" });
    expect(response.status).toBe(406);
  });
});
