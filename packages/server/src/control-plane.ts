import { mkdir, writeFile } from "node:fs/promises";
import { createSecureServer, type Http2SecureServer } from "node:http2";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import {
  ApiMetrics,
  FieldManager,
  builtinCodecs,
  builtinScheme,
  storageCodec,
  MemoryStorage,
  Store,
  createApiHandler,
  type ApiRequest,
  type ApiResponse,
  type Storage,
  type VersionInfo,
} from "@apimachinery/apiserver";
import { StatusError } from "@apimachinery/meta";
import type { Logger } from "pino";
import { loadOrCreateCertificates } from "./certs.js";
import { renderKubeconfig } from "./kubeconfig.js";

import { ensureSystemNamespaces, startNamespaceController } from "./namespaces.js";
import { builtinResources } from "./resources.js";
import { builtinStrategy } from "./strategies.js";

/** The storage backend of the control plane. */
export type StorageKind = "sqlite" | "memory" | "etcd";

/** Settings of a control plane; the CLI flags map onto these. */
export interface ControlPlaneOptions {
  /** The folder of the certificates, the kubeconfig and the SQLite database. */
  readonly dataDir: string;
  /** The address to listen on. Default 127.0.0.1. */
  readonly bindAddress?: string;
  /** The port to listen on; 0 picks a free one. Default 6443. */
  readonly securePort?: number;
  readonly storage?: StorageKind;
  /** etcd client URLs, for `storage: "etcd"`. */
  readonly etcdServers?: readonly string[];
  readonly logger?: Logger;
}

/** A running control plane. */
export interface ControlPlane {
  /** The `https://host:port` URL the server listens on. */
  readonly url: string;
  /** The admin kubeconfig written into the data directory. */
  readonly kubeconfigPath: string;
  /** Stops accepting connections, ends watches and closes the storage. */
  close(): Promise<void>;
}

/** The Kubernetes release whose API this server emulates. */
export const emulatedVersion: VersionInfo = {
  major: "1",
  minor: "35",
  gitVersion: "v1.35.0+apimachinery-ts",
  gitCommit: "",
  gitTreeState: "clean",
  buildDate: "2026-12-01T00:00:00Z",
  goVersion: `node${process.versions.node}`,
  compiler: "tsc",
  platform: `${process.platform}/${process.arch === "x64" ? "amd64" : process.arch}`,
};

async function openStorage(options: ControlPlaneOptions): Promise<Storage> {
  switch (options.storage ?? "sqlite") {
    case "memory":
      return new MemoryStorage();
    case "sqlite": {
      const { SqliteStorage } = await import("@apimachinery/storage-sqlite");
      return SqliteStorage.open({ path: path.join(options.dataDir, "state.db") });
    }
    case "etcd": {
      const { EtcdStorage } = await import("@apimachinery/storage-etcd");
      const endpoints = options.etcdServers ?? [];
      if (endpoints.length === 0) throw new Error("--storage=etcd needs --etcd-servers with at least one URL");
      return new EtcdStorage({ endpoints: [...endpoints] });
    }
  }
}

/** Paths served without a client certificate, as kube-apiserver serves them to anonymous clients. */
const publicPaths = new Set(["/healthz", "/livez", "/readyz", "/version"]);

/** How long a shutdown waits for requests in flight before it closes their connections. */
const shutdownGraceMs = 2000;

/** Writes a Status as the response to an unauthenticated request. */
function rejectUnauthenticated(response: ApiResponse): void {
  const status = StatusError.unauthorized().status;
  (response as import("node:http").ServerResponse).writeHead(401, { "content-type": "application/json" });
  response.end(JSON.stringify(status));
}

/**
 * Starts the control plane: certificates and kubeconfig in the data directory, storage,
 * the built-in resources, and an HTTPS server (HTTP/2 with HTTP/1.1 fallback) that
 * accepts only clients with a certificate signed by the control plane's CA.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const bindAddress = options.bindAddress ?? "127.0.0.1";
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const certificates = await loadOrCreateCertificates(options.dataDir, [bindAddress]);
  const storage = await openStorage(options);
  const scheme = builtinScheme();
  const codec = storageCodec(scheme);
  const metrics = new ApiMetrics();
  const fieldManager = new FieldManager({ schemas: scheme });
  const instrumented = metrics.instrumentStorage(storage);
  const stores = builtinResources.map(
    (info) => new Store(info, instrumented, codec, builtinStrategy(info, scheme), { watchCache: true, fieldManager }),
  );
  await Promise.all(stores.map((store) => store.start()));
  const namespaces = stores.find((store) => store.info.resource === "namespaces" && store.info.group === "");
  if (!namespaces) throw new Error("the built-in resources lack namespaces");
  await ensureSystemNamespaces(namespaces);
  const logger = options.logger;
  const namespaceController = startNamespaceController(
    namespaces,
    stores.filter((store) => store.info.namespaced),
    logger,
  );
  const handler = createApiHandler({
    stores,
    codecs: builtinCodecs(scheme),
    schemas: scheme,
    fieldManager,
    version: emulatedVersion,
    metrics,
    onRequest: (event) => {
      logger?.debug({ method: event.method, path: event.path, code: event.code, durationMs: Math.round(event.durationMs * 10) / 10 }, "request");
      if (event.code >= 500) logger?.error({ method: event.method, path: event.path, code: event.code }, "request failed");
    },
  });

  const server: Http2SecureServer = createSecureServer(
    { key: certificates.servingKey, cert: certificates.servingCert, ca: certificates.caCert, requestCert: true, rejectUnauthorized: false, allowHTTP1: true },
    (request, response) => {
      const socket = (request as ApiRequest).socket as TLSSocket;
      if (!socket.authorized && !publicPaths.has((request.url ?? "/").split("?")[0] ?? "")) return rejectUnauthenticated(response);
      handler(request, response);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.securePort ?? 6443, bindAddress, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.securePort ?? 6443);
  let host = bindAddress;
  if (bindAddress === "0.0.0.0") host = "127.0.0.1";
  else if (bindAddress.includes(":")) host = `[${bindAddress}]`;
  const url = `https://${host}:${port}`;
  const kubeconfigPath = path.join(options.dataDir, "admin.kubeconfig");
  await writeFile(kubeconfigPath, renderKubeconfig({ server: url, caCert: certificates.caCert, clientCert: certificates.adminCert, clientKey: certificates.adminKey }), { mode: 0o600 });

  server.on("sessionError", (error) => logger?.debug({ err: error }, "HTTP/2 session error"));
  server.on("tlsClientError", (error) => logger?.debug({ err: error }, "TLS handshake failed"));
  const sockets = new Set<TLSSocket>();
  server.on("secureConnection", (socket: TLSSocket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    url,
    kubeconfigPath,
    async close() {
      // Stop accepting, then end every watch (stopping the watch caches ends their
      // watchers, which ends the responses), give requests in flight a moment, and only
      // then cut the connections that remain and close the storage.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await namespaceController.stop();
      await Promise.all(stores.map((store) => store.stop()));
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, shutdownGraceMs))]);
      for (const socket of sockets) socket.destroy();
      await closed;
      await storage.close();
    },
  };
}
