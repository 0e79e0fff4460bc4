import { isStatusError, type GroupVersionKind, type StatusError } from "@apimachinery/meta";
import { describe, expect, it, test } from "vitest";
import type { FieldManager } from "../../src/fieldmanager/index.js";
import type { ObjectData } from "../../src/registry/strategy.js";
import { configMapKind, deployment, deploymentKind, entriesOf, fieldsByManager, newFieldManager, stored, template, widgetKind } from "./support.js";

const nginx = { name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] };
const nginxKey = 'k:{"name":"nginx"}';

function apply(fm: FieldManager, live: ObjectData | undefined, config: ObjectData, manager: string, force = false, subresource = ""): ObjectData {
  const kinds: Record<string, GroupVersionKind> = { ConfigMap: configMapKind, Widget: widgetKind };
  const gvk = kinds[config.kind ?? ""] ?? deploymentKind;
  return stored(fm.apply(live, config, { manager, gvk, force, subresource }));
}

function applyError(action: () => unknown): StatusError {
  try {
    action();
  } catch (error) {
    if (isStatusError(error)) return error;
    throw error;
  }
  throw new Error("expected a StatusError");
}

function configMap(data: Record<string, string> | undefined): ObjectData {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, ...(data ? { data } : {}) };
}

describe("apply", () => {
  it("creates an absent object and records the applier", () => {
    const fm = newFieldManager();
    const config = deployment({ replicas: 1, selector: { matchLabels: { app: "web" } }, template: template([nginx]) }, { labels: { app: "web" } });
    const created = fm.apply(undefined, config, { manager: "kubectl", gvk: deploymentKind });
    expect(created.spec).toEqual(config.spec);
    expect(created.metadata?.name).toBe("web");
    expect(entriesOf(created)).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: "2026-01-01T00:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  [nginxKey]: { ".": {}, "f:image": {}, "f:name": {}, "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } } },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("writes entry keys in Kubernetes' order", () => {
    const fm = newFieldManager();
    const created = fm.apply(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind, subresource: "" });
    expect(Object.keys(entriesOf(created)[0] ?? {})).toEqual(["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"]);
  });

  it("shares a map list between two managers", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment({ template: template([nginx]) }), "alpha");
    live = apply(fm, live, deployment({ template: { spec: { containers: [{ name: "sidecar", image: "busybox" }] } } }), "beta");
    const containers = (live.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers;
    expect(containers.map((container) => container.name)).toEqual(["nginx", "sidecar"]);
    expect(fieldsByManager(live)["beta/Apply"]).toEqual({
      "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"sidecar"}': { ".": {}, "f:image": {}, "f:name": {} } } } } },
    });
    expect(entriesOf(live).map((entry) => entry.manager)).toEqual(["alpha", "beta"]);

    const error = applyError(() => apply(fm, live, deployment({ template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28" }] } } }), "beta"));
    expect(error.status.details?.causes).toEqual([
      { reason: "FieldManagerConflict", message: 'conflict with "alpha"', field: '.spec.template.spec.containers[name="nginx"].image' },
    ]);
  });

  it("keeps a dropped field that another manager owns", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, configMap({ a: "1", b: "2" }), "alpha");
    live = apply(fm, live, configMap({ a: "1" }), "beta");
    expect(fieldsByManager(live)).toEqual({ "alpha/Apply": { "f:data": { "f:a": {}, "f:b": {} } }, "beta/Apply": { "f:data": { "f:a": {} } } });
    live = apply(fm, live, configMap(undefined), "alpha");
    expect(live["data"]).toEqual({ a: "1" });
    expect(fieldsByManager(live)).toEqual({ "beta/Apply": { "f:data": { "f:a": {} } } });
  });

  it("removes a dropped field nobody else owns", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, configMap({ a: "1", b: "2" }), "alpha");
    live = apply(fm, live, configMap({ a: "1" }), "alpha");
    expect(live["data"]).toEqual({ a: "1" });
    expect(fieldsByManager(live)).toEqual({ "alpha/Apply": { "f:data": { "f:a": {} } } });
  });

  it("replaces an atomic list as a whole", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment({ template: template([{ ...nginx, args: ["--a", "--b"] }]) }), "alpha");
    const change = deployment({ template: { spec: { containers: [{ name: "nginx", args: ["--c"] }] } } });
    const error = applyError(() => apply(fm, live, change, "beta"));
    expect(error.code).toBe(409);
    expect(error.message).toBe('Apply failed with 1 conflict: conflict with "alpha": .spec.template.spec.containers[name="nginx"].args');

    live = apply(fm, live, change, "beta", true);
    const container = (live.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0];
    expect(container?.["args"]).toEqual(["--c"]);
    const fields = fieldsByManager(live);
    expect(fields["alpha/Apply"]).toEqual({
      "f:spec": {
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": { "f:containers": { [nginxKey]: { ".": {}, "f:image": {}, "f:name": {}, "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } } } } },
        },
      },
    });
    expect(fields["beta/Apply"]).toEqual({ "f:spec": { "f:template": { "f:spec": { "f:containers": { [nginxKey]: { ".": {}, "f:args": {}, "f:name": {} } } } } } });
  });

  it("replaces an atomic map as a whole", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment({ template: { spec: { nodeSelector: { disk: "ssd" } } } }), "alpha");
    const change = deployment({ template: { spec: { nodeSelector: { zone: "a" } } } });
    const error = applyError(() => apply(fm, live, change, "beta"));
    expect(error.status.details?.causes?.map((cause) => cause.field)).toEqual([".spec.template.spec.nodeSelector"]);
    live = apply(fm, live, change, "beta", true);
    expect((live.spec as { template: { spec: unknown } }).template.spec).toEqual({ nodeSelector: { zone: "a" } });
    expect(fieldsByManager(live)).toEqual({ "beta/Apply": { "f:spec": { "f:template": { "f:spec": { "f:nodeSelector": {} } } } } });
  });

  it("merges a granular map key by key", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment(undefined, { labels: { app: "web" } }), "alpha");
    live = apply(fm, live, deployment(undefined, { labels: { team: "blue" } }), "beta");
    expect(live.metadata?.labels).toEqual({ app: "web", team: "blue" });
    expect(fieldsByManager(live)).toEqual({
      "alpha/Apply": { "f:metadata": { "f:labels": { "f:app": {} } } },
      "beta/Apply": { "f:metadata": { "f:labels": { "f:team": {} } } },
    });
    const error = applyError(() => apply(fm, live, deployment(undefined, { labels: { app: "api" } }), "beta"));
    expect(error.status.details?.causes?.map((cause) => cause.field)).toEqual([".metadata.labels.app"]);
  });

  it("lets a manager rename itself", () => {
    const fm = newFieldManager();
    const config = deployment({ replicas: 2, template: template([nginx]) });
    let live = apply(fm, undefined, config, "old-name");
    const before = fieldsByManager(live)["old-name/Apply"];
    live = apply(fm, live, config, "new-name");
    // The second apply changes nothing, so the new entry has no time and sorts first.
    expect(Object.keys(fieldsByManager(live))).toEqual(["new-name/Apply", "old-name/Apply"]);
    live = apply(fm, live, deployment(undefined), "old-name");
    expect(live.spec).toEqual(config.spec);
    expect(fieldsByManager(live)).toEqual({ "new-name/Apply": before });
  });

  it("conflicts with an earlier update by another manager", () => {
    const fm = newFieldManager();
    const created = fm.updateManagedFields(undefined, deployment({ replicas: 2, template: template([nginx]) }), { manager: "kubectl-client-side-apply", gvk: deploymentKind });
    let live = stored(created);
    const error = applyError(() => apply(fm, live, deployment({ replicas: 3 }), "kubectl"));
    expect(error.status).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "Conflict",
      code: 409,
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: ".spec.replicas" }] },
    });

    live = apply(fm, live, deployment({ replicas: 3 }), "kubectl", true);
    expect((live.spec as { replicas: number }).replicas).toBe(3);
    const fields = fieldsByManager(live);
    expect(fields["kubectl/Apply"]).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(fields["kubectl-client-side-apply/Update"]).not.toHaveProperty(["f:spec", "f:replicas"]);
    expect(entriesOf(live).map((entry) => entry.operation)).toEqual(["Apply", "Update"]);
  });

  it("shares a field applied with the value an updater set", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, deployment({ replicas: 2 }), { manager: "kubectl-create", gvk: deploymentKind }));
    const applied = apply(fm, live, deployment({ replicas: 2 }), "kubectl");
    expect(fieldsByManager(applied)).toEqual({ "kubectl/Apply": { "f:spec": { "f:replicas": {} } }, "kubectl-create/Update": { "f:spec": { "f:replicas": {} } } });
    expect(entriesOf(applied)[0]?.time).toBeUndefined();
  });

  it("reports every conflict grouped by manager", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, configMap({ a: "1", b: "2" }), "alpha");
    live = apply(fm, live, configMap({ c: "3" }), "beta");
    const error = applyError(() => apply(fm, live, configMap({ a: "x", b: "y", c: "z" }), "gamma"));
    expect(error.message).toBe('Apply failed with 3 conflicts: conflicts with "alpha":\n- .data.a\n- .data.b\nconflicts with "beta":\n- .data.c');
    expect(error.status.details?.causes?.map((cause) => `${cause.field} ${cause.message}`)).toEqual([
      '.data.a conflict with "alpha"',
      '.data.b conflict with "alpha"',
      '.data.c conflict with "beta"',
    ]);
  });

  it("applies status through the subresource", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, deployment({ replicas: 2 }), { manager: "kubectl-create", gvk: deploymentKind }));
    const status = { replicas: 1, conditions: [{ type: "Available", status: "True" }] };
    const applied = apply(fm, live, { ...deployment({ replicas: 5 }), status }, "status-writer", false, "status");
    expect(applied["status"]).toEqual(status);
    expect(entriesOf(applied)[0]).toEqual({
      manager: "status-writer",
      operation: "Apply",
      apiVersion: "apps/v1",
      time: "2026-01-01T00:00:01Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": { "f:conditions": { 'k:{"type":"Available"}': { ".": {}, "f:status": {}, "f:type": {} } }, "f:replicas": {} } },
      subresource: "status",
    });
    expect(fieldsByManager(applied)["kubectl-create/Update"]).toEqual({ "f:spec": { "f:replicas": {} } });
  });

  it("ignores status applied through the main resource", () => {
    const fm = newFieldManager();
    const applied = fm.apply(undefined, { ...deployment({ replicas: 1 }), status: { replicas: 1 } }, { manager: "kubectl", gvk: deploymentKind });
    expect(fieldsByManager(applied)).toEqual({ "kubectl/Apply": { "f:spec": { "f:replicas": {} } } });
  });

  it("credits existing fields to before-first-apply", () => {
    const fm = newFieldManager();
    const live = stored(deployment({ replicas: 2 }));
    const error = applyError(() => apply(fm, live, deployment({ replicas: 3 }), "kubectl"));
    expect(error.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });

  it("leaves a repeated apply unchanged", () => {
    const fm = newFieldManager();
    const config = deployment({ replicas: 2, template: template([nginx]) });
    const live = apply(fm, undefined, config, "kubectl");
    const again = apply(fm, live, config, "kubectl");
    expect(again).toEqual(live);
  });

  it("tracks objects without schema as deduced", () => {
    const fm = newFieldManager();
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { size: 1, nested: { color: "red" }, items: [1, 2] } };
    const applied = apply(fm, undefined, widget, "kubectl");
    expect(fieldsByManager(applied)).toEqual({
      "kubectl/Apply": { "f:spec": { ".": {}, "f:items": {}, "f:nested": { ".": {}, "f:color": {} }, "f:size": {} } },
    });
    const changed = apply(fm, applied, { ...widget, spec: { size: 1, items: [3] } }, "kubectl");
    expect(changed["spec"]).toEqual({ size: 1, items: [3] });
  });
});

