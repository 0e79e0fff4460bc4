import { describe, expect, it, test } from "vitest";
import { managerOrUserAgent } from "../../src/fieldmanager/index.js";
import type { ObjectData } from "../../src/registry/strategy.js";
import { configMapKind, deployment, deploymentKind, entriesOf, fieldsByManager, newFieldManager, stored, template } from "./support.js";

const nginx = { name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }], resources: {} };

function configMap(data: Record<string, string>, managedFields?: unknown): ObjectData {
  const metadata: Record<string, unknown> = { name: "settings", namespace: "default" };
  if (managedFields !== undefined) metadata["managedFields"] = managedFields;
  return { apiVersion: "v1", kind: "ConfigMap", metadata, data };
}

describe("updateManagedFields", () => {
  it("records a create with Go's zero values in mind", () => {
    const fm = newFieldManager();
    const object = deployment({ replicas: 2, selector: { matchLabels: { app: "web" } }, template: template([nginx]) }, { labels: { app: "web" } });
    const created = fm.updateManagedFields(undefined, object, { manager: "kubectl-create", gvk: deploymentKind });
    expect(entriesOf(created)).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "apps/v1",
        time: "2026-01-01T00:00:00Z",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": { ".": {}, 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {}, "f:protocol": {} } },
                    "f:resources": {},
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("records a defaulted Deployment as kubectl create does", () => {
    const fm = newFieldManager();
    const container = {
      image: "nginx",
      imagePullPolicy: "Always",
      name: "nginx",
      resources: {},
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
    };
    const spec = {
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: "nginx" } },
      strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" }, type: "RollingUpdate" },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [container],
          dnsPolicy: "ClusterFirst",
          restartPolicy: "Always",
          schedulerName: "default-scheduler",
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    };
    const created = fm.updateManagedFields(undefined, deployment(spec, { labels: { app: "nginx" } }), { manager: "kubectl-create", gvk: deploymentKind });
    expect(JSON.stringify(fieldsByManager(created)["kubectl-create/Update"])).toBe(JSON.stringify({
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:progressDeadlineSeconds": {},
        "f:replicas": {},
        "f:revisionHistoryLimit": {},
        "f:selector": {},
        "f:strategy": { "f:rollingUpdate": { ".": {}, "f:maxSurge": {}, "f:maxUnavailable": {} }, "f:type": {} },
        "f:template": {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:image": {},
                "f:imagePullPolicy": {},
                "f:name": {},
                "f:resources": {},
                "f:terminationMessagePath": {},
                "f:terminationMessagePolicy": {},
              },
            },
            "f:dnsPolicy": {},
            "f:restartPolicy": {},
            "f:schedulerName": {},
            "f:securityContext": {},
            "f:terminationGracePeriodSeconds": {},
          },
        },
      },
    }));
  });

  it("keeps the entry time when the manager changes nothing", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, { ...live, data: { a: "1" } }, { manager: "kubectl", gvk: configMapKind });
    expect(next).toEqual(live);
  });

  it("bumps the time when the manager changes a field", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, { ...live, data: { a: "2" } }, { manager: "kubectl", gvk: configMapKind });
    expect(entriesOf(next).map((entry) => entry.time)).toEqual(["2026-01-01T00:00:01Z"]);
    expect(fieldsByManager(next)).toEqual({ "kubectl/Update": { "f:data": { ".": {}, "f:a": {} } } });
  });

  it("moves a changed field to the writing manager", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, deployment({ replicas: 2, paused: false }), { manager: "kubectl-create", gvk: deploymentKind }));
    const next = fm.updateManagedFields(live, { ...live, spec: { replicas: 5, paused: false } }, { manager: "hpa", gvk: deploymentKind });
    expect(fieldsByManager(next)).toEqual({
      "kubectl-create/Update": { "f:spec": { "f:paused": {} } },
      "hpa/Update": { "f:spec": { "f:replicas": {} } },
    });
  });

  it("drops removed fields from every manager", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1", b: "2" }), { manager: "first", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, { ...live, data: { a: "1" } }, { manager: "second", gvk: configMapKind });
    expect(fieldsByManager(next)).toEqual({ "first/Update": { "f:data": { ".": {}, "f:a": {} } } });
  });

  it("names a manager without a name unknown", () => {
    const fm = newFieldManager();
    const created = fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "", gvk: configMapKind });
    expect(entriesOf(created)[0]?.manager).toBe("unknown");
  });

  it("keeps live entries when the client sends none", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind });
    expect(next.metadata?.managedFields).toEqual(live.metadata?.managedFields);
  });

  test.each([
    ["an empty list", []],
    ["one empty entry", [{}]],
  ])("resets managedFields on %s", (_name, sent) => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, { ...configMap({ a: "2" }, sent), metadata: { ...live.metadata, managedFields: sent } }, { manager: "kubectl", gvk: configMapKind });
    expect(next.metadata).not.toHaveProperty("managedFields");
    expect(next["data"]).toEqual({ a: "2" });
  });

  it("replaces managedFields with a valid list", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const sent = [{ manager: "someone", operation: "Apply", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "f:data": { "f:a": {} } } }];
    const next = fm.updateManagedFields(live, { ...live, metadata: { ...live.metadata, managedFields: sent } }, { manager: "kubectl", gvk: configMapKind });
    expect(next.metadata?.managedFields).toEqual(sent);
  });

  test.each([
    ["a missing fieldsType", { manager: "x", operation: "Update", apiVersion: "v1", fieldsV1: {} }],
    ["another fieldsType", { manager: "x", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV2", fieldsV1: {} }],
    ["a bad operation", { manager: "x", operation: "Patch", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: {} }],
    ["no apiVersion", { manager: "x", operation: "Update", fieldsType: "FieldsV1", fieldsV1: {} }],
    ["bad FieldsV1", { manager: "x", operation: "Update", apiVersion: "v1", fieldsType: "FieldsV1", fieldsV1: { "k:oops": {} } }],
  ])("keeps live entries over %s", (_name, entry) => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "kubectl", gvk: configMapKind }));
    const next = fm.updateManagedFields(live, { ...live, metadata: { ...live.metadata, managedFields: [entry] } }, { manager: "kubectl", gvk: configMapKind });
    expect(next.metadata?.managedFields).toEqual(live.metadata?.managedFields);
  });

  it("ignores managedFields sent to a subresource", () => {
    const fm = newFieldManager();
    const live = stored(fm.updateManagedFields(undefined, deployment({ replicas: 1 }), { manager: "kubectl", gvk: deploymentKind }));
    const next = fm.updateManagedFields(
      live,
      { ...live, metadata: { ...live.metadata, managedFields: [] }, status: { replicas: 1 } },
      { manager: "kube-controller-manager", gvk: deploymentKind, subresource: "status" },
    );
    expect(entriesOf(next)).toEqual([
      ...entriesOf(live),
      {
        manager: "kube-controller-manager",
        operation: "Update",
        apiVersion: "apps/v1",
        time: "2026-01-01T00:00:01Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:status": { "f:replicas": {} } },
        subresource: "status",
      },
    ]);
  });

  it("starts tracking an untracked object only at apply", () => {
    const fm = newFieldManager();
    const live = stored(configMap({ a: "1" }));
    const next = fm.updateManagedFields(live, configMap({ a: "2" }), { manager: "kubectl", gvk: configMapKind });
    expect(next.metadata).not.toHaveProperty("managedFields");
  });

  it("merges the oldest updaters into ancient-changes", () => {
    const fm = newFieldManager(2);
    let live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "m1", gvk: configMapKind }));
    live = stored(fm.updateManagedFields(live, { ...live, data: { a: "1", b: "2" } }, { manager: "m2", gvk: configMapKind }));
    live = stored(fm.updateManagedFields(live, { ...live, data: { a: "1", b: "2", c: "3" } }, { manager: "m3", gvk: configMapKind }));
    expect(entriesOf(live).map((entry) => `${entry.manager} ${entry.time}`)).toEqual(["ancient-changes 2026-01-01T00:00:01Z", "m3 2026-01-01T00:00:02Z"]);
    expect(fieldsByManager(live)["ancient-changes/Update"]).toEqual({ "f:data": { ".": {}, "f:a": {}, "f:b": {} } });
  });

  it("sorts Apply entries before Update entries", () => {
    const fm = newFieldManager();
    let live = stored(fm.updateManagedFields(undefined, configMap({ a: "1" }), { manager: "writer", gvk: configMapKind }));
    live = stored(fm.apply(live, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { b: "2" } }, { manager: "applier", gvk: configMapKind }));
    expect(entriesOf(live).map((entry) => entry.operation)).toEqual(["Apply", "Update"]);
  });
});

describe("managerOrUserAgent", () => {
  test.each([
    ["kubectl-edit", "kubectl/v1.35.0 (linux/amd64)", "kubectl-edit"],
    ["", "kubectl/v1.35.0 (linux/amd64) kubernetes/abc", "kubectl"],
    [undefined, "Go-http-client/2.0", "Go-http-client"],
    [undefined, undefined, ""],
  ])("names %s from %s", (fieldManager, userAgent, expected) => {
    expect(managerOrUserAgent(fieldManager, userAgent)).toBe(expected);
  });
});
