import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { startControlPlane, type ControlPlane } from "@apimachinery/server";
import { adminClient, sendRaw, type AdminClient, type RawRequest, type RawResponse } from "../src/index.js";
import { caseRegistrar } from "./support/harness.js";

// Each error path over HTTPS against the running server: the HTTP code, and the Status
// body with its reason, code and message, as kubectl and client-go read them.

/**
 * Cases known to fail, by case name with the reason. They run with `it.fails`, so that a
 * fix turns them red until they leave the list.
 */
const knownFailures = new Map<string, string>();
const it = caseRegistrar(knownFailures);

interface StatusJson {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { name?: string; kind?: string; group?: string; causes?: { reason?: string; field?: string; message?: string }[] };
}

let controlPlane: ControlPlane;
let dataDir: string;
let client: AdminClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-errors-"));
  controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "sqlite" });
  client = adminClient(controlPlane.url, dataDir);
});

afterAll(async () => {
  await controlPlane.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const encoder = new TextEncoder();

/** Sends a request with JSON in and out unless the request names other media types. */
function send(request: RawRequest & { json?: unknown; text?: string }): Promise<RawResponse> {
  let body = request.body;
  if (request.json !== undefined) body = encoder.encode(JSON.stringify(request.json));
  else if (request.text !== undefined) body = encoder.encode(request.text);
  return sendRaw(client, {
    ...request,
    headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...request.headers },
    ...(body === undefined ? {} : { body }),
  });
}

/** Parses a Status body, failing with the body as text when it is no Status. */
function statusOf(response: RawResponse): StatusJson {
  const text = Buffer.from(response.body).toString("utf8");
  let status: StatusJson;
  try {
    status = JSON.parse(text) as StatusJson;
  } catch {
    throw new Error(`expected a Status in JSON, got ${response.status}: ${text}`);
  }
  if (status.kind !== "Status") throw new Error(`expected a Status, got ${response.status}: ${text}`);
  return status;
}

const configMap = (name: string, namespace = "default", extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace },
  data: { a: "1" },
  ...extra,
});

const collection = (namespace = "default") => `/api/v1/namespaces/${namespace}/configmaps`;

