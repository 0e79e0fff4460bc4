import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { builtinScheme } from "@apimachinery/apiserver";
import { decodeWatchEvent, hasMagic, lengthDelimitedFramer, ProtobufSerializer } from "@apimachinery/serializer-protobuf";
import { startControlPlane, type ControlPlane } from "@apimachinery/server";
import { adminClient, openRawStream, sendRaw, type AdminClient, type RawResponse } from "../src/index.js";
import { caseRegistrar, type ObjectJson } from "./support/harness.js";

// Requests shaped as client-go's typed clients send them: protobuf bodies and an Accept
// header that prefers protobuf and falls back to anything.
const PROTOBUF = "application/vnd.kubernetes.protobuf";
const ACCEPT = `${PROTOBUF}, */*`;
const WATCH_ACCEPT = `${PROTOBUF};stream=watch, */*`;

/**
 * Cases known to fail, by case name with the reason. They run with `it.fails`, so that a
 * fix turns them red until they leave the list.
 */
const knownFailures = new Map<string, string>();
const it = caseRegistrar(knownFailures);

const scheme = builtinScheme();
const serializer = new ProtobufSerializer({ schemas: scheme.schemas, kinds: scheme });

interface ListJson {
  kind: string;
  metadata: { resourceVersion: string };
  items: ObjectJson[];
}

interface StatusJson {
  kind: string;
  reason: string;
  code: number;
  message: string;
}

let controlPlane: ControlPlane;
let dataDir: string;
let client: AdminClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-protobuf-"));
  controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "sqlite" });
  client = adminClient(controlPlane.url, dataDir);
});

