#!/usr/bin/env node
import path from "node:path";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { startControlPlane, type StorageKind } from "./control-plane.js";

const usage = `Usage: apiserver [flags]

Runs a Kubernetes-compatible API server that kubectl can drive.

Flags:
  --secure-port PORT       HTTPS port to serve on (default 6443; 0 picks a free port)
  --bind-address ADDRESS   address to listen on (default 127.0.0.1, so nothing is exposed)
  --data-dir DIR           where certificates, admin.kubeconfig and the SQLite database live (default ./data)
  --storage KIND           storage backend: sqlite (default), memory or etcd
  --etcd-servers URLS      comma-separated etcd client URLs, for --storage=etcd
  --v LEVEL                log verbosity: 0 info (default), 1 and more debug with every request
  -h, --help               print this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "secure-port": { type: "string", default: "6443" },
      "bind-address": { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: "./data" },
      storage: { type: "string", default: "sqlite" },
      "etcd-servers": { type: "string", default: "" },
      v: { type: "string", default: "0" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const storage = values.storage as StorageKind;
  if (!["sqlite", "memory", "etcd"].includes(storage)) throw new Error(`invalid --storage "${values.storage}": use sqlite, memory or etcd`);
  const port = Number(values["secure-port"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --secure-port "${values["secure-port"]}": use a port from 0 to 65535`);

  const verbosity = Number(values.v);
  if (!Number.isInteger(verbosity) || verbosity < 0) throw new Error(`invalid --v "${values.v}": use a whole number, 0 for info or 1 and more for debug`);
  // A closed pipe on standard output (`apiserver | head`) must not crash the server.
  process.stdout.on("error", () => undefined);
  const logger = pino({ level: verbosity > 0 ? "debug" : "info" });
  const dataDir = path.resolve(values["data-dir"]);
  const etcdServers = values["etcd-servers"].split(",").filter(Boolean);
  const controlPlane = await startControlPlane({ dataDir, bindAddress: values["bind-address"], securePort: port, storage, etcdServers, logger });
  logger.info({ url: controlPlane.url, storage, dataDir }, "API server listening");
  process.stdout.write(
    `\nThe API server is listening on ${controlPlane.url} (storage: ${storage}).\n` +
      `Admin kubeconfig: ${controlPlane.kubeconfigPath}\n` +
      `Try: kubectl --kubeconfig ${controlPlane.kubeconfigPath} get namespaces\n\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    controlPlane.close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("unhandledRejection", (error) => logger.error({ err: error }, "unhandled rejection"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`apiserver: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
