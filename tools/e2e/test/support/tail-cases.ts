import { expect } from "vitest";
import { configMap, deletedMessage, deployment, parseJson, parseTable, type CaseFn, type E2eContext, type ObjectJson } from "./harness.js";

interface PodTemplateJson {
  spec: {
    restartPolicy?: string;
    dnsPolicy?: string;
    containers: { name: string; image: string; imagePullPolicy?: string; terminationMessagePath?: string }[];
  };
}

interface DeploymentSpecJson {
  replicas?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: string; maxUnavailable?: string } };
  template: PodTemplateJson;
}

/**
 * Registers the long tail of kubectl commands: printing variants, selectors, paging,
 * replace, status patches, finalizers, waits, namespaces, defaulting and validation,
 * explain, describe, diff, server-side apply, scale, watch events, health and metrics.
 * Only the oldest and the newest kubectl run them, which keeps the suite within a few
 * minutes.
 */
export function tailCases(it: CaseFn, ctx: E2eContext): void {
  const getJson = async (resource: string, name: string, namespace = "default") =>
    parseJson<ObjectJson>(await ctx.run(["get", resource, name, "-n", namespace, "-o", "json"]));
  const names = (stdout: string) => stdout.split("\n").filter((line) => line !== "").sort();

  it("gets a wide table", async () => {
    await ctx.run(["create", "-f", "-"], deployment("wide", "nginx:1"));
    const table = await ctx.run(["get", "deployment", "wide", "-o", "wide"]);
    expect(table.stderr).toBe("");
    const rows = parseTable(table.stdout);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(["AGE", "AVAILABLE", "CONTAINERS", "IMAGES", "NAME", "READY", "SELECTOR", "UP-TO-DATE"]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ NAME: "wide", READY: "0/1", "UP-TO-DATE": "0", AVAILABLE: "0", CONTAINERS: "web", IMAGES: "nginx:1", SELECTOR: "app=wide" });
    expect(rows[0]?.["AGE"]).toMatch(/^\d+s$/);
  });

  it("orders wide columns as kube-apiserver", async () => {
    await ctx.run(["create", "-f", "-"], deployment("ordered", "nginx:1"));
    const table = await ctx.run(["get", "deployment", "ordered", "-o", "wide"]);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n/);
  });

  it("prints names, jsonpath and custom columns", async () => {
    await ctx.run(["create", "-f", "-"], configMap("printed", { key: "value" }, { labels: { printed: "yes" } }));
    const name = await ctx.run(["get", "configmaps", "-l", "printed=yes", "-o", "name"]);
    expect(name.stdout).toBe("configmap/printed\n");
    const jsonpath = await ctx.run(["get", "configmap", "printed", "-o", "jsonpath={.metadata.name}={.data.key}"]);
    expect(jsonpath.stdout).toBe("printed=value");
    const columns = await ctx.run(["get", "configmap", "printed", "-o", "custom-columns=NAME:.metadata.name,KEY:.data.key"]);
    expect(columns.stdout).toMatch(/^NAME\s+KEY\nprinted\s+value\n$/);
  });

  it("selects by label", async () => {
    await ctx.run(["create", "-f", "-"], configMap("sel-a", {}, { labels: { suite: "sel", app: "a", tier: "front" } }));
    await ctx.run(["create", "-f", "-"], configMap("sel-b", {}, { labels: { suite: "sel", app: "b", tier: "back" } }));
    await ctx.run(["create", "-f", "-"], configMap("sel-c", {}, { labels: { suite: "sel", app: "a" } }));
    const select = async (selector: string) => names((await ctx.run(["get", "configmaps", "-l", selector, "-o", "name"])).stdout);

    expect(await select("suite=sel,app=a")).toEqual(["configmap/sel-a", "configmap/sel-c"]);
    expect(await select("suite=sel,app!=a")).toEqual(["configmap/sel-b"]);
    expect(await select("suite=sel,tier in (back,middle)")).toEqual(["configmap/sel-b"]);
    expect(await select("suite=sel,tier notin (back)")).toEqual(["configmap/sel-a", "configmap/sel-c"]);
    expect(await select("suite=sel,!tier")).toEqual(["configmap/sel-c"]);
    expect(await select("suite=sel,tier")).toEqual(["configmap/sel-a", "configmap/sel-b"]);
    const none = await ctx.run(["get", "configmaps", "-l", "suite=none"]);
    expect(none.stderr.trim()).toBe("No resources found in default namespace.");
  });

  it("selects by field", async () => {
    await ctx.run(["create", "-f", "-"], configMap("field-a", {}));
    await ctx.run(["create", "-f", "-"], configMap("field-b", {}));
    const byName = await ctx.run(["get", "configmaps", "--field-selector", "metadata.name=field-a", "-o", "name"]);
    expect(byName.stdout).toBe("configmap/field-a\n");
    const notName = await ctx.run(["get", "configmaps", "--field-selector", "metadata.name!=field-a", "-o", "name"]);
    expect(names(notName.stdout)).toContain("configmap/field-b");
    expect(names(notName.stdout)).not.toContain("configmap/field-a");
    const allNamespaces = await ctx.run(["get", "configmaps", "-A", "--field-selector", "metadata.namespace=default,metadata.name=field-b", "-o", "name"]);
    expect(allNamespaces.stdout).toBe("configmap/field-b\n");

    const unsupported = await ctx.run(["get", "configmaps", "--field-selector", "data.a=1"]);
    expect(unsupported.code).not.toBe(0);
    expect(unsupported.stderr).toContain('field label not supported: data.a');
  });

  it("replaces an object", async () => {
    await ctx.run(["create", "-f", "-"], configMap("replaced", { a: "1" }));
    const current = await getJson("configmap", "replaced");
    const replaced = await ctx.run(["replace", "-f", "-"], JSON.stringify({ ...current, data: { b: "2" } }));
    expect(replaced.stderr).toBe("");
    expect(replaced.stdout.trim()).toBe("configmap/replaced replaced");
    expect((await getJson("configmap", "replaced")).data).toEqual({ b: "2" });

    const stale = await ctx.run(["replace", "-f", "-"], JSON.stringify({ ...current, data: { c: "3" } }));
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain("the object has been modified; please apply your changes to the latest version and try again");
    expect((await getJson("configmap", "replaced")).data).toEqual({ b: "2" });
  });

  it("patches the status subresource", async () => {
    await ctx.run(["create", "-f", "-"], deployment("status", "nginx:1"));
    const before = await getJson("deployment", "status");
    const status = { status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 }, spec: { replicas: 5 } };
    const patched = await ctx.run(["patch", "deployment", "status", "--subresource=status", "--type=merge", "-p", JSON.stringify(status)]);
    expect(patched.stderr).toBe("");
    expect(patched.stdout.trim()).toBe("deployment.apps/status patched");

    const table = await ctx.run(["get", "deployment", "status"]);
    expect(table.stdout).toMatch(/^status\s+1\/1\s+1\s+1\s+\d+s$/m);
    const after = await getJson("deployment", "status");
    // The status subresource ignores spec changes, so the generation stays.
    expect((after.spec as unknown as DeploymentSpecJson).replicas).toBe(1);
    expect(after.metadata.generation).toBe(before.metadata.generation);

    await ctx.run(["patch", "deployment", "status", "--type=merge", "-p", '{"status":{"readyReplicas":0}}']);
    expect((await getJson("deployment", "status")).status).toMatchObject({ readyReplicas: 1 });
  });

  it("holds a deletion for finalizers", async () => {
    await ctx.run(["create", "-f", "-"], configMap("held", { a: "1" }, { finalizers: ["example.com/hold"] }));
    const deleted = await ctx.run(["delete", "configmap", "held", "--wait=false"]);
    expect(deleted.stdout.trim()).toMatch(deletedMessage("held"));
    const terminating = await getJson("configmap", "held");
    expect(terminating.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(terminating.metadata.finalizers).toEqual(["example.com/hold"]);

    const wait = ctx.spawn(["wait", "--for=delete", "configmap/held", "--timeout=20s", "-v=6"]);
    try {
      // At -v=6 kubectl logs its watch request, so the finalizer goes only once it watches.
      await wait.waitForOutput(/watch=true/, 20_000, "stderr");
      await ctx.run(["patch", "configmap", "held", "--type=json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]']);
      const result = await wait.exited();
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe("configmap/held condition met");
    } finally {
      await wait.stop();
    }
    const missing = await ctx.run(["get", "configmap", "held"]);
    expect(missing.stderr).toContain('configmaps "held" not found');
  });

  it("deletes in the foreground", async () => {
    await ctx.run(["create", "-f", "-"], deployment("foreground", "nginx:1"));
    const deleted = await ctx.run(["delete", "deployment", "foreground", "--cascade=foreground"]);
    expect(deleted.stderr).toBe("");
    expect(deleted.stdout.trim()).toMatch(deletedMessage("foreground", "", "deployment.apps"));
    const missing = await ctx.run(["get", "deployment", "foreground"]);
    expect(missing.stderr).toContain('deployments.apps "foreground" not found');
  });

  it("deletes a namespace with its contents", async () => {
    const created = await ctx.run(["create", "namespace", "doomed"]);
    expect(created.stdout.trim()).toBe("namespace/doomed created");
    await ctx.run(["create", "configmap", "inside", "-n", "doomed", "--from-literal=a=1"]);
    await ctx.run(["create", "-f", "-"], JSON.stringify({ ...JSON.parse(deployment("inside", "nginx:1")), metadata: { name: "inside", namespace: "doomed" } }));
    expect((await ctx.run(["get", "configmaps", "-n", "doomed", "-o", "name"])).stdout).toContain("configmap/inside");

    const deleted = await ctx.run(["delete", "namespace", "doomed"]);
    expect(deleted.stderr).toBe("");
    expect(deleted.stdout.trim()).toBe('namespace "doomed" deleted');
    const namespace = await ctx.run(["get", "namespace", "doomed"]);
    expect(namespace.stderr).toContain('namespaces "doomed" not found');
    const configMaps = await ctx.run(["get", "configmaps", "-n", "doomed"]);
    expect(configMaps.stderr.trim()).toBe("No resources found in doomed namespace.");
    const deployments = await ctx.run(["get", "deployments", "-n", "doomed"]);
    expect(deployments.stderr.trim()).toBe("No resources found in doomed namespace.");
  });

  it("rejects a missing namespace", async () => {
    const result = await ctx.run(["create", "configmap", "lost", "-n", "nowhere", "--from-literal=a=1"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('namespaces "nowhere" not found');
  });

  it("labels a namespace with its name", async () => {
    await ctx.run(["create", "namespace", "named"]);
    expect((await getJson("namespace", "named")).metadata.labels).toEqual({ "kubernetes.io/metadata.name": "named" });
  });

  it("generates a name", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-", namespace: "default" }, data: { a: "1" } });
    const created = await ctx.run(["create", "-f", "-"], manifest);
    expect(created.stdout.trim()).toMatch(/^configmap\/gen-[a-z0-9]{5} created$/);
  });

  it("rejects an invalid name", async () => {
    const result = await ctx.run(["create", "-f", "-"], configMap("Bad_Name", { a: "1" }));
    expect(result.code).not.toBe(0);
    // kubectl writes "The <kind> <name> is invalid" and then the causes for an Invalid Status.
    expect(result.stderr).toContain('The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"');
    const missing = await ctx.run(["get", "configmaps", "-o", "name"]);
    expect(missing.stdout).not.toContain("Bad_Name");
  });

  it("defaults a deployment", async () => {
    await ctx.run(["create", "-f", "-"], deployment("defaulted", "nginx:1"));
    const spec = (await getJson("deployment", "defaulted")).spec as unknown as DeploymentSpecJson;
    expect(spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec.restartPolicy).toBe("Always");
    expect(spec.template.spec.dnsPolicy).toBe("ClusterFirst");
    expect(spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" });
  });

  it("explains a resource", async () => {
    const kind = await ctx.run(["explain", "configmap"]);
    expect(kind.stderr).toBe("");
    expect(kind.stdout).toMatch(/^KIND:\s+ConfigMap$/m);
    expect(kind.stdout).toMatch(/^VERSION:\s+v1$/m);
    expect(kind.stdout).toMatch(/^\s+data\t<map\[string\]string>$/m);

    const field = await ctx.run(["explain", "deployment.spec.replicas"]);
    expect(field.stdout).toMatch(/^FIELD:\s+replicas\s+<integer>$/m);
  });

  it("diffs against the live object", async () => {
    await ctx.run(["create", "-f", "-"], configMap("diffed", { a: "1" }));
    const changed = await ctx.run(["diff", "-f", "-"], configMap("diffed", { a: "2" }));
    // kubectl diff exits with 1 when it found differences.
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^- {2}a: "1"$/m);
    expect(changed.stdout).toMatch(/^\+ {2}a: "2"$/m);
    expect((await getJson("configmap", "diffed")).data).toEqual({ a: "1" });
  });

  it("diffs an unchanged object as empty", async () => {
    await ctx.run(["create", "-f", "-"], configMap("undiffed", { a: "1" }));
    const same = await ctx.run(["diff", "-f", "-"], configMap("undiffed", { a: "1" }));
    expect(same.stdout).toBe("");
    expect(same.code).toBe(0);
  });

  it("applies on the server side", async () => {
    const applied = await ctx.run(["apply", "--server-side", "-f", "-"], configMap("ssa", { a: "1" }));
    expect(applied.stderr).toBe("");
    expect(applied.stdout.trim()).toBe("configmap/ssa serverside-applied");
    const stored = parseJson<ObjectJson & { metadata: { managedFields?: { manager: string; operation: string }[] } }>(
      await ctx.run(["get", "configmap", "ssa", "-o", "json", "--show-managed-fields"]),
    );
    expect(stored.data).toEqual({ a: "1" });
    expect(stored.metadata.managedFields).toEqual(expect.arrayContaining([expect.objectContaining({ manager: "kubectl", operation: "Apply" })]));
  });

  it("reports a server-side apply conflict", async () => {
    await ctx.run(["apply", "--server-side", "-f", "-"], configMap("contested", { owned: "first" }));
    const conflict = await ctx.run(["apply", "--server-side", "--field-manager=other", "-f", "-"], configMap("contested", { owned: "second" }));
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('conflict with "kubectl"');
    expect(conflict.stderr).toContain(".data.owned");
    expect((await getJson("configmap", "contested")).data).toEqual({ owned: "first" });

    const forced = await ctx.run(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"], configMap("contested", { owned: "second" }));
    expect(forced.stdout.trim()).toBe("configmap/contested serverside-applied");
    expect((await getJson("configmap", "contested")).data).toEqual({ owned: "second" });
  });

  it("gets the all category", async () => {
    await ctx.run(["create", "-f", "-"], deployment("everything", "nginx:1"));
    await ctx.run(["create", "-f", "-"], configMap("not-in-all", {}));
    const all = await ctx.run(["get", "all", "-o", "name"]);
    expect(all.stderr).toBe("");
    expect(names(all.stdout)).toContain("deployment.apps/everything");
    expect(names(all.stdout)).not.toContain("configmap/not-in-all");
  });

  it("describes a configmap", async () => {
    await ctx.run(["create", "-f", "-"], configMap("described", { greeting: "hello" }, { labels: { app: "demo" } }));
    const described = await ctx.run(["describe", "configmap", "described"]);
    expect(described.stderr).toBe("");
    expect(described.stdout).toMatch(/^Name:\s+described$/m);
    expect(described.stdout).toMatch(/^Namespace:\s+default$/m);
    expect(described.stdout).toMatch(/^Labels:\s+app=demo$/m);
    expect(described.stdout).toMatch(/^greeting:\n----\nhello$/m);
  });

  it("describes a deployment with events", async () => {
    await ctx.run(["create", "-f", "-"], deployment("described", "nginx:1"));
    // describe lists Events with an involvedObject field selector and ReplicaSets by selector.
    const described = await ctx.run(["describe", "deployment", "described"]);
    expect(described.stderr).toBe("");
    expect(described.stdout).toMatch(/^Name:\s+described$/m);
    expect(described.stdout).toMatch(/^Selector:\s+app=described$/m);
    expect(described.stdout).toMatch(/^\s+Image:\s+nginx:1$/m);
    expect(described.stdout).toMatch(/^Events:\s+<none>$/m);
  });

  it("scales a deployment", async () => {
    await ctx.run(["create", "-f", "-"], deployment("scaled", "nginx:1"));
    const scaled = await ctx.run(["scale", "deployment", "scaled", "--replicas=3"]);
    expect(scaled.stderr).toBe("");
    expect(scaled.stdout.trim()).toBe("deployment.apps/scaled scaled");
    expect(((await getJson("deployment", "scaled")).spec as unknown as DeploymentSpecJson).replicas).toBe(3);
  });

  it("reports the server version", async () => {
    const version = parseJson<{ serverVersion: { major: string; minor: string; gitVersion: string } }>(await ctx.run(["version", "-o", "json"]));
    expect(version.serverVersion.major).toBe("1");
    expect(version.serverVersion.minor).toBe("35");
    expect(version.serverVersion.gitVersion).toMatch(/^v1\.35\.0\+/);
  });

  it("pages through a list", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) await ctx.run(["create", "-f", "-"], configMap(name, {}, { labels: { suite: "page" } }));
    const paged = await ctx.run(["get", "configmaps", "-l", "suite=page", "--chunk-size=1", "-o", "name", "-v=6"]);
    expect(paged.stdout).toBe("configmap/page-a\nconfigmap/page-b\nconfigmap/page-c\n");
    // With a chunk size of 1 kubectl follows at least two continue tokens to read three
    // objects. A page may hold fewer matches than the limit, even none, so there may be more.
    expect(paged.stderr.match(/continue=/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("creates with generators", async () => {
    const secret = await ctx.run(["create", "secret", "generic", "generated", "--from-literal=password=s3cret"]);
    expect(secret.stdout.trim()).toBe("secret/generated created");
    const encoded = await ctx.run(["get", "secret", "generated", "-o", "jsonpath={.data.password}"]);
    expect(Buffer.from(encoded.stdout, "base64").toString("utf8")).toBe("s3cret");
    const type = await ctx.run(["get", "secret", "generated", "-o", "jsonpath={.type}"]);
    expect(type.stdout).toBe("Opaque");

    const created = await ctx.run(["create", "deployment", "generated", "--image=nginx:1", "--replicas=2"]);
    expect(created.stdout.trim()).toBe("deployment.apps/generated created");
    const spec = (await getJson("deployment", "generated")).spec as unknown as DeploymentSpecJson;
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.containers.map((container) => container.image)).toEqual(["nginx:1"]);
  });

  it("deletes a list element by merge key", async () => {
    await ctx.run(["create", "-f", "-"], deployment("directive", "nginx:1"));
    const sidecar = { spec: { template: { spec: { containers: [{ name: "sidecar", image: "busybox:1" }] } } } };
    await ctx.run(["patch", "deployment", "directive", "-p", JSON.stringify(sidecar)]);
    const removal = { spec: { template: { spec: { containers: [{ name: "web", $patch: "delete" }] } } } };
    const patched = await ctx.run(["patch", "deployment", "directive", "--type=strategic", "-p", JSON.stringify(removal)]);
    expect(patched.stderr).toBe("");
    const spec = (await getJson("deployment", "directive")).spec as unknown as DeploymentSpecJson;
    expect(spec.template.spec.containers.map((container) => container.name)).toEqual(["sidecar"]);
  });

  it("drops a field removed from the manifest", async () => {
    await ctx.run(["apply", "-f", "-"], configMap("pruned", { kept: "1", dropped: "2" }));
    // A key added outside apply is no part of last-applied, so apply leaves it.
    await ctx.run(["patch", "configmap", "pruned", "--type=merge", "-p", '{"data":{"foreign":"3"}}']);
    const applied = await ctx.run(["apply", "-f", "-"], configMap("pruned", { kept: "1" }));
    expect(applied.stdout.trim()).toBe("configmap/pruned configured");
    expect((await getJson("configmap", "pruned")).data).toEqual({ kept: "1", foreign: "3" });
  });

  it("deletes by label", async () => {
    for (const name of ["bulk-a", "bulk-b"]) await ctx.run(["create", "-f", "-"], configMap(name, {}, { labels: { suite: "bulk" } }));
    await ctx.run(["create", "-f", "-"], configMap("bulk-kept", {}, { labels: { suite: "other" } }));
    const deleted = await ctx.run(["delete", "configmaps", "-l", "suite=bulk"]);
    const lines = names(deleted.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(deletedMessage("bulk-a"));
    expect(lines[1]).toMatch(deletedMessage("bulk-b"));
    expect((await ctx.run(["get", "configmaps", "-l", "suite=bulk"])).stderr.trim()).toBe("No resources found in default namespace.");
    expect((await ctx.run(["get", "configmap", "bulk-kept", "-o", "name"])).stdout).toBe("configmap/bulk-kept\n");
  });

  it("watches events of a selection", async () => {
    const watch = ctx.spawn(["get", "configmaps", "-l", "suite=events", "-w", "--output-watch-events", "--watch-only", "--no-headers", "-v=6"]);
    try {
      await watch.waitForOutput(/watch=true/, 20_000, "stderr");
      await ctx.run(["create", "-f", "-"], configMap("evented", {}, { labels: { suite: "events" } }));
      await ctx.run(["create", "-f", "-"], configMap("ignored", {}, { labels: { suite: "other" } }));
      await ctx.run(["delete", "configmap", "evented"]);
      const output = await watch.waitForOutput(/^DELETED\s+evented\s/m);
      // Each line is EVENT, NAME, DATA and AGE.
      const events = output.split("\n").filter((line) => line !== "").map((line) => line.split(/\s+/).slice(0, 3).join(" "));
      expect(events).toEqual(["ADDED evented 0", "DELETED evented 0"]);
    } finally {
      await watch.stop();
    }
  });

  it("waits for a condition", async () => {
    await ctx.run(["create", "-f", "-"], deployment("conditioned", "nginx:1"));
    const wait = ctx.spawn(["wait", "--for=condition=Available", "deployment/conditioned", "--timeout=20s", "-v=6"]);
    try {
      await wait.waitForOutput(/watch=true/, 20_000, "stderr");
      const condition = { type: "Available", status: "True", reason: "MinimumReplicasAvailable", lastTransitionTime: "2026-01-01T00:00:00Z", lastUpdateTime: "2026-01-01T00:00:00Z" };
      await ctx.run(["patch", "deployment", "conditioned", "--subresource=status", "--type=merge", "-p", JSON.stringify({ status: { conditions: [condition] } })]);
      const result = await wait.exited();
      expect(result.stdout.trim()).toBe("deployment.apps/conditioned condition met");
      expect(result.code).toBe(0);
    } finally {
      await wait.stop();
    }
  });

  it("reads health and metrics endpoints", async () => {
    for (const endpoint of ["/healthz", "/livez", "/readyz"]) {
      const health = await ctx.run(["get", "--raw", endpoint]);
      expect(health.stdout).toBe("ok");
    }
    await ctx.run(["get", "configmaps", "-n", "kube-system"]);
    const metrics = await ctx.run(["get", "--raw", "/metrics"]);
    expect(metrics.stdout).toMatch(/^# TYPE apiserver_request_total counter$/m);
    expect(metrics.stdout).toMatch(/^apiserver_request_total\{[^}]*verb="LIST"[^}]*resource="configmaps"[^}]*code="200"[^}]*\} [1-9]\d*$/m);
    expect(metrics.stdout).toMatch(/^# TYPE apiserver_request_duration_seconds histogram$/m);
  });
}
