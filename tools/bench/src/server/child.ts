/**
 * The entry of the child process that serves the server benchmarks, so that the load
 * generator in the parent and the server under test run on separate cores. `argv[2]` is a
 * JSON {@link ChildConfig}. The child sends `{ kind: "ready", url }` once it listens, replies to
 * `{ kind: "count" }` with the number of watch events its JSON and protobuf serializers
 * encoded, samples its memory between `{ kind: "sample-start" }` and `{ kind: "sample-stop" }`,
 * and exits on `{ kind: "stop" }`.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createSecureServer } from "node:http2";
import type { AddressInfo } from "node:net";
import { JsonSerializer } from "@apimachinery/serializer-json";
import { ProtobufWatchEventSerializer } from "@apimachinery/serializer-protobuf";
import { loadOrCreateCertificates, startControlPlane } from "@apimachinery/server";
import { startHandlerServer } from "./handler.js";
import { MemorySampler } from "./memory-sampler.js";
import type { ChildConfig, ChildMessage, ParentMessage } from "./protocol.js";

const config = JSON.parse(process.argv[2] ?? "{}") as ChildConfig;
let watchEncodes = 0;

/** Counts the calls that encode a watch event (`{ type, object }`), whichever serializer instance makes them. */
function countWatchEncodes(): void {
  const jsonEncode = JsonSerializer.prototype.encode;
  JsonSerializer.prototype.encode = function (this: JsonSerializer, object) {
    const record = object as { type?: unknown; object?: unknown };
    if (typeof record.type === "string" && record.object !== undefined && Object.keys(record).length === 2) watchEncodes++;
    return jsonEncode.call(this, object);
  };
  const protobufEncode = ProtobufWatchEventSerializer.prototype.encode;
  ProtobufWatchEventSerializer.prototype.encode = function (this: ProtobufWatchEventSerializer, object) {
    watchEncodes++;
    return protobufEncode.call(this, object);
  };
}

/**
 * Serves the bare baseline: GET returns `config.body`; `GET /watch` keeps the response open
 * and `POST /broadcast` writes `config.event` to every open response, then responds.
 */
function bareHandler(body: string, event: string): (request: IncomingMessage, response: ServerResponse) => void {
  const watchers = new Set<ServerResponse>();
  const eventBytes = Buffer.from(event);
  return (request, response) => {
    if (request.url === "/watch") {
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private" });
      response.flushHeaders();
      watchers.add(response);
      request.on("close", () => watchers.delete(response));
      return;
    }
    if (request.method === "POST" && request.url === "/broadcast") {
      request.resume();
      request.on("end", () => {
        for (const watcher of watchers) watcher.write(eventBytes);
        response.writeHead(200, { "content-type": "application/json" });
        response.end("{}");
      });
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  };
}

async function startBare(): Promise<{ url: string; close: () => Promise<void> }> {
  const handler = bareHandler(config.body ?? "{}", config.event ?? "{}\n");
  if (!config.tls) {
    const server = createHttpServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
  }
  const certificates = await loadOrCreateCertificates(config.dataDir, ["127.0.0.1"]);
  const server = createSecureServer(
    { key: certificates.servingKey, cert: certificates.servingCert, ca: certificates.caCert, requestCert: true, rejectUnauthorized: false, allowHTTP1: true },
    (request, response) => handler(request as unknown as IncomingMessage, response as unknown as ServerResponse),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

async function closeServer(server: { close(callback: () => void): unknown; closeAllConnections?: () => void }): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections?.();
  await closed;
}

function start(): Promise<{ url: string; close: () => Promise<void> }> {
  switch (config.mode) {
    case "bare":
      return startBare();
    case "handler":
      return startHandlerServer({ watchCache: config.watchCache ?? false, namespace: "bench-list", pods: config.pods ?? 0 });
    case "control-plane":
      return startControlPlane({
        dataDir: config.dataDir,
        securePort: 0,
        storage: config.storage ?? "memory",
        ...(config.etcdServers ? { etcdServers: config.etcdServers } : {}),
      });
  }
}

async function main(): Promise<void> {
  countWatchEncodes();
  const running = await start();
  const send = (message: ChildMessage) => process.send?.(message);
  let sampler: MemorySampler | undefined;
  process.on("message", (message: ParentMessage) => {
    if (message.kind === "count") send({ kind: "count", watchEncodes });
    if (message.kind === "sample-start") {
      sampler = new MemorySampler();
      send({ kind: "sampling" });
    }
    if (message.kind === "sample-stop") send({ kind: "sample", peakExtraBytes: sampler?.stop() ?? 0 });
    if (message.kind === "stop") {
      const forceExit = setTimeout(() => process.exit(0), 5000);
      void running.close().finally(() => {
        clearTimeout(forceExit);
        process.exit(0);
      });
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ kind: "ready", url: running.url });
}

main().catch((error: unknown) => {
  process.send?.({ kind: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ChildMessage);
  process.exit(1);
});
