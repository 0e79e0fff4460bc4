import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, it as vitestIt } from "vitest";
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from "@apimachinery/server";
import { runKubectl, spawnKubectl, type KubectlBinary, type KubectlProcess, type KubectlResult } from "../../src/index.js";

/** What a case needs: kubectl bound to one server, and a scratch folder. */
export interface E2eContext {
  /** The kubectl binary under test. */
  readonly kubectl: string;
  /** Runs kubectl to completion against the server. */
  run(args: readonly string[], input?: string, env?: Record<string, string>): Promise<KubectlResult>;
  /** Starts kubectl in the background against the server. */
  spawn(args: readonly string[], env?: Record<string, string>): KubectlProcess;
  /** The running server. */
  controlPlane(): ControlPlane;
  /** The server's data directory, with `pki/` and `admin.kubeconfig`. */
  dataDir(): string;
  /** A scratch folder for files such as editor scripts, removed after the suite. */
  scratchDir(): string;
}

/** A case registrar: `vitest.it`, or `it.fails` for a case in the known-failures list. */
export type CaseFn = (name: string, body: () => Promise<void>) => void;

/** Server options that a suite chooses. Every suite gets a fresh data directory and a free port. */
export type ServerOptions = Omit<ControlPlaneOptions, "dataDir" | "securePort">;

/**
 * Starts one control plane for the enclosing describe block (beforeAll) and stops it
 * afterwards, and returns the context that binds kubectl to it. A function as `options` is
 * called in beforeAll, after hooks registered earlier (such as one that starts etcd) ran.
 */
export function useControlPlane(kubectl: string, options: ServerOptions | (() => ServerOptions) = { storage: "sqlite" }): E2eContext {
  let controlPlane: ControlPlane | undefined;
  let dataDir = "";
  let scratchDir = "";

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-"));
    scratchDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-scratch-"));
    const resolved = typeof options === "function" ? options() : options;
    controlPlane = await startControlPlane({ ...resolved, dataDir, securePort: 0 });
  });

  afterAll(async () => {
    await controlPlane?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratchDir, { recursive: true, force: true });
  });

  const current = () => {
    if (controlPlane === undefined) throw new Error("the control plane has not started");
    return controlPlane;
  };
  return {
    kubectl,
    run: (args, input, env) => runKubectl(kubectl, current().kubeconfigPath, args, input, env),
    spawn: (args, env) => spawnKubectl(kubectl, current().kubeconfigPath, args, env),
    controlPlane: current,
    dataDir: () => dataDir,
    scratchDir: () => scratchDir,
  };
}

/**
 * Returns the case registrar for one kubectl: cases named in `failing` run with `it.fails`,
 * so that a fix turns them red until they leave the known-failures list.
 */
export function caseRegistrar(failing: ReadonlyMap<string, string> | undefined): CaseFn {
  // E2E_IGNORE_KNOWN_FAILURES=1 runs every case plainly, to see how a known failure fails now.
  const ignoreList = process.env["E2E_IGNORE_KNOWN_FAILURES"] === "1";
  return (name, body) => (failing?.has(name) && !ignoreList ? vitestIt.fails(name, body) : vitestIt(name, body));
}

/** Returns the minor version of a binary's label, such as 35 for `v1.35 (npm)`. */
export function minorOf(binary: KubectlBinary): number {
  const match = /^v1\.(\d+)/.exec(binary.label);
  if (!match) throw new Error(`kubectl label ${binary.label} names no v1.<minor> version`);
  return Number(match[1]);
}

/** Returns the oldest and the newest binary (one entry when they are the same minor version). */
export function oldestAndNewest(binaries: readonly KubectlBinary[]): KubectlBinary[] {
  if (binaries.length === 0) return [];
  const sorted = [...binaries].sort((a, b) => minorOf(a) - minorOf(b));
  const oldest = sorted[0]!;
  const newest = sorted[sorted.length - 1]!;
  return minorOf(oldest) === minorOf(newest) ? [newest] : [oldest, newest];
}

/** Parses kubectl's `-o json` output. */
export function parseJson<T>(result: KubectlResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`kubectl printed no JSON (exit ${result.code}); stdout: ${result.stdout}; stderr: ${result.stderr}`);
  }
}

/**
 * Parses a kubectl table into one record per row, keyed by column header. Columns are
 * split on runs of two or more spaces, because kubectl pads every column with at least
 * three and headers such as `NOMINATED NODE` contain single spaces. Empty cells shift the
 * row, so the cases print only tables whose cells all have values.
 */
export function parseTable(stdout: string): Record<string, string>[] {
  const [header, ...rows] = stdout.split("\n").filter((line) => line.trim() !== "");
  const columns = (header ?? "").trim().split(/\s{2,}/);
  return rows.map((row) => {
    const cells = row.trim().split(/\s{2,}/);
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? ""]));
  });
}

/** The parts of an object that the cases read. */
export interface ObjectJson {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
  };
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** Returns a ConfigMap manifest in JSON. */
export function configMap(name: string, data: Record<string, string>, metadata: Record<string, unknown> = {}): string {
  return JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", ...metadata }, data });
}

/** Returns a one-container Deployment manifest in JSON. */
export function deployment(name: string, image: string, replicas = 1): string {
  return JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image }] } },
    },
  });
}

/**
 * Matches kubectl's line for a deleted object in the default namespace: kubectl 1.35 adds
 * "from default namespace", and earlier versions print only the resource and the name.
 */
export function deletedMessage(name: string, suffix = "", resource = "configmap"): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escape(resource)} "${escape(name)}" deleted(?: from default namespace)?${escape(suffix)}$`);
}