describe("apply input checks", () => {
  it("accepts null managedFields", () => {
    const fm = newFieldManager();
    const config = { ...deployment({ replicas: 1 }), metadata: { name: "web", managedFields: null } } as unknown as ObjectData;
    const applied = fm.apply(undefined, config, { manager: "kubectl", gvk: deploymentKind });
    expect(fieldsByManager(applied)).toEqual({ "kubectl/Apply": { "f:spec": { "f:replicas": {} } } });
  });

  it("rejects metadata that is not a map", () => {
    const fm = newFieldManager();
    const config = { apiVersion: "apps/v1", kind: "Deployment", metadata: "web" } as unknown as ObjectData;
    const error = applyError(() => fm.apply(undefined, config, { manager: "kubectl", gvk: deploymentKind }));
    expect(error.message).toBe('failed to create typed patch object (/; apps/v1, Kind=Deployment): .metadata: expected map, got "web"');
  });

  test.each([
    ["another kind", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" } }, "invalid object type: v1, Kind=ConfigMap"],
    ["no kind", { metadata: { name: "web" } }, "invalid object type: , Kind="],
    ["managedFields", { ...deployment(undefined), metadata: { name: "web", managedFields: [] } }, "metadata.managedFields must be nil"],
  ])("rejects %s", (_name, config, message) => {
    const fm = newFieldManager();
    const error = applyError(() => fm.apply(undefined, config as ObjectData, { manager: "kubectl", gvk: deploymentKind }));
    expect(error.reason).toBe("BadRequest");
    expect(error.message).toBe(message);
  });

  test.each([
    [
      "duplicate map-list keys",
      { template: { spec: { containers: [{ name: "nginx" }, { name: "nginx" }] } } },
      '.spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    ],
    [
      "a map-list element without keys",
      { template: { spec: { containers: [{ image: "nginx" }] } } },
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn\'t have default values for any key fields)',
    ],
    [
      "a scalar in a map list",
      { template: { spec: { containers: ["nginx"] } } },
      ".spec.template.spec.containers: element 0: associative list with keys may not have non-map elements",
    ],
    ["an unknown field", { replicas: 1, replicaz: 2 }, ".spec.replicaz: field not declared in schema"],
    [
      "an unknown nested field",
      { template: { spec: { containers: [{ name: "nginx", imagee: "x" }] } } },
      '.spec.template.spec.containers[name="nginx"].imagee: field not declared in schema',
    ],
    ["a string for a struct", { template: "nginx" }, '.spec.template: expected map, got "nginx"'],
    ["a map for a list", { template: { spec: { containers: { name: "nginx" } } } }, '.spec.template.spec.containers: expected list, got name="nginx"'],
  ])("rejects %s", (_name, spec, detail) => {
    const fm = newFieldManager();
    const error = applyError(() => fm.apply(undefined, deployment(spec), { manager: "kubectl", gvk: deploymentKind }));
    expect(error.code).toBe(500);
    expect(error.message).toBe(`failed to create typed patch object (default/web; apps/v1, Kind=Deployment): ${detail}`);
  });
});

describe("migration from client-side apply", () => {
  const annotation = "kubectl.kubernetes.io/last-applied-configuration";

  function clientSideApplied(fm: FieldManager, replicas: number): ObjectData {
    const config = deployment({ replicas });
    const lastApplied = `${JSON.stringify(config)}\n`;
    const object = deployment({ replicas }, { annotations: { [annotation]: lastApplied } });
    return stored(fm.updateManagedFields(undefined, object, { manager: "kubectl-client-side-apply", gvk: deploymentKind }));
  }

  it("takes over unchanged fields for kubectl", () => {
    const fm = newFieldManager();
    const live = clientSideApplied(fm, 2);
    const applied = apply(fm, live, deployment({ replicas: 3 }), "kubectl");
    expect((applied.spec as { replicas: number }).replicas).toBe(3);
    expect(fieldsByManager(applied)["kubectl/Apply"]).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(applied.metadata?.annotations?.[annotation]).toBe('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":3}}\n');
  });

  it("keeps conflicts for other managers", () => {
    const fm = newFieldManager();
    const live = clientSideApplied(fm, 2);
    const error = applyError(() => apply(fm, live, deployment({ replicas: 3 }), "other"));
    expect(error.status.details?.causes?.map((cause) => cause.field)).toEqual([".spec.replicas"]);
  });

  it("keeps conflicts on fields changed since", () => {
    const fm = newFieldManager();
    let live = clientSideApplied(fm, 2);
    live = stored(fm.updateManagedFields(live, { ...live, spec: { replicas: 5 } }, { manager: "kubectl-client-side-apply", gvk: deploymentKind }));
    const error = applyError(() => apply(fm, live, deployment({ replicas: 3 }), "kubectl"));
    expect(error.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });
});

describe("apply of null values", () => {
  it("owns a null field and drops it from a typed object", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment({ replicas: 2, paused: true }), "alpha");
    live = apply(fm, live, deployment({ replicas: 2, paused: null }), "alpha");
    expect(live.spec).toEqual({ replicas: 2 });
    expect(fieldsByManager(live)).toEqual({ "alpha/Apply": { "f:spec": { "f:paused": {}, "f:replicas": {} } } });
  });

  it("keeps null in an object without schema", () => {
    const fm = newFieldManager();
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { size: null } };
    expect(apply(fm, undefined, widget, "alpha")["spec"]).toEqual({ size: null });
  });
});

