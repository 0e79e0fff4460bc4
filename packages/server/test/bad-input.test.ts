/**
 * Hostile and malformed requests against the full control plane over TLS, with HTTP/1.1
 * and HTTP/2 (kubectl uses HTTP/2), on memory and SQLite storage. Known bugs are
 * `it.fails` tests with a one-line comment naming the bug: they turn red when it is fixed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { connect, constants, type ClientHttp2Session } from "node:http2";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, test } from "vitest";
import { startControlPlane, type ControlPlane } from "../src/index.js";

interface Reply {
  status: number;
  body: string;
}

interface StatusBody {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
}

const configMapsPath = (namespace = "default") => `/api/v1/namespaces/${namespace}/configmaps`;
const configMap = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" }, ...extra });

describe.each(["memory", "sqlite"] as const)("bad input over TLS, %s storage", (storage) => {
  let controlPlane: ControlPlane;
  let dataDir: string;
  let session: ClientHttp2Session;

  const pki = (file: string) => readFileSync(path.join(dataDir, "pki", file));

  /** Sends one HTTP/1.1 request with the admin certificate, unless `anonymous`. */
  function h1(method: string, pathname: string, body?: string | Buffer, headers: Record<string, string> = {}, anonymous = false): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        new URL(pathname, controlPlane.url),
        {
          method,
          ca: pki("ca.crt"),
          ...(anonymous ? {} : { cert: pki("admin.crt"), key: pki("admin.key") }),
          headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  /** Sends one HTTP/2 request on the shared session. The path goes out exactly as given. */
  function h2(method: string, pathname: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const stream = session.request(
        { ":method": method, ":path": pathname, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        { endStream: body === undefined },
      );
      let status = 0;
      let text = "";
      stream.on("response", (responseHeaders) => (status = Number(responseHeaders[":status"])));
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (text += chunk));
      stream.on("end", () => resolve({ status, body: text }));
      stream.on("error", reject);
      if (body !== undefined) stream.end(body);
    });
  }

  function expectStatus(reply: Reply, code: number, reason: string, naming?: string): StatusBody {
    expect(reply.status, reply.body).toBe(code);
    const status = JSON.parse(reply.body) as StatusBody;
    expect(status).toMatchObject({ kind: "Status", status: "Failure", code, reason });
    if (naming !== undefined) expect(status.message).toContain(naming);
    expect(status.message).not.toMatch(/\n\s+at /);
    return status;
  }

  /** Checks that `/healthz` returns ok over both protocols and that a create and get succeed. */
  async function expectHealthy(): Promise<void> {
    expect(await h2("GET", "/healthz")).toEqual({ status: 200, body: "ok" });
    expect(await h1("GET", "/healthz")).toEqual({ status: 200, body: "ok" });
    const name = `alive-${Math.random().toString(36).slice(2, 8)}`;
    expect((await h2("POST", configMapsPath(), configMap(name))).status).toBe(201);
    expect((await h1("GET", `${configMapsPath()}/${name}`)).status).toBe(200);
    await h2("DELETE", `${configMapsPath()}/${name}`);
  }

  async function recreate(name: string): Promise<string> {
    await h2("DELETE", `${configMapsPath()}/${name}`);
    const created = await h2("POST", configMapsPath(), configMap(name));
    expect(created.status).toBe(201);
    return (await stored(name)) ?? "";
  }

  async function stored(name: string): Promise<string | undefined> {
    const reply = await h2("GET", `${configMapsPath()}/${name}`);
    return reply.status === 200 ? reply.body : undefined;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-bad-input-"));
    controlPlane = await startControlPlane({ dataDir, securePort: 0, storage });
    session = connect(controlPlane.url, { ca: pki("ca.crt"), cert: pki("admin.crt"), key: pki("admin.key") });
  });

  afterAll(async () => {
    session.close();
    await controlPlane.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe("malformed bodies", () => {
    test.each([
      ["truncated JSON", '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t', {}, 400, "BadRequest", "unexpected end of JSON input"],
      ["100k opening brackets", "[".repeat(100_000), {}, 400, "BadRequest", "exceeded max depth"],
      ["a number beyond int64", '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n","generation":1e30}}', {}, 400, "BadRequest", "metadata.generation"],
      ["protobuf of random bytes", Buffer.concat([Buffer.from("k8s\0"), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])]), { "content-type": "application/vnd.kubernetes.protobuf" }, 400, "BadRequest", "failed to decode protobuf"],
      ["protobuf with the wrong magic", Buffer.from("k9s\0abcd"), { "content-type": "application/vnd.kubernetes.protobuf" }, 400, "BadRequest", "expected prefix"],
      ["YAML cut in a flow", "metadata: {name: [", { "content-type": "application/yaml" }, 400, "BadRequest", "error converting YAML to JSON"],
      ["an unknown Content-Type", "a,b", { "content-type": "text/csv" }, 415, "UnsupportedMediaType", "text/csv"],
    ] as const)("%s is a typed Status over HTTP/1.1 and HTTP/2", async (_label, body, headers, code, reason, naming) => {
      expectStatus(await h1("POST", configMapsPath(), body, headers), code, reason, naming);
      expectStatus(await h2("POST", configMapsPath(), body, headers), code, reason, naming);
    });

    it("an unauthenticated malformed body is Unauthorized", async () => {
      expectStatus(await h1("POST", configMapsPath(), "{", {}, true), 401, "Unauthorized");
    });

    it("an HTTP/2 body over 3 MiB is RequestEntityTooLarge", async () => {
      const body = configMap("too-big-h2", { data: { a: "x".repeat(3 * 1024 * 1024 + 16) } });
      expectStatus(await h2("POST", configMapsPath(), body), 413, "RequestEntityTooLarge");
      expect(await stored("too-big-h2")).toBeUndefined();
    });

    it("a stalled HTTP/2 body blocks no other stream", async () => {
      const stalled = session.request({ ":method": "POST", ":path": configMapsPath(), "content-type": "application/json" }, { endStream: false });
      let responded = false;
      stalled.on("response", () => (responded = true));
      stalled.on("error", () => undefined);
      stalled.write('{"apiVersion":');
      await expectHealthy();
      expect(responded).toBe(false);
      stalled.close(constants.NGHTTP2_CANCEL);
      await expectHealthy();
    });

    test.each([
      ["shorter", "5"],
      ["longer", "5000"],
    ])("an HTTP/2 Content-Length %s than the body resets only its stream", async (_label, length) => {
      await expect(h2("POST", configMapsPath(), configMap("lying-length"), { "content-length": length })).rejects.toThrow(/NGHTTP2_PROTOCOL_ERROR/);
      expect(await stored("lying-length")).toBeUndefined();
      await expectHealthy();
    });
  });

  describe("requests", () => {
    test.each([
      ["GET", `${configMapsPath()}?limit=-1`, 400, "BadRequest", '"-1"'],
      ["GET", `${configMapsPath()}?labelSelector=!!!`, 400, "BadRequest", "'!'"],
      ["GET", `${configMapsPath()}?fieldSelector=a==b==c`, 400, "BadRequest", '"="'],
      ["GET", `${configMapsPath()}?continue=garbage`, 400, "BadRequest", "continue key is not valid"],
      ["GET", `${configMapsPath()}?watch=true&resourceVersion=abc`, 400, "BadRequest", '"abc"'],
      ["GET", `${configMapsPath()}/a/b/c`, 404, "NotFound", "the server could not find the requested resource"],
      ["GET", "/apis/unknown.group/v1", 404, "NotFound", "the server could not find the requested resource"],
      ["OPTIONS", configMapsPath(), 405, "MethodNotAllowed", "the server does not allow the method OPTIONS"],
      ["TRACE", configMapsPath(), 405, "MethodNotAllowed", "the server does not allow the method TRACE"],
    ])("HTTP/2 %s %s is %i %s", async (method, pathname, code, reason, naming) => {
      expectStatus(await h2(method, pathname), code, reason, naming);
    });

    it("HTTP/2 path of 50,000 characters is NotFound", async () => {
      expectStatus(await h2("GET", `${configMapsPath()}/${"x".repeat(50_000)}`), 404, "NotFound", "xxxxxxxx");
    });

    it("HTTP/2 Accept with odd parameters is NotAcceptable", async () => {
      expectStatus(await h2("GET", configMapsPath(), undefined, { accept: "application/json;q=abc;foo" }), 406, "NotAcceptable", "application/json");
    });

    it("100 HTTP/2 watches opened and cancelled leave it serving", async () => {
      const streams = Array.from({ length: 100 }, () => session.request({ ":method": "GET", ":path": `${configMapsPath()}?watch=true` }));
      const statuses = await Promise.all(
        streams.map((stream) => new Promise<number>((resolve) => stream.once("response", (headers) => resolve(Number(headers[":status"]))))),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
      for (const stream of streams) {
        stream.on("error", () => undefined);
        stream.close(constants.NGHTTP2_CANCEL);
      }
      await expectHealthy();
    });

    it("create response carries the resourceVersion", async () => {
      await h2("DELETE", `${configMapsPath()}/with-version`);
      const created = JSON.parse((await h2("POST", configMapsPath(), configMap("with-version"))).body) as { metadata: { resourceVersion?: string } };
      const read = JSON.parse((await stored("with-version")) ?? "{}") as { metadata: { resourceVersion?: string } };
      expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(created.metadata.resourceVersion).toBe(read.metadata.resourceVersion);
    });

    it("a bad merge patch leaves the object unchanged", async () => {
      const before = await recreate("patched");
      const reply = await h2("PATCH", `${configMapsPath()}/patched`, '{"data":{"a":5}}', { "content-type": "application/merge-patch+json" });
      expectStatus(reply, 400, "BadRequest", "data.a");
      expect(JSON.parse((await stored("patched")) ?? "{}")).toEqual(JSON.parse(before));
    });

    it("a failed DELETE precondition deletes nothing", async () => {
      await recreate("guarded");
      expectStatus(await h2("DELETE", `${configMapsPath()}/guarded`, '{"preconditions":{"uid":"nope"}}'), 409, "Conflict", "nope");
      expect(await stored("guarded")).toBeDefined();
    });
  });

  describe("validation", () => {
    test.each(["Bad_Name", "x".repeat(300), "..", ".", "a/b", " lead", "-lead", "UPPER"])("create named %j is Invalid", async (name) => {
      const status = expectStatus(await h2("POST", configMapsPath(), configMap(name)), 422, "Invalid", "metadata.name");
      expect(status.message).toContain(name);
    });

    it("Pod without containers is Invalid", async () => {
      const pod = JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "empty-pod" }, spec: {} });
      expectStatus(await h2("POST", "/api/v1/namespaces/default/pods", pod), 422, "Invalid", "spec.containers");
      expect((await h2("GET", "/api/v1/namespaces/default/pods/empty-pod")).status).toBe(404);
    });

    test.each([
      ["a CPU quantity of lots", "pods", { kind: "Pod", metadata: { name: "q" }, spec: { containers: [{ name: "c", image: "i", resources: { limits: { cpu: "lots" } } }] } }, 400, "BadRequest", '"lots"'],
      ["a targetPort that is an object", "services", { kind: "Service", metadata: { name: "s3" }, spec: { ports: [{ port: 80, targetPort: { a: 1 } }] } }, 400, "BadRequest", "targetPort"],
      ["secret data that is not base64", "secrets", { kind: "Secret", metadata: { name: "b64" }, data: { a: "!!!notbase64" } }, 400, "BadRequest", "Secret.data.a"],
      ["a port of 99999", "services", { kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 99999 }] } }, 422, "Invalid", "99999"],
    ] as const)("create with %s is %i %s", async (_label, resource, object, code, reason, naming) => {
      const body = JSON.stringify({ apiVersion: "v1", ...object });
      expectStatus(await h2("POST", `/api/v1/namespaces/default/${resource}`, body), code, reason, naming);
      expect((await h2("GET", `/api/v1/namespaces/default/${resource}/${object.metadata.name}`)).status).toBe(404);
    });

    it("finalize naming another namespace is BadRequest", async () => {
      const body = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" }, spec: { finalizers: [] } });
      expectStatus(await h2("PUT", "/api/v1/namespaces/default/finalize", body), 400, "BadRequest", "(kube-system)");
    });

    it("PUT that creates Bad_Name is Invalid", async () => {
      expectStatus(await h2("PUT", `${configMapsPath()}/Bad_Name`, configMap("Bad_Name")), 422, "Invalid", "Bad_Name");
    });
  });

  describe("path and DeleteOptions attacks", () => {
    it("GET of secrets/.. does not read the namespace", async () => {
      const reply = await h2("GET", "/api/v1/namespaces/kube-system/secrets/..");
      expect(reply.status).toBeGreaterThanOrEqual(400);
    });

    it("DELETE of configmaps/.. leaves the namespace alone", async () => {
      const namespace = `victim-${storage}`;
      expect((await h2("POST", "/api/v1/namespaces", JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }))).status).toBe(201);
      await h2("DELETE", `${configMapsPath(namespace)}/..`);
      const namespaceReply = await h2("GET", `/api/v1/namespaces/${namespace}`);
      expect(namespaceReply.status).toBe(200);
      expect((JSON.parse(namespaceReply.body) as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp).toBeUndefined();
    });

    it("JSON patch to null is BadRequest", async () => {
      await recreate("patched-null");
      const reply = await h2("PATCH", `${configMapsPath()}/patched-null`, '[{"op":"replace","path":"","value":null}]', { "content-type": "application/json-patch+json" });
      expectStatus(reply, 400, "BadRequest");
    });

    it("malformed DeleteOptions delete nothing", async () => {
      await recreate("delete-typed");
      expectStatus(await h2("DELETE", `${configMapsPath()}/delete-typed`, '{"gracePeriodSeconds":"soon"}'), 400, "BadRequest", "soon");
      expect(await stored("delete-typed")).toBeDefined();
    });

    it("PUT into a missing namespace is NotFound", async () => {
      expectStatus(await h2("PUT", `${configMapsPath("nowhere")}/x`, configMap("x")), 404, "NotFound", '"nowhere"');
    });

    it("DELETE collection with dryRun in the body deletes nothing", async () => {
      const namespace = `dry-${storage}`;
      expect((await h2("POST", "/api/v1/namespaces", JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }))).status).toBe(201);
      for (const name of ["a", "b"]) expect((await h2("POST", configMapsPath(namespace), configMap(name))).status).toBe(201);
      expect((await h2("DELETE", configMapsPath(namespace), '{"dryRun":["All"]}')).status).toBe(200);
      const list = JSON.parse((await h2("GET", configMapsPath(namespace))).body) as { items: unknown[] };
      expect(list.items).toHaveLength(2);
    });

    it("DELETE of kube-public is Forbidden", async () => {
      expectStatus(await h2("DELETE", "/api/v1/namespaces/kube-public"), 403, "Forbidden", "kube-public");
    });

    it("serves after the attacks", async () => {
      await expectHealthy();
    });
  });
});