afterAll(async () => {
  await controlPlane.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Encodes any object with apiVersion and kind, such as a manifest literal. */
const encode = (object: { apiVersion: string; kind: string; [field: string]: unknown }) => serializer.encode(object);

/** Decodes a protobuf response body, failing with the body as text when it is not protobuf. */
function decodeBody<T>(response: RawResponse): T {
  if (!hasMagic(response.body)) throw new Error(`expected a protobuf body, got ${response.status} ${response.headers["content-type"]}: ${Buffer.from(response.body).toString("utf8")}`);
  return serializer.decode(response.body).object as unknown as T;
}

const configMapBody = (name: string, data: Record<string, string>) =>
  encode({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data });

const createConfigMap = (name: string, data: Record<string, string>) =>
  sendRaw(client, {
    method: "POST",
    path: "/api/v1/namespaces/default/configmaps",
    headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
    body: configMapBody(name, data),
  });

describe("protobuf requests", () => {
  it("creates an object", async () => {
    const response = await createConfigMap("pb-created", { a: "1" });
    expect(response.status).toBe(201);
    expect(response.headers["content-type"]).toBe(PROTOBUF);
    const created = decodeBody<ObjectJson>(response);
    expect(created.kind).toBe("ConfigMap");
    expect(created.metadata.name).toBe("pb-created");
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(created.data).toEqual({ a: "1" });
  });

  it("gets an object", async () => {
    const created = decodeBody<ObjectJson>(await createConfigMap("pb-got", { key: "value" }));
    const response = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps/pb-got", headers: { Accept: ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(PROTOBUF);
    const got = decodeBody<ObjectJson>(response);
    expect(got.metadata.uid).toBe(created.metadata.uid);
    expect(got.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(got.data).toEqual({ key: "value" });
  });

  it("reads protobuf writes as JSON", async () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "pb-deployment", namespace: "default", labels: { app: "pb" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "pb" } },
        template: { metadata: { labels: { app: "pb" } }, spec: { containers: [{ name: "web", image: "nginx:1", ports: [{ containerPort: 80 }] }] } },
      },
    };
    const created = await sendRaw(client, {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
      body: encode(deployment),
    });
    expect(created.status).toBe(201);

    const response = await sendRaw(client, { path: "/apis/apps/v1/namespaces/default/deployments/pb-deployment", headers: { Accept: "application/json" } });
    expect(response.headers["content-type"]).toBe("application/json");
    const stored = JSON.parse(Buffer.from(response.body).toString("utf8")) as ObjectJson;
    expect(stored.spec).toMatchObject(deployment.spec);
  });

  it("lists objects", async () => {
    await createConfigMap("pb-listed", { a: "1" });
    const response = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps", headers: { Accept: ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(PROTOBUF);
    const list = decodeBody<ListJson>(response);
    expect(list.kind).toBe("ConfigMapList");
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(list.items.map((item) => item.metadata.name)).toContain("pb-listed");
    const listed = list.items.find((item) => item.metadata.name === "pb-listed");
    expect(listed?.data).toEqual({ a: "1" });
  });

  it("lists metadata only", async () => {
    await createConfigMap("pb-metadata", { secret: "not in the answer" });
    // The Accept header of client-go's metadata client.
    const accept = `${PROTOBUF};as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json`;
    const response = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps", headers: { Accept: accept } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/vnd\.kubernetes\.protobuf/);
    const list = decodeBody<ListJson & { apiVersion: string }>(response);
    expect(list.kind).toBe("PartialObjectMetadataList");
    expect(list.apiVersion).toBe("meta.k8s.io/v1");
    const item = list.items.find((entry) => entry.metadata.name === "pb-metadata");
    expect(item?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(item?.data).toBeUndefined();
  });

  it("watches in protobuf frames", async () => {
    const list = decodeBody<ListJson>(await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps", headers: { Accept: ACCEPT } }));
    const stream = await openRawStream(client, {
      path: `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=20`,
      headers: { Accept: WATCH_ACCEPT },
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers["content-type"]).toBe(`${PROTOBUF};stream=watch`);

      const events: { type: string; object: ObjectJson }[] = [];
      const reader = lengthDelimitedFramer.newFrameReader();
      const seen = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch saw ${JSON.stringify(events.map((event) => event.type))} in 20 s`)), 20_000);
        stream.onData((chunk) => {
          for (const frame of reader.push(chunk)) {
            const event = decodeWatchEvent(frame);
            events.push({ type: event.type, object: serializer.decode(event.object, { group: "", version: "v1", kind: "ConfigMap" }).object as unknown as ObjectJson });
          }
          if (events.length >= 3) {
            clearTimeout(timer);
            resolve();
          }
        });
      });

      await createConfigMap("pb-watched", { state: "first" });
      await sendRaw(client, {
        method: "PATCH",
        path: "/api/v1/namespaces/default/configmaps/pb-watched",
        headers: { "Content-Type": "application/merge-patch+json", Accept: ACCEPT },
        body: new TextEncoder().encode('{"data":{"state":"second"}}'),
      });
      await sendRaw(client, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/pb-watched", headers: { Accept: ACCEPT } });
      await seen;

      expect(events.map((event) => `${event.type} ${event.object.metadata.name} ${event.object.data?.["state"]}`)).toEqual([
        "ADDED pb-watched first",
        "MODIFIED pb-watched second",
        "DELETED pb-watched second",
      ]);
      expect(events.every((event) => event.object.kind === "ConfigMap")).toBe(true);
    } finally {
      stream.close();
    }
  });

  it("answers a missing object with a protobuf Status", async () => {
    const response = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps/pb-missing", headers: { Accept: ACCEPT } });
    expect(response.status).toBe(404);
    const status = decodeBody<StatusJson>(response);
    expect(status.kind).toBe("Status");
    expect(status.reason).toBe("NotFound");
    expect(status.code).toBe(404);
    expect(status.message).toBe('configmaps "pb-missing" not found');
  });

  it("rejects a malformed protobuf body", async () => {
    const body = configMapBody("pb-truncated", { a: "1" });
    const response = await sendRaw(client, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
      body: body.subarray(0, body.length - 3),
    });
    expect(response.status).toBe(400);
    expect(decodeBody<StatusJson>(response).reason).toBe("BadRequest");

    const missing = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps/pb-truncated", headers: { Accept: ACCEPT } });
    expect(missing.status).toBe(404);
  });

  it("rejects a protobuf body of another kind", async () => {
    const response = await sendRaw(client, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
      body: encode({ apiVersion: "v1", kind: "Secret", metadata: { name: "pb-secret", namespace: "default" } }),
    });
    expect(response.status).toBe(400);
    expect(decodeBody<StatusJson>(response).reason).toBe("BadRequest");
  });

  it("rejects a stale update with a protobuf Status", async () => {
    const created = decodeBody<ObjectJson>(await createConfigMap("pb-stale", { a: "1" }));
    const update = (value: string) =>
      sendRaw(client, {
        method: "PUT",
        path: "/api/v1/namespaces/default/configmaps/pb-stale",
        headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
        body: encode({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "pb-stale", namespace: "default", resourceVersion: created.metadata.resourceVersion }, data: { a: value } }),
      });
    const first = await update("2");
    expect(first.status).toBe(200);
    expect(decodeBody<ObjectJson>(first).data).toEqual({ a: "2" });

    const stale = await update("3");
    expect(stale.status).toBe(409);
    const status = decodeBody<StatusJson>(stale);
    expect(status.reason).toBe("Conflict");
    expect(status.code).toBe(409);
  });

  it("deletes with protobuf DeleteOptions", async () => {
    const created = decodeBody<ObjectJson>(await createConfigMap("pb-deleted", { a: "1" }));
    const options = (uid: string) => encode({ apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid }, propagationPolicy: "Background" });
    const wrongUid = await sendRaw(client, {
      method: "DELETE",
      path: "/api/v1/namespaces/default/configmaps/pb-deleted",
      headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
      body: options("00000000-0000-0000-0000-000000000000"),
    });
    expect(wrongUid.status).toBe(409);
    expect(decodeBody<StatusJson>(wrongUid).reason).toBe("Conflict");

    const deleted = await sendRaw(client, {
      method: "DELETE",
      path: "/api/v1/namespaces/default/configmaps/pb-deleted",
      headers: { "Content-Type": PROTOBUF, Accept: ACCEPT },
      body: options(created.metadata.uid),
    });
    expect(deleted.status).toBe(200);
    const missing = await sendRaw(client, { path: "/api/v1/namespaces/default/configmaps/pb-deleted", headers: { Accept: ACCEPT } });
    expect(missing.status).toBe(404);
  });

  it("streams initial events before a bookmark", async () => {
    await createConfigMap("pb-initial", { a: "1" });
    const stream = await openRawStream(client, {
      path: "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=20",
      headers: { Accept: WATCH_ACCEPT },
    });
    try {
      expect(stream.status).toBe(200);
      const events: { type: string; object: ObjectJson }[] = [];
      const reader = lengthDelimitedFramer.newFrameReader();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no BOOKMARK in 20 s after ${JSON.stringify(events.map((event) => event.type))}`)), 20_000);
        stream.onData((chunk) => {
          for (const frame of reader.push(chunk)) {
            const event = decodeWatchEvent(frame);
            events.push({ type: event.type, object: serializer.decode(event.object, { group: "", version: "v1", kind: "ConfigMap" }).object as unknown as ObjectJson });
            if (event.type === "BOOKMARK") {
              clearTimeout(timer);
              resolve();
            }
          }
        });
      });

      const bookmark = events.at(-1);
      expect(bookmark?.object.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
      expect(bookmark?.object.metadata.resourceVersion).toMatch(/^\d+$/);
      const initial = events.slice(0, -1);
      expect(initial.every((event) => event.type === "ADDED")).toBe(true);
      expect(initial.map((event) => event.object.metadata.name)).toContain("pb-initial");
    } finally {
      stream.close();
    }
  });
});
