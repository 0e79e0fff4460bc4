import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlane, type ControlPlane } from "@apimachinery/server";
import { kubectlBinaries, runKubectl } from "../src/index.js";

const binaries = kubectlBinaries();

let controlPlane: ControlPlane;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "apimachinery-openapi-"));
  controlPlane = await startControlPlane({ dataDir, securePort: 0, storage: "memory" });
});

afterAll(async () => {
  await controlPlane.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Returns the field lines of `kubectl explain` output as `name <type>` pairs, whatever the indentation. */
function explainedFields(output: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of output.matchAll(/^\s+([A-Za-z$][\w$-]*)\t(<[^>]+>(?: -required-)?)$/gm)) fields.set(match[1] ?? "", match[2] ?? "");
  return fields;
}

/** A manifest with one field that no schema has. */
const configMapWithUnknownField = (name: string) =>
  JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, bogusField: 1, data: { a: "b" } });

const deployment = (name: string, image: string) =>
  JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image }] } },
    },
  });

describe.each(binaries.map((binary) => [binary.label, binary.path] as const))("kubectl %s with OpenAPI", (label, kubectl) => {
  const run = (args: string[], input?: string) => runKubectl(kubectl, controlPlane.kubeconfigPath, args, input);
  // Object names are unique per kubectl version because all versions share one server.
  const suffix = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

  it("explains container fields and types", async () => {
    const result = await run(["explain", "deployment.spec.template.spec.containers"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^FIELD: containers <\[\]Container>$/m);
    const fields = explainedFields(result.stdout);
    expect(fields.get("name")).toBe("<string> -required-");
    expect(fields.get("image")).toBe("<string>");
    expect(fields.get("ports")).toBe("<[]ContainerPort>");
    expect(fields.get("env")).toBe("<[]EnvVar>");
    expect(fields.get("resources")).toBe("<ResourceRequirements>");
    expect(fields.get("stdin")).toBe("<boolean>");
    expect(fields.get("terminationMessagePolicy")).toBe("<string>");
  });

  it("explains special types", async () => {
    const strategy = explainedFields((await run(["explain", "deployment.spec.strategy.rollingUpdate"])).stdout);
    expect(strategy.get("maxSurge")).toBe("<IntOrString>");
    const resources = explainedFields((await run(["explain", "pod.spec.containers.resources"])).stdout);
    expect(resources.get("limits")).toBe("<map[string]Quantity>");
    const metadata = explainedFields((await run(["explain", "configmap.metadata"])).stdout);
    expect(metadata.get("creationTimestamp")).toBe("<string>");
    expect(metadata.get("labels")).toBe("<map[string]string>");
    expect(metadata.get("generation")).toBe("<integer>");
  });

  it("explains from OpenAPI v2", async () => {
    const result = await run(["explain", "deployment.spec.template.spec.containers", "--output=plaintext-openapiv2"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^RESOURCE: containers <\[\]Object>$/m);
    const fields = explainedFields(result.stdout);
    expect(fields.get("name")).toBe("<string> -required-");
    expect(fields.get("ports")).toBe("<[]Object>");
  });

  it("creates from a file with validation", async () => {
    const name = `openapi-${suffix}`;
    const created = await run(["create", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
    expect(created.stderr).toBe("");
    expect(created.stdout.trim()).toBe(`namespace/${name} created`);
    const stored = await run(["get", "namespace", name, "-o", "jsonpath={.metadata.name}"]);
    expect(stored.stdout).toBe(name);
  });

  it("rejects an unknown field with validate=strict", async () => {
    const name = `strict-${suffix}`;
    const result = await run(["apply", "--validate=strict", "-f", "-"], configMapWithUnknownField(name));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown field "bogusField"');
    const stored = await run(["get", "configmap", name, "-n", "default"]);
    expect(stored.stderr).toMatch(/NotFound/);
  });

  it("create names a nested unknown field", async () => {
    const manifest = JSON.parse(deployment(`nested-${suffix}`, "nginx")) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = manifest.spec.template.spec.containers[0] ?? {};
    container["imagePullPolcy"] = "Always";
    // Without --validate, kubectl requests Strict validation from a server whose OpenAPI declares fieldValidation.
    const result = await run(["create", "-f", "-"], JSON.stringify(manifest));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown field "spec.template.spec.containers[0].imagePullPolcy"');
  });

  it("warns about an unknown field with validate=warn", async () => {
    const name = `warn-${suffix}`;
    const result = await run(["apply", "--validate=warn", "-f", "-"], configMapWithUnknownField(name));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Warning: unknown field "bogusField"');
    expect(result.stdout.trim()).toBe(`configmap/${name} created`);
    const stored = await run(["get", "configmap", name, "-n", "default", "-o", "json"]);
    const object = JSON.parse(stored.stdout) as Record<string, unknown>;
    expect(object["data"]).toEqual({ a: "b" });
    expect(object["bogusField"]).toBeUndefined();
  });

  it("diffs a changed image against the server", async () => {
    const name = `diff-${suffix}`;
    const applied = await run(["apply", "-f", "-"], deployment(name, "nginx:1.25"));
    expect(applied.stdout.trim()).toBe(`deployment.apps/${name} created`);
    const diff = await run(["diff", "-f", "-"], deployment(name, "nginx:1.26"));
    // kubectl diff exits with 1 when it found differences.
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.25$/m);
    expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.26$/m);
    const unchanged = await run(["diff", "-f", "-"], deployment(name, "nginx:1.25"));
    expect(unchanged.stdout).not.toMatch(/image: nginx/);
  });

  it("reads the OpenAPI v3 index and a document", async () => {
    const index = JSON.parse((await run(["get", "--raw", "/openapi/v3"])).stdout) as { paths: Record<string, { serverRelativeURL: string }> };
    const apps = index.paths["apis/apps/v1"];
    expect(apps?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const document = JSON.parse((await run(["get", "--raw", apps?.serverRelativeURL ?? ""])).stdout) as { components: { schemas: Record<string, unknown> } };
    expect(document.components.schemas["io.k8s.api.apps.v1.Deployment"]).toBeDefined();
  });
});