describe("an HTTP/2 path that new URL() rejects", () => {
  const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
  const childScript = [
    "const { startControlPlane } = await import(process.argv[1]);",
    'const controlPlane = await startControlPlane({ dataDir: process.argv[2], securePort: 0, storage: "memory" });',
    "console.log(controlPlane.url);",
  ].join("\n");
  let child: ChildProcess | undefined;
  let dataDir = "";

  /** Starts a control plane in a child process, so a crash ends the child and not the test worker. */
  function startChild(): Promise<string> {
    dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-crash-"));
    const started = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "--input-type=module", "-e", childScript, entry, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    started.stderr?.resume();
    return new Promise((resolve, reject) => {
      let output = "";
      started.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("\n")) resolve((output.split("\n")[0] ?? "").trim());
      });
      started.once("exit", (code) => reject(new Error(`the child control plane exited with code ${String(code)} before it printed its URL`)));
    });
  }

  afterEach(() => {
    if (child?.exitCode === null) child.kill();
    child = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("GET //[ leaves the control plane running", async () => {
    const url = await startChild();
    const pki = (file: string) => readFileSync(path.join(dataDir, "pki", file));
    const session = connect(url, { ca: pki("ca.crt"), cert: pki("admin.crt"), key: pki("admin.key") });
    session.on("error", () => undefined);
    const get = (pathname: string) =>
      new Promise<number>((resolve) => {
        const stream = session.request({ ":method": "GET", ":path": pathname });
        stream.on("response", (headers) => resolve(Number(headers[":status"])));
        stream.on("error", () => resolve(0));
        stream.on("close", () => resolve(0));
        stream.resume();
      });
    try {
      expect(await get("/healthz")).toBe(200);
      await get("//[");
      expect(await get("/healthz")).toBe(200);
    } finally {
      session.destroy();
    }
  });
});
