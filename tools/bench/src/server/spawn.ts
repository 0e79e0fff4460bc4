import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withTimeout } from "../harness.js";
import type { ChildConfig, ChildMessage } from "./protocol.js";

const CHILD_ENTRY = fileURLToPath(new URL("./child.ts", import.meta.url));
const START_TIMEOUT_MS = 60_000;

/** The client side of TLS to the control plane: its CA and the admin client certificate. */
export interface ClientTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A server under test, running in a child process on loopback. */
export interface ChildServer {
  readonly url: string;
  /** The admin client certificate from `<dataDir>/pki/`, for servers that use TLS. */
  readonly tls: ClientTls | undefined;
  /** Returns how many watch events the child's serializers have encoded so far. */
  watchEncodes(): Promise<number>;
  /** Returns the child's peak memory above a baseline taken after a garbage collection, sampled while `during` runs. */
  samplePeakMemory(during: () => Promise<void>): Promise<number>;
  /** Stops the child and removes its data directory. */
  stop(): Promise<void>;
}

/** Starts a server in a child process and resolves once it listens. */
export async function startChildServer(config: Omit<ChildConfig, "dataDir">): Promise<ChildServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-bench-"));
  const full: ChildConfig = { ...config, dataDir };
  const child = fork(CHILD_ENTRY, [JSON.stringify(full)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let url: string;
  try {
    url = await withTimeout(nextMessage(child, "ready"), START_TIMEOUT_MS, `starting the ${config.mode} server`).then((message) => message.url);
  } catch (error) {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const usesTls = url.startsWith("https:");
  const pki = path.join(dataDir, "pki");
  const tls = usesTls
    ? { ca: readFileSync(path.join(pki, "ca.crt"), "utf8"), cert: readFileSync(path.join(pki, "admin.crt"), "utf8"), key: readFileSync(path.join(pki, "admin.key"), "utf8") }
    : undefined;
  return {
    url,
    tls,
    async watchEncodes() {
      const reply = nextMessage(child, "count");
      child.send({ kind: "count" });
      return (await withTimeout(reply, 10_000, "reading the encode count")).watchEncodes;
    },
    async samplePeakMemory(during) {
      const started = nextMessage(child, "sampling");
      child.send({ kind: "sample-start" });
      await withTimeout(started, 10_000, "starting the memory sampler");
      await during();
      const reply = nextMessage(child, "sample");
      child.send({ kind: "sample-stop" });
      return (await withTimeout(reply, 10_000, "reading the memory sample")).peakExtraBytes;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.connected) child.send({ kind: "stop" });
      await withTimeout(exited, 10_000, "stopping the server").catch(() => child.kill("SIGKILL"));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the child's next message of `kind`; rejects when the child fails or exits first. */
function nextMessage<K extends ChildMessage["kind"]>(child: ChildProcess, kind: K): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.kind === "failed") {
        cleanup();
        reject(new Error(`the server process failed: ${message.message}`));
      } else if (message.kind === kind) {
        cleanup();
        resolve(message as Extract<ChildMessage, { kind: K }>);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the server process exited with code ${code ?? "null"} before sending "${kind}"`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}
