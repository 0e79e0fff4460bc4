/**
 * Hostile and malformed requests against the API handler over plain HTTP. Every bad request
 * must get a typed Status (reason, code and a message naming the bad value), leave storage
 * as it was, and leave the server serving others. Known bugs are `it.fails` tests with a
 * one-line comment naming the bug: they turn red when the bug is fixed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { ProtobufSerializer } from "@apimachinery/serializer-protobuf";
import { afterAll, afterEach, beforeAll, describe, expect, it, test } from "vitest";
import { builtinScheme } from "../../src/index.js";
import { startTestServer, type TestServer } from "./harness.js";

interface StatusBody {
  kind: string;
  apiVersion: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { name?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

interface ObjectBody {
  kind: string;
  metadata: { name: string; uid: string; resourceVersion: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
}

const json = { "content-type": "application/json" };
const protobufType = "application/vnd.kubernetes.protobuf";
const scheme = builtinScheme();
const protobuf = new ProtobufSerializer({ schemas: scheme.schemas, kinds: scheme });

let server: TestServer;
const configMaps = (namespace = "default") => `${server.url}/api/v1/namespaces/${namespace}/configmaps`;
const deployments = () => `${server.url}/apis/apps/v1/namespaces/default/deployments`;
const configMap = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" }, ...extra });

/** Checks that a response is a JSON Status of the given code and reason whose message contains `naming`. */
async function expectStatus(response: Response, code: number, reason: string, naming?: string): Promise<StatusBody> {
  const text = await response.text();
  expect(response.status, text).toBe(code);
  expect(response.headers.get("content-type")).toBe("application/json");
  const body = JSON.parse(text) as StatusBody;
  expect(body).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason });
  if (naming !== undefined) expect(body.message).toContain(naming);
  expect(body.message).not.toMatch(/\n\s+at /);
  return body;
}

/** Creates a fresh config map and returns it as stored. */
async function createConfigMap(name: string, namespace = "default"): Promise<ObjectBody> {
  await fetch(`${configMaps(namespace)}/${name}`, { method: "DELETE" });
  const response = await fetch(configMaps(namespace), { method: "POST", headers: json, body: configMap(name) });
  expect(response.status).toBe(201);
  return (await response.json()) as ObjectBody;
}

async function getConfigMap(name: string, namespace = "default"): Promise<ObjectBody | undefined> {
  const response = await fetch(`${configMaps(namespace)}/${name}`);
  return response.status === 200 ? ((await response.json()) as ObjectBody) : undefined;
}

async function countConfigMaps(): Promise<number> {
  return ((await (await fetch(configMaps())).json()) as { items: unknown[] }).items.length;
}

/** Checks that `/healthz` returns ok and that a normal create and get still succeed. */
async function expectHealthy(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
  const name = `alive-${Math.random().toString(36).slice(2, 8)}`;
  expect((await fetch(configMaps(), { method: "POST", headers: json, body: configMap(name) })).status).toBe(201);
  expect((await getConfigMap(name))?.metadata.name).toBe(name);
  await fetch(`${configMaps()}/${name}`, { method: "DELETE" });
}

/** Writes raw bytes to the server and collects what comes back until the server closes or `stop` resolves. */
function rawExchange(data: string | Buffer, stop?: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(received));
    void stop?.then(() => socket.destroy());
    socket.write(data);
  });
}

/** Sends one request with its path exactly as given (fetch would resolve `..` and `%2e%2e` itself). */
function verbatim(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "127.0.0.1", port: Number(new URL(server.url).port), method, path, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** Builds a protobuf envelope (`k8s\0` + runtime.Unknown) with the given type meta and raw bytes. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array, extra: Buffer = Buffer.alloc(0)): Buffer {
  const field = (number: number, bytes: Uint8Array) => Buffer.concat([Buffer.from([(number << 3) | 2, bytes.length]), Buffer.from(bytes)]);
  const typeMeta = Buffer.concat([field(1, Buffer.from(apiVersion)), field(2, Buffer.from(kind))]);
  return Buffer.concat([Buffer.from("k8s\0"), field(1, typeMeta), field(2, raw), extra]);
}

const goodProtobuf = protobuf.encode({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "pb-cut" }, data: { k: "v" } } as never);

