import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.js";

/** An etcd server that tests can use. */
export interface EtcdServer {
  /** Client URLs, such as `http://127.0.0.1:23790`. */
  readonly endpoints: string[];
  /** Whether the helper spawned this server (false when it came from `$ETCD_ENDPOINTS`). */
  readonly spawned: boolean;
  /** Stops the server and removes its data directory; a no-op for `$ETCD_ENDPOINTS`. */
  stop(): Promise<void>;
  /** Kills a spawned server and starts it again on the same data and ports; absent for `$ETCD_ENDPOINTS`. */
  restart?(): Promise<void>;
}

/** Options of `startEtcd`. */
export interface StartEtcdOptions {
  /** How long to wait for the spawned server to report healthy, in milliseconds. Default 30000. */
  readonly healthTimeoutMs?: number;
  /**
   * The interval of etcd's watch progress notifications (`--experimental-watch-progress-notify-interval`,
   * etcd 3.4 and later), such as `1s`. Default `1s`, so that tests see bookmarks quickly.
   * It applies only to a spawned server.
   */
  readonly progressNotifyInterval?: string;
  /** Spawn a private server even when `$ETCD_ENDPOINTS` is set, for tests that restart it. Default false. */
  readonly spawn?: boolean;
  /**
   * Serve clients over TLS with this PEM certificate and key, signed by `caFile`; the endpoints
   * are then `https://` URLs. With `clientCertFile` and `clientKeyFile`, etcd requires client
   * certificates signed by `caFile` (`--client-cert-auth`), and the health check presents
   * that one. Implies `spawn`.
   */
  readonly tls?: {
    readonly certFile: string;
    readonly keyFile: string;
    readonly caFile: string;
    readonly clientCertFile?: string;
    readonly clientKeyFile?: string;
  };
  /** More etcd flags for a spawned server. */
  readonly extraArgs?: readonly string[];
}

/**
 * Provides an etcd for tests. Uses `$ETCD_ENDPOINTS` (comma-separated) when set, and then
 * `stop()` does nothing. Otherwise spawns the `etcd` binary found on PATH with a temporary
 * data directory and free loopback ports for both the client and the peer URL, and waits
 * until it serves requests. Returns undefined when there is no `etcd` binary.
 */
export async function startEtcd(options: StartEtcdOptions = {}): Promise<EtcdServer | undefined> {
  const fromEnv = process.env["ETCD_ENDPOINTS"]?.trim();
  if (fromEnv && !options.spawn && !options.tls) {
    const endpoints = fromEnv.split(",").map((endpoint) => endpoint.trim()).filter((endpoint) => endpoint !== "");
    return { endpoints, spawned: false, stop: async () => {} };
  }
  const binary = findOnPath("etcd");
  if (binary === undefined) return undefined;
  return spawnEtcd(binary, options);
}

/**
 * Returns the message that a suite needing etcd prints when it skips, or throws when `CI`
 * is set, because CI must run the etcd tests rather than skip them.
 */
export function etcdUnavailable(suite: string): string {
  const message =
    `SKIPPING ${suite}: no etcd found. Set ETCD_ENDPOINTS to a running etcd or put the etcd binary ` +
    `on PATH (Debian: apt-get install etcd-server).`;
  if (process.env["CI"]) {
    throw new Error(`${suite} requires etcd when CI is set, but none was found: set ETCD_ENDPOINTS or install etcd-server`);
  }
  return message;
}

function findOnPath(name: string): string | undefined {
  const result = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const path = result.stdout.trim();
  return result.status === 0 && path !== "" ? path : undefined;
}

/**
 * A shell wrapper that runs etcd (`$0` with the arguments) and stops it when the test process
 * (`$APIMACHINERY_ETCD_PARENT`) is gone, checking twice a second, or when the wrapper gets
 * SIGTERM. When the test process is gone it also removes `$APIMACHINERY_ETCD_DATA_DIR`, so a
 * worker killed without running its cleanup leaves neither etcd nor its data behind.
 */
const WATCHDOG = `
"$0" "$@" &
etcd_pid=$!
# The wrapper's own messages ("Terminated") would hit a closed pipe once the test process is gone.
exec 2>/dev/null
finish() {
  kill -TERM "$etcd_pid" 2>/dev/null
  wait "$etcd_pid"
  if ! kill -0 "$APIMACHINERY_ETCD_PARENT" 2>/dev/null; then rm -rf "$APIMACHINERY_ETCD_DATA_DIR"; fi
  exit 0
}
trap finish TERM INT
while kill -0 "$APIMACHINERY_ETCD_PARENT" 2>/dev/null && kill -0 "$etcd_pid" 2>/dev/null; do sleep 0.5; done
finish
`;