describe("apply of set lists and defaulted keys", () => {
  it("merges a set list value by value", () => {
    const fm = newFieldManager();
    let live = apply(fm, undefined, deployment(undefined, { finalizers: ["example.com/a"] }), "alpha");
    live = apply(fm, live, deployment(undefined, { finalizers: ["example.com/b"] }), "beta");
    expect(live.metadata?.finalizers).toEqual(["example.com/a", "example.com/b"]);
    expect(fieldsByManager(live)).toEqual({
      "alpha/Apply": { "f:metadata": { "f:finalizers": { 'v:"example.com/a"': {} } } },
      "beta/Apply": { "f:metadata": { "f:finalizers": { 'v:"example.com/b"': {} } } },
    });
    live = apply(fm, live, deployment(undefined, { finalizers: [] }), "alpha");
    expect(live.metadata?.finalizers).toEqual(["example.com/b"]);
  });

  it("keys a Service port with its default protocol", () => {
    const fm = newFieldManager();
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    const applied = fm.apply(undefined, service, { manager: "kubectl", gvk: { group: "", version: "v1", kind: "Service" } });
    expect(JSON.stringify(fieldsByManager(applied)["kubectl/Apply"])).toBe(
      JSON.stringify({ "f:spec": { "f:ports": { 'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:port": {}, "f:targetPort": {} } } } }),
    );
  });
});
