import { expect } from "vitest";
import { writeEditorScript } from "../../src/index.js";
import { configMap, deletedMessage, deployment, parseJson, type CaseFn, type E2eContext, type ObjectJson } from "./harness.js";

/**
 * Registers the core cases: discovery, create, apply, get in each format, the three patch types,
 * label, annotate, edit, watch, server-side dry run, field validation and delete. Every
 * kubectl binary runs them, because kubectl releases changed how they make these requests
 * (aggregated discovery, OpenAPI v3, server-side field validation).
 */
export function coreCases(it: CaseFn, ctx: E2eContext): void {
  const getJson = async (resource: string, name: string) => parseJson<ObjectJson>(await ctx.run(["get", resource, name, "-o", "json"]));

  it("lists api-resources", async () => {
    const result = await ctx.run(["api-resources"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
    expect(result.stdout).toMatch(/^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
    expect(result.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(result.stdout).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);

    const clusterScoped = await ctx.run(["api-resources", "--namespaced=false", "-o", "name"]);
    expect(clusterScoped.stdout.split("\n")).toContain("namespaces");
    expect(clusterScoped.stdout.split("\n")).not.toContain("configmaps");
  });

  it("lists api-versions", async () => {
    const result = await ctx.run(["api-versions"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")).toEqual(expect.arrayContaining(["v1", "apps/v1", "batch/v1", "coordination.k8s.io/v1"]));
  });

  it("creates from a file", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "e2e", labels: { team: "a" } } });
    const created = await ctx.run(["create", "-f", "-"], manifest);
    expect(created.stdout.trim()).toBe("namespace/e2e created");

    const json = await getJson("namespace", "e2e");
    expect(json.metadata.labels).toMatchObject({ team: "a" });
    expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);

    const again = await ctx.run(["create", "-f", "-"], manifest);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('namespaces "e2e" already exists');
  });

  it("gets a default table", async () => {
    await ctx.run(["create", "-f", "-"], configMap("table", { a: "1", b: "2" }));
    const table = await ctx.run(["get", "configmap", "table"]);
    expect(table.stderr).toBe("");
    expect(table.stdout).toMatch(/^NAME\s+DATA\s+AGE\n/);
    expect(table.stdout).toMatch(/^table\s+2\s+\d+s$/m);

    await ctx.run(["create", "-f", "-"], deployment("table", "nginx:1"));
    const deployments = await ctx.run(["get", "deployments"]);
    expect(deployments.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
    expect(deployments.stdout).toMatch(/^table\s+0\/1\s+0\s+0\s+\d+s$/m);
  });

  it("gets yaml and json", async () => {
    await ctx.run(["create", "-f", "-"], configMap("formats", { key: "value" }));
    const yaml = await ctx.run(["get", "configmap", "formats", "-o", "yaml"]);
    expect(yaml.stdout).toMatch(/^apiVersion: v1$/m);
    expect(yaml.stdout).toMatch(/^kind: ConfigMap$/m);
    expect(yaml.stdout).toMatch(/^data:\n {2}key: value$/m);
    expect(yaml.stdout).toMatch(/^ {2}name: formats$/m);
    expect(yaml.stdout).toMatch(/^ {2}resourceVersion: "\d+"$/m);

    const json = await getJson("configmap", "formats");
    expect(json.kind).toBe("ConfigMap");
    expect(json.data).toEqual({ key: "value" });
    expect(json.metadata.namespace).toBe("default");

    const list = parseJson<{ kind: string; items: ObjectJson[] }>(await ctx.run(["get", "configmaps", "-o", "json"]));
    expect(list.kind).toBe("List");
    expect(list.items.map((item) => item.metadata.name)).toContain("formats");
  });

  it("applies, then re-applies a change", async () => {
    const manifest = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: default\ndata:\n  key: ${value}\n  kept: "yes"\n`;
    const created = await ctx.run(["apply", "-f", "-"], manifest("one"));
    expect(created.stderr).toBe("");
    expect(created.stdout.trim()).toBe("configmap/applied created");

    const changed = await ctx.run(["apply", "-f", "-"], manifest("two"));
    expect(changed.stderr).toBe("");
    expect(changed.stdout.trim()).toBe("configmap/applied configured");
    const stored = await getJson("configmap", "applied");
    expect(stored.data).toEqual({ key: "two", kept: "yes" });
    const lastApplied = JSON.parse(stored.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"] ?? "{}") as ObjectJson;
    expect(lastApplied.data).toEqual({ key: "two", kept: "yes" });

    const unchanged = await ctx.run(["apply", "-f", "-"], manifest("two"));
    expect(unchanged.stdout.trim()).toBe("configmap/applied unchanged");
  });

  it("patches with a strategic merge", async () => {
    await ctx.run(["create", "-f", "-"], deployment("strategic", "nginx:1"));
    const sidecar = { spec: { template: { spec: { containers: [{ name: "sidecar", image: "busybox:1" }] } } } };
    const added = await ctx.run(["patch", "deployment", "strategic", "--type=strategic", "-p", JSON.stringify(sidecar)]);
    expect(added.stderr).toBe("");
    expect(added.stdout.trim()).toBe("deployment.apps/strategic patched");

    const image = { spec: { template: { spec: { containers: [{ name: "web", image: "nginx:2" }] } } } };
    await ctx.run(["patch", "deployment", "strategic", "-p", JSON.stringify(image)]);
    const stored = await getJson("deployment", "strategic");
    const containers = (stored.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    expect(containers.map((container) => `${container.name}=${container.image}`).sort()).toEqual(["sidecar=busybox:1", "web=nginx:2"]);
  });

  it("patches with a merge patch", async () => {
    await ctx.run(["create", "-f", "-"], configMap("merge", { a: "1", b: "2" }));
    const patched = await ctx.run(["patch", "configmap", "merge", "--type=merge", "-p", '{"data":{"a":null,"c":"3"}}']);
    expect(patched.stderr).toBe("");
    expect(patched.stdout.trim()).toBe("configmap/merge patched");
    expect((await getJson("configmap", "merge")).data).toEqual({ b: "2", c: "3" });
  });

  it("reports a no-op patch", async () => {
    await ctx.run(["create", "-f", "-"], configMap("noop", { a: "1" }));
    const before = await getJson("configmap", "noop");
    expect(before.metadata.resourceVersion).toMatch(/^\d+$/);
    // kubectl prints "(no change)" when the object it gets back equals the one it read first.
    const same = await ctx.run(["patch", "configmap", "noop", "--type=merge", "-p", '{"data":{"a":"1"}}']);
    expect(same.stdout.trim()).toBe("configmap/noop patched (no change)");
    expect((await getJson("configmap", "noop")).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("patches with a JSON patch", async () => {
    await ctx.run(["create", "-f", "-"], configMap("jsonpatch", { a: "1" }));
    const operations = [
      { op: "replace", path: "/data/a", value: "changed" },
      { op: "add", path: "/data/b", value: "added" },
    ];
    const patched = await ctx.run(["patch", "configmap", "jsonpatch", "--type=json", "-p", JSON.stringify(operations)]);
    expect(patched.stderr).toBe("");
    expect(patched.stdout.trim()).toBe("configmap/jsonpatch patched");
    expect((await getJson("configmap", "jsonpatch")).data).toEqual({ a: "changed", b: "added" });

    const failedTest = await ctx.run(["patch", "configmap", "jsonpatch", "--type=json", "-p", '[{"op":"test","path":"/data/a","value":"other"}]']);
    expect(failedTest.code).not.toBe(0);
    expect((await getJson("configmap", "jsonpatch")).data).toEqual({ a: "changed", b: "added" });
  });

  it("labels and annotates", async () => {
    await ctx.run(["create", "-f", "-"], configMap("marked", { a: "1" }));
    const labeled = await ctx.run(["label", "configmap", "marked", "env=prod", "tier=web"]);
    expect(labeled.stdout.trim()).toBe("configmap/marked labeled");
    const annotated = await ctx.run(["annotate", "configmap", "marked", "note=first"]);
    // kubectl 1.27 prints "annotate" where later versions print "annotated".
    expect(annotated.stdout.trim()).toMatch(/^configmap\/marked annotated?$/);
    let stored = await getJson("configmap", "marked");
    expect(stored.metadata.labels).toEqual({ env: "prod", tier: "web" });
    expect(stored.metadata.annotations).toEqual({ note: "first" });

    const clash = await ctx.run(["label", "configmap", "marked", "env=dev"]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain("'env' already has a value (prod)");

    await ctx.run(["label", "configmap", "marked", "env=dev", "--overwrite"]);
    const removed = await ctx.run(["label", "configmap", "marked", "tier-"]);
    expect(removed.stdout.trim()).toBe("configmap/marked unlabeled");
    await ctx.run(["annotate", "configmap", "marked", "note=second", "--overwrite"]);
    stored = await getJson("configmap", "marked");
    expect(stored.metadata.labels).toEqual({ env: "dev" });
    expect(stored.metadata.annotations).toEqual({ note: "second" });
  });

  it("edits with a scripted editor", async () => {
    await ctx.run(["create", "-f", "-"], configMap("edited", { greeting: "hello" }));
    const editor = writeEditorScript(ctx.scratchDir(), "editor-greeting", "greeting: hello", "greeting: goodbye");
    const edited = await ctx.run(["edit", "configmap", "edited"], undefined, { KUBE_EDITOR: editor });
    expect(edited.stderr).toBe("");
    expect(edited.stdout.trim()).toBe("configmap/edited edited");
    expect((await getJson("configmap", "edited")).data).toEqual({ greeting: "goodbye" });

    const unchangedEditor = writeEditorScript(ctx.scratchDir(), "editor-none", "no such text", "");
    const cancelled = await ctx.run(["edit", "configmap", "edited"], undefined, { KUBE_EDITOR: unchangedEditor });
    expect(cancelled.stderr).toContain("Edit cancelled, no changes made.");
  });

  it("watches a later change", async () => {
    await ctx.run(["create", "-f", "-"], configMap("watched", { state: "first" }));
    const watch = ctx.spawn(["get", "configmap", "watched", "-w", "-o", "jsonpath={.data.state}{\"\\n\"}"]);
    try {
      await watch.waitForOutput(/^first$/m);
      const patched = await ctx.run(["patch", "configmap", "watched", "--type=merge", "-p", '{"data":{"state":"second"}}']);
      expect(patched.code).toBe(0);
      const output = await watch.waitForOutput(/^second$/m);
      expect(output.split("\n").filter((line) => line !== "")).toEqual(["first", "second"]);
    } finally {
      await watch.stop();
    }
  });

  it("dry-runs on the server", async () => {
    const created = await ctx.run(["create", "-f", "-", "--dry-run=server"], configMap("dry", { a: "1" }));
    expect(created.stderr).toBe("");
    expect(created.stdout.trim()).toBe("configmap/dry created (server dry run)");
    const missing = await ctx.run(["get", "configmap", "dry"]);
    expect(missing.stderr).toContain('configmaps "dry" not found');

    await ctx.run(["create", "-f", "-"], configMap("dry", { a: "1" }));
    const patched = await ctx.run(["patch", "configmap", "dry", "--type=merge", "-p", '{"data":{"a":"2"}}', "--dry-run=server", "-o", "json"]);
    expect(parseJson<ObjectJson>(patched).data).toEqual({ a: "2" });
    const deleted = await ctx.run(["delete", "configmap", "dry", "--dry-run=server"]);
    expect(deleted.stdout.trim()).toMatch(deletedMessage("dry", " (server dry run)"));
    expect((await getJson("configmap", "dry")).data).toEqual({ a: "1" });
  });

  it("rejects an unknown field under strict validation", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "strict", namespace: "default" }, data: { a: "1" }, bogusField: true });
    const rejected = await ctx.run(["apply", "--validate=strict", "-f", "-"], manifest);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stderr).toContain('unknown field "bogusField"');
    const missing = await ctx.run(["get", "configmap", "strict"]);
    expect(missing.stderr).toContain('configmaps "strict" not found');
  });

  it("warns of an unknown field under warn validation", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "warned", namespace: "default" }, data: { a: "1" }, bogusField: true });
    const applied = await ctx.run(["apply", "--validate=warn", "-f", "-"], manifest);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('unknown field "bogusField"');
    expect(applied.stdout.trim()).toBe("configmap/warned created");
    expect((await getJson("configmap", "warned")).data).toEqual({ a: "1" });
  });

  it("deletes with --wait", async () => {
    await ctx.run(["create", "-f", "-"], configMap("gone", { a: "1" }));
    const deleted = await ctx.run(["delete", "configmap", "gone", "--wait=true"]);
    expect(deleted.stderr).toBe("");
    expect(deleted.stdout.trim()).toMatch(deletedMessage("gone"));
    const missing = await ctx.run(["get", "configmap", "gone"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('configmaps "gone" not found');
  });
}