/** Spawn attempts; a free port can be taken by another process before etcd binds it. */
const SPAWN_ATTEMPTS = 3;

async function spawnEtcd(binary: string, options: StartEtcdOptions): Promise<EtcdServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnEtcdOnce(binary, options);
    } catch (error) {
      if (!(error instanceof EtcdExitedError) || attempt >= SPAWN_ATTEMPTS) throw error;
    }
  }
}

/** etcd exited while the helper waited for it to become healthy. */
class EtcdExitedError extends Error {}

async function spawnEtcdOnce(binary: string, options: StartEtcdOptions): Promise<EtcdServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "apimachinery-etcd-"));
  const clientPort = await freePort();
  let peerPort = await freePort();
  while (peerPort === clientPort) peerPort = await freePort();
  const clientUrl = `${options.tls ? "https" : "http"}://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const args = [
    "--name", "test",
    "--data-dir", join(dataDir, "data"),
    "--listen-client-urls", clientUrl,
    "--advertise-client-urls", clientUrl,
    "--listen-peer-urls", peerUrl,
    "--initial-advertise-peer-urls", peerUrl,
    "--initial-cluster", `test=${peerUrl}`,
    "--experimental-watch-progress-notify-interval", options.progressNotifyInterval ?? "1s",
    "--log-level", "error",
    ...(options.tls ? ["--cert-file", options.tls.certFile, "--key-file", options.tls.keyFile] : []),
    ...(options.tls?.clientCertFile ? ["--client-cert-auth", "--trusted-ca-file", options.tls.caFile] : []),
    ...(options.extraArgs ?? []),
  ];
  let stderr = "";
  const launch = (): ChildProcess => {
    const launched = spawn("sh", ["-c", WATCHDOG, binary, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, APIMACHINERY_ETCD_PARENT: String(process.pid), APIMACHINERY_ETCD_DATA_DIR: dataDir },
    });
    launched.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 16_384) stderr += chunk.toString("utf8");
    });
    return launched;
  };
  let child = launch();

  // A test process that exits without calling stop() must not leave etcd running: the
  // watchdog stops etcd when this process is gone, and a normal exit also removes the data.
  const killOnExit = (): void => {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("exit", killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    await killChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const healthy = async (): Promise<void> => {
    try {
      await waitHealthy(clientUrl, child, options.healthTimeoutMs ?? 30_000, tlsFiles(options.tls));
    } catch (error) {
      await stop();
      const reason = error instanceof Error ? error.message : String(error);
      const Failure = error instanceof EtcdExitedError ? EtcdExitedError : Error;
      throw new Failure(`etcd at ${clientUrl} did not become healthy: ${reason}\n${stderr}`);
    }
  };
  const restart = async (): Promise<void> => {
    await killChild(child);
    child = launch();
    await healthy();
  };
  await healthy();
  return { endpoints: [clientUrl], spawned: true, stop, restart };
}

/** The PEM contents the health check needs to reach a TLS etcd. */
interface TlsFiles {
  readonly ca: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

function tlsFiles(tls: StartEtcdOptions["tls"]): TlsFiles | undefined {
  if (tls === undefined) return undefined;
  return {
    ca: readFileSync(tls.caFile),
    ...(tls.clientCertFile ? { cert: readFileSync(tls.clientCertFile) } : {}),
    ...(tls.clientKeyFile ? { key: readFileSync(tls.clientKeyFile) } : {}),
  };
}

async function waitHealthy(clientUrl: string, child: ChildProcess, timeoutMs: number, tls: TlsFiles | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no response yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new EtcdExitedError("etcd exited before it became healthy");
    try {
      const body = (await getJson(`${clientUrl}/health`, tls)) as { health?: unknown };
      if (body.health === "true" || body.health === true) return;
      lastError = `health is ${JSON.stringify(body.health)}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms (${lastError})`);
}

/** Fetches a JSON document over HTTP, or over HTTPS with `tls`, within one second. */
function getJson(url: string, tls: TlsFiles | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith("https:") ? httpsGet : httpGet;
    const request = get(url, { timeout: 1000, ...(tls ?? {}) }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        try {
          resolve(JSON.parse(text));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error(`no response from ${url} within 1000 ms`)));
    request.on("error", reject);
  });
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
