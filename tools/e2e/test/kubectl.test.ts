import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it as vitestIt } from "vitest";
import { startControlPlane, type ControlPlane } from "@apimachinery/server";
import { kubectlBinaries, runKubectl } from "../src/index.js";

const binaries = kubectlBinaries();

/**
 * Cases known to fail with a kubectl version, run with `it.fails` so that a fix turns them
 * red until they leave the list.
 */
const knownFailures: Record<string, readonly string[]> = {};

describe.each(binaries.map((binary) => [binary.label, binary.path] as const))("kubectl %s", (label, kubectl) => {
  const failing = new Set(knownFailures[label] ?? []);
  const it = (name: string, run: () => Promise<void>) => (failing.has(name) ? vitestIt.fails(name, run) : vitestIt(name, run));
  let controlPlane: ControlPlane;
  let dataDir: string;
  const run = (args: string[], input?: string) => runKubectl(kubectl, controlPlane.kubeconfigPath, args, input);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-e2e-"));
    controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "sqlite" });
  });

  afterAll(async () => {
    await controlPlane.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists api-resources", async () => {
    const result = await run(["api-resources"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
    expect(result.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  });

  it("lists api-versions", async () => {
    const result = await run(["api-versions"]);
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining(["v1", "apps/v1", "batch/v1", "coordination.k8s.io/v1"]));
  });

  it("creates from a file and gets it back", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "e2e", labels: { team: "a" } } });
    const created = await run(["create", "-f", "-"], manifest);
    expect(created.stdout.trim()).toBe("namespace/e2e created");

    const table = await run(["get", "namespace", "e2e"]);
    expect(table.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(table.stdout).toMatch(/^e2e\s+Active\s+\d+s$/m);

    const json = JSON.parse((await run(["get", "namespace", "e2e", "-o", "json"])).stdout) as { metadata: { labels: Record<string, string>; uid: string } };
    expect(json.metadata.labels).toEqual({ team: "a" });
    expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("deletes and reports NotFound afterwards", async () => {
    await run(["create", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "gone" } }));
    const deleted = await run(["delete", "namespace", "gone"]);
    expect(deleted.stdout.trim()).toBe('namespace "gone" deleted');
    const missing = await run(["get", "namespace", "gone"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('namespaces "gone" not found');
  });
});
