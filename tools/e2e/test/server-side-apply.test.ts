import { describe, expect, it } from "vitest";
import { kubectlBinaries } from "../src/index.js";
import { oldestAndNewest, useControlPlane } from "./support/harness.js";

/** The oldest and the newest kubectl found: server-side apply is the same protocol for all between. */
const chosen = oldestAndNewest(kubectlBinaries());

function deployment(replicas: number, image = "nginx:1.27"): string {
  return JSON.stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }] }] },
      },
    },
  });
}

interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  time?: string;
  subresource?: string;
}

describe.each(chosen.map((binary) => [binary.label, binary.path] as const))("server-side apply with kubectl %s", (_label, kubectl) => {
  const ctx = useControlPlane(kubectl, { storage: "sqlite" });
  const managedFields = async (): Promise<ManagedFieldsEntry[]> => {
    const result = await ctx.run(["get", "deployment", "web", "-o", "json", "--show-managed-fields"]);
    return (JSON.parse(result.stdout) as { metadata: { managedFields: ManagedFieldsEntry[] } }).metadata.managedFields;
  };

  it("creates with apply and records the applier's fields", async () => {
    const applied = await ctx.run(["apply", "--server-side", "-f", "-"], deployment(2));
    expect(applied.stderr).toBe("");
    expect(applied.stdout.trim()).toBe("deployment.apps/web serverside-applied");

    const entries = await managedFields();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.manager).toBe("kubectl");
    expect(entries[0]?.operation).toBe("Apply");
    expect(entries[0]?.apiVersion).toBe("apps/v1");
    expect(entries[0]?.fieldsType).toBe("FieldsV1");
    expect(entries[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(entries[0]?.fieldsV1).toEqual({
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:name": {},
                "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
  });

  it("hides managedFields unless asked", async () => {
    const yaml = (await ctx.run(["get", "deployment", "web", "-o", "yaml"])).stdout;
    expect(yaml).not.toContain("managedFields");
    const shown = (await ctx.run(["get", "deployment", "web", "-o", "yaml", "--show-managed-fields"])).stdout;
    expect(shown).toContain("managedFields:");
    expect(shown).toContain("manager: kubectl");
  });

  it("changes a field on re-apply", async () => {
    const applied = await ctx.run(["apply", "--server-side", "-f", "-"], deployment(2, "nginx:1.28"));
    expect(applied.stdout.trim()).toBe("deployment.apps/web serverside-applied");
    const image = await ctx.run(["get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
    expect(image.stdout).toBe("nginx:1.28");
  });

  it("reports a conflict with another manager", async () => {
    const conflict = await ctx.run(["apply", "--server-side", "--field-manager=other", "-f", "-"], deployment(5, "nginx:1.28"));
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('conflict with "kubectl"');
    expect(conflict.stderr).toContain(".spec.replicas");
    const replicas = await ctx.run(["get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"]);
    expect(replicas.stdout).toBe("2");
  });

  it("dry-run apply changes nothing", async () => {
    const dryRun = await ctx.run(["apply", "--server-side", "--dry-run=server", "-f", "-"], deployment(2, "nginx:1.29"));
    expect(dryRun.stdout.trim()).toBe("deployment.apps/web serverside-applied (server dry run)");
    const image = await ctx.run(["get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
    expect(image.stdout).toBe("nginx:1.28");
  });

  it("force-conflicts takes ownership", async () => {
    const forced = await ctx.run(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"], deployment(5, "nginx:1.28"));
    expect(forced.stdout.trim()).toBe("deployment.apps/web serverside-applied");
    const replicas = await ctx.run(["get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"]);
    expect(replicas.stdout).toBe("5");

    const entries = await managedFields();
    const other = entries.find((entry) => entry.manager === "other");
    const first = entries.find((entry) => entry.manager === "kubectl");
    expect(other?.operation).toBe("Apply");
    expect((other?.fieldsV1["f:spec"] as Record<string, unknown>)["f:replicas"]).toEqual({});
    expect((first?.fieldsV1["f:spec"] as Record<string, unknown>)["f:replicas"]).toBeUndefined();
  });

  it("records an Update entry for kubectl label", async () => {
    await ctx.run(["label", "deployment", "web", "tier=frontend"]);
    const entries = await managedFields();
    const update = entries.find((entry) => entry.operation === "Update");
    expect(update?.manager).toMatch(/^kubectl/);
    expect(update?.fieldsV1).toEqual({ "f:metadata": { "f:labels": { "f:tier": {} } } });
  });
});