describe.each([false, true])("bad input, watch cache %s", (watchCache) => {
  beforeAll(async () => {
    server = await startTestServer({ watchCache });
  });

  afterAll(async () => {
    await server.close();
  });

  describe("malformed create bodies", () => {
    const yaml = { "content-type": "application/yaml" };
    const pb = { "content-type": protobufType };
    const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
      .concat(["b", "c", "d", "e", "f", "g", "h", "i"].map((key, index) => `${key}: &${key} [${Array(9).fill(`*${"abcdefgh"[index]}`).join(", ")}]`))
      .join("\n");
    test.each([
      ["truncated JSON", json, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t', 400, "BadRequest", "unexpected end of JSON input"],
      ["text that is not JSON", json, "hello", 400, "BadRequest", "invalid character 'h'"],
      ["a JSON array", json, "[1,2]", 400, "BadRequest", "got array"],
      ["JSON null", json, "null", 400, "BadRequest", "got null"],
      ["100k opening brackets", json, "[".repeat(100_000), 400, "BadRequest", "exceeded max depth"],
      ["100k nested objects", json, `{"data":${'{"a":'.repeat(100_000)}`, 400, "BadRequest", "exceeded max depth"],
      ["a number beyond int64", json, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n","generation":99999999999999999999999}}', 400, "BadRequest", "metadata.generation"],
      ["a string where a map belongs", json, '{"apiVersion":"v1","kind":"ConfigMap","metadata":"x"}', 400, "BadRequest", "ConfigMap.metadata"],
      ["a number where a string belongs", json, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n"},"data":{"a":1}}', 400, "BadRequest", "ConfigMap.data.a"],
      ["invalid UTF-8", json, Buffer.concat([Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"u"},"data":{"a":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]), 400, "BadRequest", "invalid UTF-8"],
      ["an empty body", json, "", 400, "BadRequest", "empty"],
      ["an unknown Content-Type", { "content-type": "text/csv" }, "a,b", 415, "UnsupportedMediaType", "text/csv"],
      ["a Content-Type of separators", { "content-type": ";;;=" }, "{}", 415, "UnsupportedMediaType", ";;;="],
      ["truncated YAML", yaml, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [", 400, "BadRequest", "error converting YAML to JSON"],
      ["YAML indented by tabs", yaml, "apiVersion: v1\n\tkind: ConfigMap", 400, "BadRequest", "tab characters"],
      ["YAML 100k brackets deep", yaml, "[".repeat(100_000), 400, "BadRequest", "maxDepth"],
      ["a YAML alias bomb", yaml, `${aliasBomb}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n`, 400, "BadRequest", "excessive aliasing"],
      ["a YAML list", yaml, "- a\n- b", 400, "BadRequest", "got array"],
      ["protobuf of random bytes", pb, Buffer.concat([Buffer.from("k8s\0"), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 73 + 11) & 255))]), 400, "BadRequest", "failed to decode protobuf"],
      ["protobuf with a huge length", pb, Buffer.concat([Buffer.from("k8s\0"), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])]), 400, "BadRequest", "runs past the end"],
      ["protobuf with the wrong magic", pb, Buffer.from("k9s\0abcd"), 400, "BadRequest", "expected prefix"],
      ["protobuf shorter than its magic", pb, Buffer.from("k8"), 400, "BadRequest", "expected prefix"],
      ["protobuf cut in the middle", pb, Buffer.from(goodProtobuf.slice(0, goodProtobuf.length - 3)), 400, "BadRequest", "failed to decode protobuf"],
      ["protobuf of a Namespace", pb, Buffer.from(protobuf.encode({ apiVersion: "v1", kind: "Namespace", metadata: { name: "pbns" } } as never)), 400, "BadRequest", "(Namespace)"],
      ["protobuf of a Deployment", pb, Buffer.from(protobuf.encode({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "pbd" } } as never)), 400, "BadRequest", "(apps/v1)"],
      ["protobuf of a kind nobody serves", pb, envelope("v1", "Frobnicator", Buffer.from([0x0a, 0x03, 0x61, 0x62])), 400, "BadRequest", "Frobnicator"],
      ["protobuf with garbage raw bytes", pb, envelope("v1", "ConfigMap", Buffer.from([0x0a, 0x20, 0x61, 0x62])), 400, "BadRequest", "field metadata"],
      ["a 2 MiB value", json, configMap("huge-value", { data: { a: "x".repeat(2 * 1024 * 1024) } }), 413, "RequestEntityTooLarge", "limit is"],
    ] as const)("%s is a typed Status and stores nothing", async (_label, headers, body, code, reason, naming) => {
      const before = await countConfigMaps();
      await expectStatus(await fetch(configMaps(), { method: "POST", headers, body }), code, reason, naming);
      expect(await countConfigMaps()).toBe(before);
    });

    test.each([
      ["replicas beyond int32", '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":99999999999999999999999}}', "DeploymentSpec.spec.replicas"],
      ["fractional replicas", '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1.5}}', "1.5"],
      ["replicas as a string", '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":"three"}}', "spec.replicas"],
    ])("a deployment with %s is BadRequest", async (_label, body, naming) => {
      await expectStatus(await fetch(deployments(), { method: "POST", headers: json, body }), 400, "BadRequest", naming);
      expect((await fetch(`${deployments()}/d`)).status).toBe(404);
    });

    test.each([
      ["a string", "'3'", '"3"'],
      ["beyond int32", "2147483648", "2147483648"],
      ["a bool", "true", "true"],
    ])("YAML replicas that are %s are BadRequest", async (_label, replicas, naming) => {
      const body = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: yaml-typed}\nspec: {replicas: ${replicas}}\n`;
      const status = await expectStatus(await fetch(deployments(), { method: "POST", headers: { "content-type": "application/yaml" }, body }), 400, "BadRequest", naming);
      expect(status.message).toContain("spec.replicas");
      expect((await fetch(`${deployments()}/yaml-typed`)).status).toBe(404);
    });

    it("dry-run YAML create with string replicas is BadRequest", async () => {
      const body = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: yaml-dry}\nspec: {replicas: '3'}\n";
      await expectStatus(await fetch(`${deployments()}?dryRun=All`, { method: "POST", headers: { "content-type": "application/yaml" }, body }), 400, "BadRequest", "spec.replicas");
    });

    it("dry-run patch with string replicas is BadRequest", async () => {
      await fetch(`${deployments()}/patch-dry`, { method: "DELETE" });
      const created = await fetch(deployments(), { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "patch-dry" }, spec: { replicas: 1 } }) });
      expect(created.status).toBe(201);
      const response = await fetch(`${deployments()}/patch-dry?dryRun=All`, { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: '{"spec":{"replicas":"three"}}' });
      await expectStatus(response, 400, "BadRequest", "spec.replicas");
    });

    it("strict field validation rejects duplicate fields by name", async () => {
      const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup"}}';
      await expectStatus(await fetch(`${configMaps()}?fieldValidation=Strict`, { method: "POST", headers: json, body }), 400, "BadRequest", 'duplicate field "metadata.name"');
      expect(await getConfigMap("dup")).toBeUndefined();
    });

    it("create response matches what was stored", async () => {
      const response = await fetch(configMaps(), { method: "POST", headers: json, body: configMap("echo-unknown", { bogus: 1 }) });
      expect(response.status).toBe(201);
      expect(((await response.json()) as Record<string, unknown>)["bogus"]).toBeUndefined();
    });

    it("serves after malformed bodies", async () => {
      await expectHealthy();
    });
  });

  describe("oversized bodies", () => {
    it("a body over 3 MiB with Content-Length is RequestEntityTooLarge", async () => {
      const body = configMap("too-big-cl", { data: { a: "x".repeat(3 * 1024 * 1024 + 16) } });
      await expectStatus(await fetch(configMaps(), { method: "POST", headers: json, body }), 413, "RequestEntityTooLarge", "3145728");
      expect(await getConfigMap("too-big-cl")).toBeUndefined();
    });

    it("a chunked body over 3 MiB without Content-Length is RequestEntityTooLarge", async () => {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(configMaps(), { method: "POST", headers: { ...json, "transfer-encoding": "chunked" } }, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        });
        request.on("error", reject);
        request.write('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"too-big-chunked"},"data":{"a":"');
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < 64) {
            sent++;
            if (!request.write(chunk)) {
              request.once("drain", pump);
              return;
            }
          }
          request.end('"}}');
        };
        pump();
      });
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({ kind: "Status", reason: "RequestEntityTooLarge", code: 413 });
      expect(await getConfigMap("too-big-chunked")).toBeUndefined();
    });

    it("100 GB Content-Length is RequestEntityTooLarge", async () => {
      const reply = await rawExchange(
        `POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(reply).toContain('"reason":"RequestEntityTooLarge"');
      expect(reply).toContain("99999999999");
    });

    it("a chunked body that never ends does not block other requests", async () => {
      let release: () => void = () => undefined;
      const stop = new Promise<void>((resolve) => (release = resolve));
      const stalled = rawExchange(
        `POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n`,
        stop,
      );
      await expectHealthy();
      release();
      expect(await stalled).toBe("");
      await expectHealthy();
    });

    it("a Content-Length longer than the body does not block other requests", async () => {
      let release: () => void = () => undefined;
      const stop = new Promise<void>((resolve) => (release = resolve));
      const stalled = rawExchange(`POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}`, stop);
      await expectHealthy();
      release();
      expect(await stalled).toBe("");
    });

    test.each([
      ["a non-numeric Content-Length", "Content-Length: abc\r\n", "{}"],
      ["both Content-Length and chunked", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"],
    ])("%s is refused with 400", async (_label, header, body) => {
      const reply = await rawExchange(`POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${header}Connection: close\r\n\r\n${body}`);
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      await expectHealthy();
    });
  });

  describe("object names", () => {
    it.each(["..", ".", "a/b", "a%b"])("create named %j is Invalid", async (name) => {
      const response = await fetch(configMaps(), { method: "POST", headers: json, body: configMap(name) });
      const status = await expectStatus(response, 422, "Invalid", "metadata.name");
      expect(status.message).toContain(name);
    });

    // DNS-style name rules belong to each kind's strategy, and the test server's kinds have none.
    test.each(["Bad_Name", "x".repeat(300), "UPPER"])("create named %j is stored without a strategy", async (name) => {
      expect((await fetch(configMaps(), { method: "POST", headers: json, body: configMap(name) })).status).toBe(201);
      expect((await getConfigMap(name))?.metadata.name).toBe(name);
    });

    it("create without a name is Invalid naming metadata.name", async () => {
      const status = await expectStatus(await fetch(configMaps(), { method: "POST", headers: json, body: configMap("") }), 422, "Invalid", "metadata.name");
      expect(status.details?.causes?.[0]).toMatchObject({ reason: "FieldValueRequired", field: "metadata.name" });
    });

    test.each([
      ["namespace differs from the URL", JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "nsm", namespace: "other" } }), "namespace of the provided object does not match"],
      ["apiVersion of another group", JSON.stringify({ apiVersion: "apps/v1", kind: "ConfigMap", metadata: { name: "avm" } }), "(apps/v1)"],
      ["kind of another resource", JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "km" } }), "(Secret)"],
    ])("create whose %s is BadRequest", async (_label, body, naming) => {
      const before = await countConfigMaps();
      await expectStatus(await fetch(configMaps(), { method: "POST", headers: json, body }), 400, "BadRequest", naming);
      expect(await countConfigMaps()).toBe(before);
    });

    it("POST to an object URL is MethodNotAllowed", async () => {
      await expectStatus(await fetch(`${configMaps()}/some`, { method: "POST", headers: json, body: configMap("some") }), 405, "MethodNotAllowed", "ConfigMap");
    });
  });

  describe("odd paths", () => {
    test.each([
      ["/api/v1/namespaces/default/configmaps/a/b/c", "the server could not find the requested resource"],
      ["/apis/unknown.group/v1", "the server could not find the requested resource"],
      ["/apis/unknown.group/v1/foos", "the server could not find the requested resource"],
      ["/api/v2/configmaps", "the server could not find the requested resource"],
      ["/api/v1/namespaces/default/configmaps/p/status", "the server could not find the requested resource"],
      ["/apis/apps/v1/namespaces/default/deployments/x/scale", "the server could not find the requested resource"],
      [`/api/v1/namespaces/default/configmaps/${"x".repeat(10_000)}`, "xxxxxxxx"],
      [`/${"a/".repeat(5000)}`, "the server could not find the requested resource"],
      ["/healthz/extra", "the server could not find the requested resource"],
    ])("GET %s is NotFound", async (path, naming) => {
      await expectStatus(await fetch(`${server.url}${path}`), 404, "NotFound", naming);
    });

    test.each([
      ["/api/v1/namespaces/default/configmaps/a%2Fb", "a segment may not contain"],
      ["/%ZZ", "not valid percent-encoding"],
    ])("GET %s is BadRequest", async (path, naming) => {
      await expectStatus(await fetch(`${server.url}${path}`), 400, "BadRequest", naming);
    });

    it.each(["..", "%2e%2e", ".%2e", "..\\..\\default"])("GET of a config map named %s does not read another resource", async (segment) => {
      const reply = await verbatim("GET", `/api/v1/namespaces/default/configmaps/${segment}`);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect((JSON.parse(reply.body) as { kind: string }).kind).toBe("Status");
    });

    it.each(["..", "%2e%2e"])("DELETE of a config map named %s leaves the namespace alone", async (segment) => {
      const namespace = `victim-${watchCache ? "c" : "s"}-${segment === ".." ? "dots" : "enc"}`;
      const created = await fetch(`${server.url}/api/v1/namespaces`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }),
      });
      expect(created.status).toBe(201);
      await verbatim("DELETE", `/api/v1/namespaces/${namespace}/configmaps/${segment}`);
      expect((await fetch(`${server.url}/api/v1/namespaces/${namespace}`)).status).toBe(200);
    });

    it("a path that climbs out with .. past the resource is BadRequest", async () => {
      const reply = await verbatim("GET", "/api/v1/namespaces/default/configmaps/p/../../../namespaces/default");
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ kind: "Status", reason: "BadRequest" });
    });

    it("a percent-encoded name addresses the decoded name", async () => {
      await createConfigMap("p");
      expect((await verbatim("GET", "/api/v1/namespaces/default/configmaps/%70")).status).toBe(200);
    });

    it("a path starting with // does not drop its first segment", async () => {
      await createConfigMap("p");
      expect((await verbatim("GET", "//x/api/v1/namespaces/default/configmaps/p")).status).toBe(400);
    });
  });

  describe("odd methods and Accept headers", () => {
    test.each(["OPTIONS", "PROPFIND"])("%s on a resource is a Status", async (method) => {
      const response = await fetch(`${configMaps()}/p`, { method });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(((await response.json()) as StatusBody).kind).toBe("Status");
    });

    it("TRACE is a Status, not an echo of the request", async () => {
      const reply = await rawExchange("TRACE /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nX-Secret: hunter2\r\nConnection: close\r\n\r\n");
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(reply).toContain('"kind":"Status"');
      expect(reply).not.toContain("hunter2");
    });

    it("CONNECT and garbage keep it serving", async () => {
      await rawExchange("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
      expect(await rawExchange("GARBAGE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 /);
      expect(await rawExchange(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: ${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
      await expectHealthy();
    });

    test.each([
      ["application/json;q=abc;foo"],
      ["application/json;q=0"],
      ["text/csv"],
      ["application/json;as=Bogus;v=v1;g=meta.k8s.io"],
      ["application/json;as=Table;v=v1;g=apps"],
    ])("Accept %s is NotAcceptable naming the served types", async (accept) => {
      await expectStatus(await fetch(configMaps(), { headers: { accept } }), 406, "NotAcceptable", "application/json");
    });

    it("PartialObjectMetadataList of one object is NotAcceptable", async () => {
      await createConfigMap("p");
      const accept = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io";
      await expectStatus(await fetch(`${configMaps()}/p`, { headers: { accept } }), 406, "NotAcceptable", "PartialObjectMetadataList");
    });

    it("an Accept header with thousands of parameters is served", async () => {
      expect((await fetch(configMaps(), { headers: { accept: `application/json;${"a=b;".repeat(2000)}` } })).status).toBe(200);
    });

    it("a watch that asks for YAML is NotAcceptable in YAML", async () => {
      const response = await fetch(`${configMaps()}?watch=true&timeoutSeconds=1`, { headers: { accept: "application/yaml" } });
      expect(response.status).toBe(406);
      expect(await response.text()).toContain("reason: NotAcceptable");
    });

    it("includeObject=Bogus is BadRequest", async () => {
      const response = await fetch(`${configMaps()}?includeObject=Bogus`, { headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } });
      await expectStatus(response, 400, "BadRequest", "Bogus");
    });
  });

  describe("query parameters", () => {
    test.each([
      ["limit=-1", 400, "BadRequest", '"-1"'],
      ["limit=abc", 400, "BadRequest", '"abc"'],
      ["limit=1.5", 400, "BadRequest", '"1.5"'],
      ["limit=99999999999999999999", 400, "BadRequest", "99999999999999999999"],
      ["resourceVersion=abc", 400, "BadRequest", '"abc"'],
      ["resourceVersion=-5", 400, "BadRequest", '"-5"'],
      ["resourceVersionMatch=Exact", 400, "BadRequest", "resourceVersionMatch"],
      ["resourceVersion=0&resourceVersionMatch=Exact", 400, "BadRequest", '"0"'],
      ["resourceVersion=1&resourceVersionMatch=Sometime", 400, "BadRequest", "Sometime"],
      ["resourceVersion=99999999", 504, "Timeout", "99999999"],
      ["resourceVersion=99999999&resourceVersionMatch=NotOlderThan", 504, "Timeout", "99999999"],
      ["continue=garbage", 400, "BadRequest", "continue key is not valid"],
      ["continue=e30", 400, "BadRequest", "continue key is not valid"],
      [`continue=${Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: 3, start: "../kube-system/" })).toString("base64url")}`, 400, "BadRequest", "../kube-system/"],
      [`continue=${Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: 3, start: "x" })).toString("base64url")}&resourceVersion=3`, 400, "BadRequest", "continue"],
      ["labelSelector=!!!", 400, "BadRequest", "'!'"],
      ["labelSelector=a%20in%20(", 400, "BadRequest", "unable to parse requirement"],
      [`labelSelector=${"a".repeat(10_000)}%3Db`, 400, "BadRequest", "aaaaaaaa"],
      ["fieldSelector=a==b==c", 400, "BadRequest", '"="'],
      ["fieldSelector=spec.bogus%3Dx", 400, "BadRequest", "spec.bogus"],
      ["watch=true&resourceVersion=abc", 400, "BadRequest", '"abc"'],
      ["watch=true&timeoutSeconds=x", 400, "BadRequest", '"x"'],
      ["watch=true&timeoutSeconds=-1", 400, "BadRequest", '"-1"'],
      ["watch=true&labelSelector=!!!", 400, "BadRequest", "'!'"],
      ["watch=true&sendInitialEvents=true", 422, "Invalid", "allowWatchBookmarks"],
    ])("GET ?%s is %i %s", async (query, code, reason, naming) => {
      await expectStatus(await fetch(`${configMaps()}?${query}`), code, reason, naming);
    });

    test.each([
      ["dryRun=Some", "Some"],
      ["fieldValidation=Sometimes", "Sometimes"],
    ])("POST ?%s is BadRequest and stores nothing", async (query, naming) => {
      await expectStatus(await fetch(`${configMaps()}?${query}`, { method: "POST", headers: json, body: configMap("query-create") }), 400, "BadRequest", naming);
      expect(await getConfigMap("query-create")).toBeUndefined();
    });

    it("list with timeoutSeconds=x is BadRequest", async () => {
      await expectStatus(await fetch(`${configMaps()}?timeoutSeconds=x`), 400, "BadRequest", '"x"');
    });

    it("watch from a future revision times out", async () => {
      const response = await fetch(`${configMaps()}?watch=true&resourceVersion=99999999&timeoutSeconds=1`);
      expect(response.status).toBe(200);
      await response.text();
    });
  });

  describe("patches", () => {
    const jsonPatch = { "content-type": "application/json-patch+json" };
    const mergePatch = { "content-type": "application/merge-patch+json" };
    const strategic = { "content-type": "application/strategic-merge-patch+json" };

    test.each([
      ["JSON patch removing a missing path", jsonPatch, '[{"op":"remove","path":"/data/nope"}]', 400, "BadRequest", "/data/nope"],
      ["JSON patch replacing under a missing parent", jsonPatch, '[{"op":"replace","path":"/spec/x","value":1}]', 400, "BadRequest", "/spec/x"],
      ["JSON patch whose test fails", jsonPatch, '[{"op":"test","path":"/data/a","value":"zzz"}]', 400, "BadRequest", "test"],
      ["JSON patch with an unknown op", jsonPatch, '[{"op":"frob","path":"/data/a"}]', 400, "BadRequest", "frob"],
      ["JSON patch op without a path", jsonPatch, '[{"op":"add","value":1}]', 400, "BadRequest", "path"],
      ["JSON patch that is an object", jsonPatch, '{"op":"add"}', 400, "BadRequest", "object"],
      ["JSON patch moving from a missing path", jsonPatch, '[{"op":"move","from":"/nope","path":"/data/x"}]', 400, "BadRequest", "nope"],
      ["JSON patch through __proto__", jsonPatch, '[{"op":"add","path":"/__proto__/polluted","value":"yes"}]', 400, "BadRequest", "__proto__"],
      ["JSON patch renaming the object", jsonPatch, '[{"op":"replace","path":"/metadata/name","value":"q"}]', 400, "BadRequest", "(q)"],
      ["JSON patch with a stale resourceVersion", jsonPatch, '[{"op":"replace","path":"/metadata/resourceVersion","value":"1"}]', 409, "Conflict", '"patch-me"'],
      ["JSON patch with resourceVersion abc", jsonPatch, '[{"op":"replace","path":"/metadata/resourceVersion","value":"abc"}]', 400, "BadRequest", '"abc"'],
      ["JSON patch changing the kind", jsonPatch, '[{"op":"replace","path":"/kind","value":"Secret"}]', 400, "BadRequest", "(Secret)"],
      ["JSON patch moving the namespace", jsonPatch, '[{"op":"replace","path":"/metadata/namespace","value":"kube-system"}]', 400, "BadRequest", "namespace"],
      ["JSON patch setting a number in data", jsonPatch, '[{"op":"replace","path":"/data/a","value":5}]', 400, "BadRequest", "data.a"],
      ["JSON patch replacing the root with an array", jsonPatch, '[{"op":"replace","path":"","value":[1]}]', 400, "BadRequest", "object"],
      ["merge patch that is an array", mergePatch, "[1,2]", 400, "BadRequest", "JSON object"],
      ["merge patch that is null", mergePatch, "null", 400, "BadRequest", "JSON object"],
      ["truncated merge patch", mergePatch, '{"data":', 400, "BadRequest", "unexpected end of JSON input"],
      ["empty merge patch", mergePatch, "", 400, "BadRequest", "unexpected end of JSON input"],
      ["merge patch 5000 levels deep", mergePatch, `{"x":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`, 400, "BadRequest", "exceeded max depth"],
      ["merge patch renaming the object", mergePatch, '{"metadata":{"name":"q"}}', 400, "BadRequest", "(q)"],
      ["merge patch with a stale resourceVersion", mergePatch, '{"metadata":{"resourceVersion":"1"}}', 409, "Conflict", '"patch-me"'],
      ["merge patch with resourceVersion abc", mergePatch, '{"metadata":{"resourceVersion":"abc"}}', 400, "BadRequest", '"abc"'],
      ["merge patch setting a number in data", mergePatch, '{"data":{"a":5}}', 400, "BadRequest", "data.a"],
      ["strategic merge patch that is an array", strategic, "[]", 400, "BadRequest", "JSON object"],
      ["strategic merge patch with $patch: bogus", strategic, '{"$patch":"bogus","data":{"c":"d"}}', 400, "BadRequest", '"bogus"'],
      ["strategic merge patch with a nested $patch: bogus", strategic, '{"data":{"$patch":"bogus"}}', 400, "BadRequest", '"bogus"'],
      ["strategic merge patch with $retainKeys that is a string", strategic, '{"data":{"$retainKeys":"x"}}', 400, "BadRequest", "$retainKeys"],
      ["apply patch, which is not served", { "content-type": "application/apply-patch+yaml" }, "apiVersion: v1\nkind: ConfigMap\n", 415, "UnsupportedMediaType", "application/apply-patch+yaml"],
      ["patch without a patch Content-Type", json, "{}", 415, "UnsupportedMediaType", "application/json"],
    ] as const)("%s is a typed Status and leaves the object unchanged", async (_label, headers, body, code, reason, naming) => {
      const before = await createConfigMap("patch-me");
      await expectStatus(await fetch(`${configMaps()}/patch-me`, { method: "PATCH", headers, body }), code, reason, naming);
      expect(await getConfigMap("patch-me")).toEqual(before);
    });

    it("patch of a missing object is NotFound, whatever the body", async () => {
      await expectStatus(await fetch(`${configMaps()}/nope`, { method: "PATCH", headers: mergePatch, body: "[" }), 404, "NotFound", '"nope"');
    });

    it("patch of the collection is a Status", async () => {
      const response = await fetch(configMaps(), { method: "PATCH", headers: mergePatch, body: "{}" });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(((await response.json()) as StatusBody).kind).toBe("Status");
    });

    it.each([
      ['[{"op":"replace","path":"","value":null}]'],
      ['[{"op":"remove","path":""}]'],
    ])("JSON patch %s is BadRequest", async (patch) => {
      const before = await createConfigMap("patch-null");
      const response = await fetch(`${configMaps()}/patch-null`, { method: "PATCH", headers: jsonPatch, body: patch });
      await expectStatus(response, 400, "BadRequest");
      expect(await getConfigMap("patch-null")).toEqual(before);
    });

    // Bug: fieldValidation=Strict is not applied to patches, so unknown fields pass silently.
    it.fails("merge patch with an unknown field under Strict is BadRequest", async () => {
      await createConfigMap("patch-strict");
      const response = await fetch(`${configMaps()}/patch-strict?fieldValidation=Strict`, { method: "PATCH", headers: mergePatch, body: '{"bogus":1}' });
      await expectStatus(response, 400, "BadRequest", "bogus");
    });

    it("patch changing metadata.uid is refused", async () => {
      await createConfigMap("patch-uid");
      const response = await fetch(`${configMaps()}/patch-uid`, { method: "PATCH", headers: mergePatch, body: '{"metadata":{"uid":"00000000-0000-0000-0000-000000000000"}}' });
      expect([409, 422]).toContain(response.status);
    });

    it("patch changing metadata.uid never changes the stored uid", async () => {
      const before = await createConfigMap("patch-uid-kept");
      await fetch(`${configMaps()}/patch-uid-kept`, { method: "PATCH", headers: mergePatch, body: '{"metadata":{"uid":"00000000-0000-0000-0000-000000000000"}}' });
      expect((await getConfigMap("patch-uid-kept"))?.metadata.uid).toBe(before.metadata.uid);
    });

    it("serves after bad patches", async () => {
      await expectHealthy();
    });
  });

  describe("updates", () => {
    const put = (name: string, body: string, namespace = "default") => fetch(`${configMaps(namespace)}/${name}`, { method: "PUT", headers: json, body });
    const withMeta = (metadata: Record<string, unknown>) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata, data: { a: "changed" } });

    test.each([
      ["resourceVersion abc", withMeta({ name: "put-me", resourceVersion: "abc" }), 400, "BadRequest", '"abc"'],
      ["resourceVersion beyond int64", withMeta({ name: "put-me", resourceVersion: "99999999999999999999" }), 400, "BadRequest", "99999999999999999999"],
      ["a stale resourceVersion", withMeta({ name: "put-me", resourceVersion: "1" }), 409, "Conflict", '"put-me"'],
      ["a name that differs from the URL", withMeta({ name: "q" }), 400, "BadRequest", "(q)"],
      ["a namespace that differs from the URL", withMeta({ name: "put-me", namespace: "kube-system" }), 400, "BadRequest", "namespace"],
      ["an empty body", "", 400, "BadRequest", "empty"],
      ["truncated JSON", '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"put-me"', 400, "BadRequest", "unexpected end of JSON input"],
      ["another kind", JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "put-me" } }), 400, "BadRequest", "(Secret)"],
    ])("PUT with %s is a typed Status and leaves the object unchanged", async (_label, body, code, reason, naming) => {
      const before = await createConfigMap("put-me");
      await expectStatus(await put("put-me", body), code, reason, naming);
      expect(await getConfigMap("put-me")).toEqual(before);
    });

    it.each([
      ["hexadecimal", (revision: number) => `0x${revision.toString(16)}`],
      ["exponent-notation", (revision: number) => `${revision}e0`],
      ["space-padded", (revision: number) => ` ${revision}`],
    ])("PUT with a %s resourceVersion is BadRequest", async (_label, spell) => {
      const before = await createConfigMap("put-spelled");
      const resourceVersion = spell(Number(before.metadata.resourceVersion));
      await expectStatus(await put("put-spelled", withMeta({ name: "put-spelled", resourceVersion })), 400, "BadRequest", resourceVersion);
      expect(await getConfigMap("put-spelled")).toEqual(before);
    });

    it("PUT into a missing namespace is NotFound", async () => {
      await expectStatus(await put("x", withMeta({ name: "x" }), "nowhere"), 404, "NotFound", '"nowhere"');
    });

    it("PUT with another uid is Conflict", async () => {
      await createConfigMap("put-uid");
      await expectStatus(await put("put-uid", withMeta({ name: "put-uid", uid: "other" })), 409, "Conflict", "other");
    });
  });

  describe("deletes", () => {
    const del = (name: string, body?: string, query = "") =>
      fetch(`${configMaps()}/${name}${query}`, { method: "DELETE", ...(body === undefined ? {} : { headers: json, body }) });

    test.each([
      ["truncated DeleteOptions", "{", "", 400, "BadRequest", "unexpected end of JSON input"],
      ["DeleteOptions that are an array", "[1]", "", 400, "BadRequest", "DeleteOptions"],
      ["an unknown propagationPolicy", '{"propagationPolicy":"Sometimes"}', "", 400, "BadRequest", '"Sometimes"'],
      ["a numeric propagationPolicy", '{"propagationPolicy":5}', "", 400, "BadRequest", "propagationPolicy"],
      ["a UID precondition that does not match", '{"preconditions":{"uid":"nope"}}', "", 409, "Conflict", "nope"],
      ["a resourceVersion precondition that does not match", '{"preconditions":{"resourceVersion":"1"}}', "", 409, "Conflict", "ResourceVersion in precondition: 1"],
      ["a YAML body", "dryRun: [All]", "", 400, "BadRequest", "invalid character"],
      ["gracePeriodSeconds=-1 in the query", undefined, "?gracePeriodSeconds=-1", 400, "BadRequest", '"-1"'],
      ["gracePeriodSeconds=x in the query", undefined, "?gracePeriodSeconds=x", 400, "BadRequest", '"x"'],
      ["dryRun=Some in the query", undefined, "?dryRun=Some", 400, "BadRequest", '"Some"'],
      ["propagationPolicy=Bogus in the query", undefined, "?propagationPolicy=Bogus", 400, "BadRequest", '"Bogus"'],
    ])("DELETE with %s is a typed Status and deletes nothing", async (_label, body, query, code, reason, naming) => {
      const before = await createConfigMap("delete-me");
      await expectStatus(await del("delete-me", body, query), code, reason, naming);
      expect(await getConfigMap("delete-me")).toEqual(before);
    });

    it.each([
      ['{"gracePeriodSeconds":"soon"}', "soon"],
      ['{"gracePeriodSeconds":1.5}', "1.5"],
      ['{"preconditions":"x"}', "preconditions"],
      ['{"dryRun":["Some"]}', "Some"],
      ['{"dryRun":"All"}', "dryRun"],
      ['{"orphanDependents":"yes"}', "orphanDependents"],
      ['{"kind":"Pod","apiVersion":"v1"}', "Pod"],
    ])("DELETE with DeleteOptions %s is BadRequest and deletes nothing", async (body, naming) => {
      const before = await createConfigMap("delete-typed");
      await expectStatus(await del("delete-typed", body), 400, "BadRequest", naming);
      expect(await getConfigMap("delete-typed")).toEqual(before);
    });

    it("DELETE of a missing object is NotFound naming it", async () => {
      await expectStatus(await del("never-was"), 404, "NotFound", '"never-was"');
    });
  });

  describe("collection deletes", () => {
    const namespace = `collection-${watchCache ? "cached" : "direct"}`;
    const names = ["c1", "c2", "c3"];

    /** Fills the test namespace with three config maps and returns their names as stored. */
    async function seed(): Promise<string[]> {
      await fetch(`${server.url}/api/v1/namespaces`, { method: "POST", headers: json, body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }) });
      for (const name of names) await fetch(configMaps(namespace), { method: "POST", headers: json, body: configMap(name) });
      return listNames();
    }

    async function listNames(): Promise<string[]> {
      const list = (await (await fetch(configMaps(namespace))).json()) as { items: ObjectBody[] };
      return list.items.map((item) => item.metadata.name);
    }

    test.each([
      ["labelSelector=!!!", "'!'"],
      ["fieldSelector=spec.x%3D1", "spec.x"],
      ["dryRun=Some", '"Some"'],
    ])("DELETE collection ?%s is BadRequest and deletes nothing", async (query, naming) => {
      expect(await seed()).toEqual(names);
      await expectStatus(await fetch(`${configMaps(namespace)}?${query}`, { method: "DELETE" }), 400, "BadRequest", naming);
      expect(await listNames()).toEqual(names);
    });

    it("DELETE collection with dryRun in the body deletes nothing", async () => {
      expect(await seed()).toEqual(names);
      expect((await fetch(configMaps(namespace), { method: "DELETE", headers: json, body: '{"dryRun":["All"]}' })).status).toBe(200);
      expect(await listNames()).toEqual(names);
    });

    it("DELETE collection with truncated DeleteOptions is BadRequest", async () => {
      expect(await seed()).toEqual(names);
      await expectStatus(await fetch(configMaps(namespace), { method: "DELETE", headers: json, body: "{" }), 400, "BadRequest", "unexpected end of JSON input");
      expect(await listNames()).toEqual(names);
    });

    it.each([
      ["limit=abc", '"abc"'],
      ["resourceVersion=abc", '"abc"'],
      ["gracePeriodSeconds=x", '"x"'],
      ["propagationPolicy=Bogus", '"Bogus"'],
    ])("DELETE collection ?%s is BadRequest and deletes nothing", async (query, naming) => {
      expect(await seed()).toEqual(names);
      await expectStatus(await fetch(`${configMaps(namespace)}?${query}`, { method: "DELETE" }), 400, "BadRequest", naming);
      expect(await listNames()).toEqual(names);
    });
  });

  describe("generated input", () => {
    /** Returns a deterministic pseudo-random generator, so a failing case can be replayed. */
    function generator(seed: number): () => number {
      let state = seed;
      return () => {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        return state / 0x7fffffff;
      };
    }

    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "fuzzed", labels: { a: "b" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { a: "b" } },
        template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i", ports: [{ containerPort: 80 }], env: [{ name: "A", value: "1" }] }] } },
      },
    };
    const deploymentYaml = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: fuzzed, labels: {a: b}}",
      "spec:",
      "  replicas: 2",
      "  selector: {matchLabels: {a: b}}",
      "  template:",
      "    metadata: {labels: {a: b}}",
      "    spec:",
      "      containers:",
      "      - {name: c, image: i, ports: [{containerPort: 80}]}",
      "",
    ].join("\n");
    const syntax = [0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x30, 0x2d, 0x0a, 0x20, 0x26, 0x2a, 0x21];

    test.each([
      ["JSON", "application/json", () => Buffer.from(JSON.stringify(deployment))],
      ["YAML", "application/yaml", () => Buffer.from(deploymentYaml)],
      ["protobuf", protobufType, () => Buffer.from(protobuf.encode(deployment as never))],
    ])("200 mutated %s creates get a Status or succeed", async (_label, contentType, original) => {
      const random = generator(12345);
      const seedBody = original();
      for (let round = 0; round < 200; round++) {
        const body = Buffer.from(seedBody);
        const edits = 1 + Math.floor(random() * 4);
        for (let edit = 0; edit < edits; edit++) {
          const at = Math.floor(random() * body.length);
          const choice = random();
          if (choice < 0.5) body[at] = Math.floor(random() * 256);
          else if (choice < 0.75) body[at] = body[Math.floor(random() * body.length)] ?? 0;
          else body[at] = syntax[Math.floor(random() * syntax.length)] ?? 0;
        }
        const sent = random() < 0.2 ? body.subarray(0, Math.floor(random() * body.length)) : body;
        const response = await fetch(deployments(), { method: "POST", headers: { "content-type": contentType }, body: sent });
        const text = await response.text();
        const replay = `round ${round}: ${sent.toString("latin1").slice(0, 200)} => ${text.slice(0, 200)}`;
        expect([201, 400, 409, 413, 422], replay).toContain(response.status);
        if (response.status !== 201) expect(JSON.parse(text), replay).toMatchObject({ kind: "Status", status: "Failure" });
        if (response.status === 201) await fetch(`${deployments()}/${(JSON.parse(text) as ObjectBody).metadata.name}`, { method: "DELETE" });
      }
      await expectHealthy();
    });

    it("1000 generated patches get a Status or succeed", async () => {
      const random = generator(777);
      const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
      const leaves: unknown[] = [null, 0, -1, 1.5, 1e300, "", "x", true, [], {}, [null], { $patch: "delete" }, { $patch: "replace" }, [{ name: "c", $patch: "delete" }], { $retainKeys: ["a"] }, [1, 2]];
      // The root path "" is left out: turning the document into null is the 500 of the JSON patch it.fails test above.
      const paths = ["/metadata", "/metadata/name", "/metadata/labels/a", "/spec", "/spec/replicas", "/spec/template/spec/containers", "/spec/template/spec/containers/0", "/spec/template/spec/containers/-", "/spec/template/spec/containers/99", "/status", "/kind", "/~1", "/spec/template/spec/containers/-1"];
      const keys = ["metadata", "spec", "status", "kind", "apiVersion", "replicas", "template", "containers", "labels", "name", "$patch", "$retainKeys", "$setElementOrder/containers", "finalizers", "env"];
      const value = (depth: number): unknown => {
        if (depth > 3 || random() < 0.4) return pick(leaves);
        if (random() < 0.3) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
        return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 3) }, () => [pick(keys), value(depth + 1)]));
      };
      const create = () => fetch(deployments(), { method: "POST", headers: json, body: JSON.stringify(deployment) });
      await create();
      for (let round = 0; round < 1000; round++) {
        const type = pick(["json-patch", "merge-patch", "strategic-merge-patch"] as const);
        const patch =
          type === "json-patch"
            ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ op: pick(["add", "remove", "replace", "move", "copy", "test"]), path: pick(paths), from: pick(paths), value: value(1) }))
            : value(0);
        const target = `${deployments()}/fuzzed${random() < 0.2 ? "/status" : ""}`;
        const response = await fetch(target, { method: "PATCH", headers: { "content-type": `application/${type}+json` }, body: JSON.stringify(patch) });
        const text = await response.text();
        const replay = `round ${round}: ${type} ${JSON.stringify(patch).slice(0, 200)} => ${text.slice(0, 200)}`;
        expect([200, 400, 404, 409, 422], replay).toContain(response.status);
        if (response.status !== 200) expect(JSON.parse(text), replay).toMatchObject({ kind: "Status", status: "Failure" });
        if (response.status === 404) await create();
      }
      await expectHealthy();
    });
  });

  describe("watches", () => {
    const watchQueries = ["watch=true", "watch=true&resourceVersion=0", "watch=true&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"];

    it("200 dropped watches leave it serving", async () => {
      const controllers = Array.from({ length: 200 }, () => new AbortController());
      const statuses = await Promise.all(
        controllers.map(async (controller, index) => {
          const query = watchQueries[index % watchQueries.length];
          const response = await fetch(`${configMaps()}?${query}`, { signal: controller.signal });
          return response.status;
        }),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
      for (const controller of controllers) controller.abort();
      await expectHealthy();
    });

    it("watch with timeoutSeconds=3000000 stays open", async () => {
      const list = (await (await fetch(configMaps())).json()) as { metadata: { resourceVersion: string } };
      const controller = new AbortController();
      const response = await fetch(`${configMaps()}?watch=true&timeoutSeconds=3000000&resourceVersion=${list.metadata.resourceVersion}`, { signal: controller.signal });
      expect(response.status).toBe(200);
      await createConfigMap("long-watch");
      const reader = response.body!.getReader();
      const first = await reader.read();
      controller.abort();
      expect(first.done).toBe(false);
      expect(new TextDecoder().decode(first.value)).toContain('"long-watch"');
    });

    it("watch of a missing object times out", async () => {
      const response = await fetch(`${configMaps()}/never-was?watch=true&timeoutSeconds=1`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    });
  });
});