describe("error responses", () => {
  it("rejects a request without a client certificate", async () => {
    const response = await sendRaw({ ...client, cert: undefined, key: undefined }, { path: "/api/v1/namespaces", headers: { Accept: "application/json" } });
    expect(response.status).toBe(401);
    const status = statusOf(response);
    expect(status.reason).toBe("Unauthorized");
    expect(status.code).toBe(401);
  });

  it("reports a missing object as NotFound", async () => {
    const response = await send({ path: `${collection()}/absent` });
    expect(response.status).toBe(404);
    const status = statusOf(response);
    expect(status).toMatchObject({ status: "Failure", reason: "NotFound", code: 404, message: 'configmaps "absent" not found' });
    expect(status.details).toMatchObject({ name: "absent", kind: "configmaps" });
  });

  it("reports an unknown resource as NotFound", async () => {
    const response = await send({ path: "/api/v1/namespaces/default/widgets" });
    expect(response.status).toBe(404);
    expect(statusOf(response).reason).toBe("NotFound");
  });

  it("reports a duplicate as AlreadyExists", async () => {
    await send({ method: "POST", path: collection(), json: configMap("twice") });
    const response = await send({ method: "POST", path: collection(), json: configMap("twice") });
    expect(response.status).toBe(409);
    expect(statusOf(response)).toMatchObject({ reason: "AlreadyExists", code: 409, message: 'configmaps "twice" already exists' });
  });

  it("reports a stale resourceVersion as Conflict", async () => {
    const created = JSON.parse(Buffer.from((await send({ method: "POST", path: collection(), json: configMap("stale") })).body).toString("utf8")) as {
      metadata: { resourceVersion: string };
    };
    const fresh = { ...configMap("stale"), metadata: { name: "stale", namespace: "default", resourceVersion: created.metadata.resourceVersion }, data: { a: "2" } };
    expect((await send({ method: "PUT", path: `${collection()}/stale`, json: fresh })).status).toBe(200);

    const response = await send({ method: "PUT", path: `${collection()}/stale`, json: { ...fresh, data: { a: "3" } } });
    expect(response.status).toBe(409);
    const status = statusOf(response);
    expect(status.reason).toBe("Conflict");
    expect(status.message).toContain("the object has been modified; please apply your changes to the latest version and try again");
  });

  it("reports a failed uid precondition as Conflict", async () => {
    await send({ method: "POST", path: collection(), json: configMap("guarded") });
    const response = await send({
      method: "DELETE",
      path: `${collection()}/guarded`,
      json: { apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid: "00000000-0000-0000-0000-000000000000" } },
    });
    expect(response.status).toBe(409);
    expect(statusOf(response).reason).toBe("Conflict");
    expect((await send({ path: `${collection()}/guarded` })).status).toBe(200);
  });

  it("reports an invalid name as Invalid", async () => {
    const response = await send({ method: "POST", path: collection(), json: configMap("Not_Valid") });
    expect(response.status).toBe(422);
    const status = statusOf(response);
    expect(status.reason).toBe("Invalid");
    expect(status.code).toBe(422);
    expect(status.message).toContain('ConfigMap "Not_Valid" is invalid');
    expect(status.details?.causes).toEqual(expect.arrayContaining([expect.objectContaining({ reason: "FieldValueInvalid", field: "metadata.name" })]));
  });

  it("reports malformed JSON as BadRequest", async () => {
    const response = await send({ method: "POST", path: collection(), text: '{"apiVersion": "v1", "kind": "ConfigMap", ' });
    expect(response.status).toBe(400);
    expect(statusOf(response)).toMatchObject({ reason: "BadRequest", code: 400 });
  });

  it("reports an unknown field under Strict as BadRequest", async () => {
    const response = await send({ method: "POST", path: `${collection()}?fieldValidation=Strict`, json: configMap("strict", "default", { bogusField: 1 }) });
    expect(response.status).toBe(400);
    const status = statusOf(response);
    expect(status.reason).toBe("BadRequest");
    expect(status.message).toContain('unknown field "bogusField"');
  });

  it("warns of an unknown field under Warn", async () => {
    const response = await send({ method: "POST", path: `${collection()}?fieldValidation=Warn`, json: configMap("warned", "default", { bogusField: 1 }) });
    expect(response.status).toBe(201);
    // A Warning header is `299 - "<text>"`, with quotes in the text escaped.
    expect(response.headers["warning"]).toBe('299 - "unknown field \\"bogusField\\""');
  });

  it("rejects an unknown content type", async () => {
    const response = await send({ method: "POST", path: collection(), text: "a: 1", headers: { "Content-Type": "text/plain" } });
    expect(response.status).toBe(415);
    expect(statusOf(response)).toMatchObject({ reason: "UnsupportedMediaType", code: 415 });
  });

  it("rejects an unknown patch type", async () => {
    await send({ method: "POST", path: collection(), json: configMap("patched") });
    const response = await send({ method: "PATCH", path: `${collection()}/patched`, text: "{}", headers: { "Content-Type": "application/x-unknown-patch" } });
    expect(response.status).toBe(415);
    expect(statusOf(response).reason).toBe("UnsupportedMediaType");
  });

  it("rejects an unacceptable Accept", async () => {
    const response = await send({ path: collection(), headers: { Accept: "text/html" } });
    expect(response.status).toBe(406);
    expect(statusOf(response)).toMatchObject({ reason: "NotAcceptable", code: 406 });
  });

  it("rejects a body over 3 MiB", async () => {
    const response = await send({ method: "POST", path: collection(), json: configMap("huge", "default", { data: { a: "x".repeat(3 * 1024 * 1024 + 1) } }) });
    expect(response.status).toBe(413);
    expect(statusOf(response)).toMatchObject({ reason: "RequestEntityTooLarge", code: 413 });
  });

  it("rejects a malformed continue token", async () => {
    const response = await send({ path: `${collection()}?limit=1&continue=not-a-token` });
    expect(response.status).toBe(400);
    expect(statusOf(response).reason).toBe("BadRequest");
  });

  it("rejects a method the resource does not serve", async () => {
    const response = await send({ method: "PUT", path: collection(), json: configMap("collection") });
    expect(response.status).toBe(405);
    expect(statusOf(response)).toMatchObject({ reason: "MethodNotAllowed", code: 405 });
  });

  it("reports a missing namespace as NotFound", async () => {
    const response = await send({ method: "POST", path: collection("nowhere"), json: configMap("lost", "nowhere") });
    expect(response.status).toBe(404);
    expect(statusOf(response)).toMatchObject({ reason: "NotFound", message: 'namespaces "nowhere" not found' });
  });

  it("forbids creating in a terminating namespace", async () => {
    const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "closing", finalizers: ["example.com/hold"] } };
    expect((await send({ method: "POST", path: "/api/v1/namespaces", json: namespace })).status).toBe(201);
    await send({ method: "DELETE", path: "/api/v1/namespaces/closing" });

    const response = await send({ method: "POST", path: collection("closing"), json: configMap("late", "closing") });
    expect(response.status).toBe(403);
    const status = statusOf(response);
    expect(status.reason).toBe("Forbidden");
    expect(status.details?.causes).toEqual(expect.arrayContaining([expect.objectContaining({ reason: "NamespaceTerminating" })]));
  });

  it("names the object in a NamespaceTerminating message", async () => {
    const response = await send({ method: "POST", path: collection("closing"), json: configMap("named-late", "closing") });
    expect(statusOf(response).message).toBe('configmaps "named-late" is forbidden: unable to create new content in namespace closing because it is being terminated');
  });

  it("ends a watch from an evicted revision with Expired", async () => {
    const first = JSON.parse(Buffer.from((await send({ method: "POST", path: collection(), json: configMap("churn-0") })).body).toString("utf8")) as {
      metadata: { resourceVersion: string };
    };
    // The watch cache keeps the last 1024 events by default, so 1100 more writes evict the first.
    for (let batch = 0; batch < 22; batch++) {
      const writes = Array.from({ length: 50 }, (_, index) => send({ method: "POST", path: collection(), json: configMap(`churn-${batch * 50 + index + 1}`) }));
      expect((await Promise.all(writes)).every((response) => response.status === 201)).toBe(true);
    }

    const response = await send({ path: `${collection()}?watch=true&resourceVersion=${first.metadata.resourceVersion}&timeoutSeconds=5` });
    expect(response.status).toBe(200);
    const events = Buffer.from(response.body).toString("utf8").split("\n").filter((line) => line !== "");
    expect(events).toHaveLength(1);
    const event = JSON.parse(events[0] ?? "{}") as { type: string; object: StatusJson };
    expect(event.type).toBe("ERROR");
    expect(event.object).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
    expect(event.object.message).toMatch(/^too old resource version: /);
  });
});