describe("paths that new URL() rejects", () => {
  const harnessPath = fileURLToPath(new URL("./harness.ts", import.meta.url));
  const childScript = [
    "const { startTestServer } = await import(process.argv[1]);",
    "const server = await startTestServer({});",
    "console.log(server.url);",
  ].join("\n");
  let child: ChildProcess | undefined;

  /** Starts the test server in a child process, so a crash ends the child and not the test worker. */
  async function startChild(): Promise<string> {
    const started = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "--input-type=module", "-e", childScript, harnessPath], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    started.stderr?.resume();
    return new Promise((resolve, reject) => {
      let output = "";
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const line = output.split("\n")[0] ?? "";
        if (output.includes("\n")) resolve(line.trim());
      });
      started.once("exit", (code) => reject(new Error(`the child server exited with code ${String(code)} before it printed its URL`)));
    });
  }

  afterEach(() => {
    if (child?.exitCode === null) child.kill();
    child = undefined;
  });

  // Bug: the handler calls new URL() on the raw request target outside its error handling, so a target like "//[" throws and kills the process.
  it.fails.each(["//[", "//%00", "//a:b:c"])("GET %s leaves the server running", async (target) => {
    const url = await startChild();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(url).port), "127.0.0.1");
      socket.on("error", () => resolve());
      socket.on("close", () => resolve());
      socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
