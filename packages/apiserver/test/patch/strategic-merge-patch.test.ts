import { isStatusError } from "@apimachinery/meta";
import { describe, expect, test } from "vitest";
import { applyStrategicMergePatchTo, builtinScheme } from "@apimachinery/apiserver";

const scheme = builtinScheme();
const smp = (target: unknown, patch: unknown) => applyStrategicMergePatchTo(target, patch, scheme);

type Json = Record<string, unknown>;

/** Returns a Deployment whose pod template has the given pod spec fields. */
function deployment(podSpec: Json, spec: Json = {}): Json {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { ...spec, template: { spec: podSpec } } };
}

/** Returns a strategic merge patch of a Deployment's pod spec. */
function podSpecPatch(podSpec: Json): Json {
  return { spec: { template: { spec: podSpec } } };
}

const app = { name: "app", image: "nginx:1", ports: [{ containerPort: 80 }], env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] };
const sidecar = { name: "sidecar", image: "envoy:1" };

describe("strategic merge patch on Deployment pod spec", () => {
  test.each([
    ["merges a container by name", { containers: [app, sidecar] }, { containers: [{ name: "app", image: "nginx:2" }] }, { containers: [{ ...app, image: "nginx:2" }, sidecar] }],
    // kube-apiserver places elements new to a merge list before the server-only ones.
    ["puts a new container first", { containers: [app] }, { containers: [sidecar] }, { containers: [sidecar, app] }],
    [
      "orders merged containers by the patch",
      { containers: [app, sidecar, { name: "third" }] },
      { containers: [{ name: "third", image: "t" }, { name: "app", image: "nginx:2" }] },
      { containers: [sidecar, { name: "third", image: "t" }, { ...app, image: "nginx:2" }] },
    ],
    ["deletes a container with $patch delete", { containers: [app, sidecar] }, { containers: [{ name: "sidecar", $patch: "delete" }] }, { containers: [app] }],
    [
      "replaces the containers with $patch replace",
      { containers: [app, sidecar] },
      { containers: [{ $patch: "replace" }, { name: "only", image: "busybox" }] },
      { containers: [{ name: "only", image: "busybox" }] },
    ],
    [
      "merges env by name",
      { containers: [app] },
      { containers: [{ name: "app", env: [{ name: "B", value: "3" }, { name: "C", value: "4" }] }] },
      { containers: [{ ...app, env: [{ name: "A", value: "1" }, { name: "B", value: "3" }, { name: "C", value: "4" }] }] },
    ],
    [
      "deletes one env var with null value field",
      { containers: [app] },
      { containers: [{ name: "app", env: [{ name: "A", value: null }] }] },
      { containers: [{ ...app, env: [{ name: "A" }, { name: "B", value: "2" }] }] },
    ],
    [
      "merges ports by containerPort",
      { containers: [app] },
      { containers: [{ name: "app", ports: [{ containerPort: 80, name: "http" }, { containerPort: 443 }] }] },
      { containers: [{ ...app, ports: [{ containerPort: 80, name: "http" }, { containerPort: 443 }] }] },
    ],
    [
      "replaces args, a list without a strategy",
      { containers: [{ name: "app", args: ["a", "b"] }] },
      { containers: [{ name: "app", args: ["c"] }] },
      { containers: [{ name: "app", args: ["c"] }] },
    ],
    [
      "replaces tolerations, an atomic list",
      { tolerations: [{ key: "a", operator: "Exists" }, { key: "b", operator: "Exists" }] },
      { tolerations: [{ key: "c", operator: "Exists" }] },
      { tolerations: [{ key: "c", operator: "Exists" }] },
    ],
    [
      "merges volumes by name",
      { volumes: [{ name: "data", emptyDir: {} }, { name: "conf", configMap: { name: "c1" } }] },
      { volumes: [{ name: "conf", configMap: { name: "c2" } }] },
      { volumes: [{ name: "data", emptyDir: {} }, { name: "conf", configMap: { name: "c2" } }] },
    ],
    [
      "switches a volume source with $retainKeys",
      { volumes: [{ name: "data", emptyDir: {} }] },
      { volumes: [{ name: "data", $retainKeys: ["name", "hostPath"], hostPath: { path: "/tmp" } }] },
      { volumes: [{ name: "data", hostPath: { path: "/tmp" } }] },
    ],
    [
      "merges a volume source field found through the inline VolumeSource",
      { volumes: [{ name: "conf", configMap: { name: "c1", items: [{ key: "a", path: "a" }] } }] },
      { volumes: [{ name: "conf", configMap: { defaultMode: 420 } }] },
      { volumes: [{ name: "conf", configMap: { name: "c1", items: [{ key: "a", path: "a" }], defaultMode: 420 } }] },
    ],
    [
      "replaces a Quantity as an atomic value",
      { containers: [{ name: "app", resources: { limits: { cpu: "1", memory: "1Gi" } } }] },
      { containers: [{ name: "app", resources: { limits: { cpu: "500m" } } }] },
      { containers: [{ name: "app", resources: { limits: { cpu: "500m", memory: "1Gi" } } }] },
    ],
    [
      "replaces an IntOrString port as an atomic value",
      { containers: [{ name: "app", livenessProbe: { httpGet: { port: 8080, path: "/" } } }] },
      { containers: [{ name: "app", livenessProbe: { httpGet: { port: "http" } } }] },
      { containers: [{ name: "app", livenessProbe: { httpGet: { port: "http", path: "/" } } }] },
    ],
    [
      "merges a map of labels key by key",
      { nodeSelector: { a: "1", b: "2" } },
      { nodeSelector: { b: null, c: "3" } },
      { nodeSelector: { a: "1", c: "3" } },
    ],
    [
      "replaces a map with $patch replace",
      { nodeSelector: { a: "1", b: "2" } },
      { nodeSelector: { $patch: "replace", c: "3" } },
      { nodeSelector: { c: "3" } },
    ],
    [
      "empties a map with $patch delete",
      { securityContext: { runAsUser: 1 }, hostname: "h" },
      { securityContext: { $patch: "delete" } },
      { securityContext: {}, hostname: "h" },
    ],
    ["empties a map of labels with $patch delete", { nodeSelector: { a: "1" } }, { nodeSelector: { $patch: "delete" } }, { nodeSelector: {} }],
    [
      "accepts $patch merge on a map",
      { securityContext: { runAsUser: 1 } },
      { securityContext: { $patch: "merge", runAsGroup: 2 } },
      { securityContext: { runAsUser: 1, runAsGroup: 2 } },
    ],
    ["deletes a field with null", { hostname: "h", subdomain: "s" }, { hostname: null }, { subdomain: "s" }],
    ["ignores null for a missing field", { hostname: "h" }, { subdomain: null }, { hostname: "h" }],
  ])("%s", (_name, podSpec, patch, expected) => {
    const result = smp(deployment(podSpec), podSpecPatch(patch));
    expect(result).toEqual(deployment(expected));
  });
});

describe("strategic merge patch on other kinds", () => {
  const pod = (metadata: Json, spec: Json = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", ...metadata }, spec });
  const service = (ports: unknown[]) => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports } });

  test.each([
    ["merges finalizers as a set", pod({ finalizers: ["a", "b"] }), { metadata: { finalizers: ["b", "c"] } }, pod({ finalizers: ["a", "b", "c"] })],
    [
      "removes finalizers with $deleteFromPrimitiveList",
      pod({ finalizers: ["a", "b", "c"] }),
      { metadata: { "$deleteFromPrimitiveList/finalizers": ["b"] } },
      pod({ finalizers: ["a", "c"] }),
    ],
    [
      "removes and adds finalizers in one patch",
      pod({ finalizers: ["a", "b"] }),
      { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"], finalizers: ["c"] } },
      pod({ finalizers: ["c", "b"] }),
    ],
    [
      "reorders finalizers with $setElementOrder",
      pod({ finalizers: ["a", "b"] }),
      { metadata: { "$setElementOrder/finalizers": ["c", "b", "a"], finalizers: ["c"] } },
      pod({ finalizers: ["c", "b", "a"] }),
    ],
    [
      "replaces finalizers with $patch replace",
      pod({ finalizers: ["a", "b"] }),
      { metadata: { finalizers: [{ $patch: "replace" }, "z"] } },
      pod({ finalizers: ["z"] }),
    ],
    ["merges labels", pod({ labels: { a: "1" } }), { metadata: { labels: { b: "2" } } }, pod({ labels: { a: "1", b: "2" } })],
    [
      "replaces creationTimestamp as a Time",
      pod({ creationTimestamp: "2020-01-01T00:00:00Z" }),
      { metadata: { creationTimestamp: "2021-01-01T00:00:00Z" } },
      pod({ creationTimestamp: "2021-01-01T00:00:00Z" }),
    ],
    [
      "merges Service ports by port",
      service([{ port: 80, targetPort: 8080 }, { port: 443 }]),
      { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      service([{ port: 80, targetPort: 9090 }, { port: 443 }]),
    ],
    [
      "deletes a Service port by port",
      service([{ port: 80 }, { port: 443 }]),
      { spec: { ports: [{ port: 80, $patch: "delete" }] } },
      service([{ port: 443 }]),
    ],
    [
      "merges pod conditions by type",
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, status: { conditions: [{ type: "Ready", status: "False" }, { type: "Initialized", status: "True" }] } },
      { status: { conditions: [{ type: "Ready", status: "True" }] } },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, status: { conditions: [{ type: "Ready", status: "True" }, { type: "Initialized", status: "True" }] } },
    ],
    [
      "merges ConfigMap data key by key",
      { apiVersion: "v1", kind: "ConfigMap", data: { a: "1", b: "2" } },
      { data: { a: null, c: "3" } },
      { apiVersion: "v1", kind: "ConfigMap", data: { b: "2", c: "3" } },
    ],
    [
      // mapType=atomic is a server-side apply marker; strategic merge only reads patchStrategy.
      "merges an atomic Service selector key by key",
      { apiVersion: "v1", kind: "Service", spec: { selector: { app: "a", tier: "web" } } },
      { spec: { selector: { tier: "api" } } },
      { apiVersion: "v1", kind: "Service", spec: { selector: { app: "a", tier: "api" } } },
    ],
    [
      "merges ownerReferences by uid",
      pod({ ownerReferences: [{ uid: "1", name: "a" }, { uid: "2", name: "b" }] }),
      { metadata: { ownerReferences: [{ uid: "2", controller: true }, { uid: "1", $patch: "delete" }] } },
      pod({ ownerReferences: [{ uid: "2", name: "b", controller: true }] }),
    ],
    [
      "replaces a PodDisruptionBudget selector",
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", spec: { selector: { matchLabels: { a: "1" } } } },
      { spec: { selector: { matchLabels: { b: "2" } } } },
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", spec: { selector: { matchLabels: { b: "2" } } } },
    ],
    ["creates a missing merge list", pod({}), { metadata: { finalizers: ["a", "a"] } }, pod({ finalizers: ["a"] })],
    [
      "reorders finalizers without a patch list",
      pod({ finalizers: ["a", "b", "c"] }),
      { metadata: { "$setElementOrder/finalizers": ["c", "a"] } },
      // b came before c in the original, so it stays before c.
      pod({ finalizers: ["b", "c", "a"] }),
    ],
    ["ignores $setElementOrder for a missing list", pod({}), { metadata: { "$setElementOrder/finalizers": ["a"] } }, pod({})],
    ["deletes the whole object with $patch delete", pod({ labels: { a: "1" } }), { $patch: "delete" }, {}],
    [
      "keeps $ref as an ordinary field",
      { apiVersion: "example.com/v1", kind: "Widget", spec: { $ref: "a" } },
      { spec: { $ref: "b" } },
      { apiVersion: "example.com/v1", kind: "Widget", spec: { $ref: "b" } },
    ],
    [
      "merges unknown fields as a JSON merge patch",
      pod({ name: "p" }, { unknownList: [1, 2], unknownMap: { a: 1, b: 2 } }),
      { spec: { unknownList: [3], unknownMap: { a: null, c: 3 } } },
      pod({ name: "p" }, { unknownList: [3], unknownMap: { b: 2, c: 3 } }),
    ],
    [
      "merges a kind without a schema as a JSON merge patch",
      { apiVersion: "example.com/v1", kind: "Widget", spec: { items: [1, 2], size: { a: 1 } } },
      { spec: { items: [3], size: { b: 2 } } },
      { apiVersion: "example.com/v1", kind: "Widget", spec: { items: [3], size: { a: 1, b: 2 } } },
    ],
  ])("%s", (_name, target, patch, expected) => {
    expect(smp(target, patch)).toEqual(expected);
  });
});

describe("strategic merge patch of Deployment strategy", () => {
  const rolling = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };

  test.each([
    ["drops keys not in $retainKeys", rolling, { $retainKeys: ["type"], type: "Recreate" }, { type: "Recreate" }],
    ["merges without $retainKeys", rolling, { type: "Recreate" }, { ...rolling, type: "Recreate" }],
    [
      "merges rollingUpdate with an IntOrString inside",
      rolling,
      { $retainKeys: ["type", "rollingUpdate"], rollingUpdate: { maxSurge: 1 } },
      { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } },
    ],
  ])("%s", (_name, strategy, patch, expected) => {
    const result = smp(deployment({}, { strategy }), { spec: { strategy: patch } });
    expect(result).toEqual(deployment({}, { strategy: expected }));
  });
});

describe("strategic merge patch as kubectl apply sends it", () => {
  test("removes, changes and reorders containers", () => {
    const live = deployment({
      containers: [
        { name: "app", image: "nginx:1", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] },
        { name: "injected", image: "proxy:1" },
        { name: "old", image: "old:1" },
      ],
    });
    // kubectl apply sends the order of the containers it manages, the changed ones, and a
    // delete for the one that left the manifest.
    const patch = podSpecPatch({
      "$setElementOrder/containers": [{ name: "metrics" }, { name: "app" }],
      containers: [
        { name: "metrics", image: "exporter:1" },
        { name: "app", "$setElementOrder/env": [{ name: "B" }, { name: "A" }], image: "nginx:2" },
        { name: "old", $patch: "delete" },
      ],
    });
    const result = smp(live, patch) as Json;
    expect(result).toEqual(
      deployment({
        containers: [
          { name: "metrics", image: "exporter:1" },
          { name: "app", image: "nginx:2", env: [{ name: "B", value: "2" }, { name: "A", value: "1" }] },
          { name: "injected", image: "proxy:1" },
        ],
      }),
    );
  });

  test("changes strategy, ports and annotations as kubectl apply does", () => {
    const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    const live = deployment(
      { containers: [{ name: "app", image: "nginx:1", ports: [{ containerPort: 80, protocol: "TCP" }, { containerPort: 443, protocol: "TCP" }], env: [{ name: "A", value: "1" }] }] },
      { replicas: 1, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } } },
    );
    (live.metadata as Json).annotations = { [lastApplied]: "{}", owner: "team" };
    // The body kubectl apply sends after a manifest switched to Recreate, dropped port 443 and
    // the value of env A.
    const patch = {
      metadata: { annotations: { [lastApplied]: '{"kind":"Deployment"}' } },
      spec: {
        strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null },
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "app" }],
            containers: [
              {
                name: "app",
                "$setElementOrder/env": [{ name: "A" }],
                "$setElementOrder/ports": [{ containerPort: 80 }],
                env: [{ name: "A", value: null }],
                ports: [{ $patch: "delete", containerPort: 443 }],
              },
            ],
          },
        },
      },
    };
    const result = smp(live, patch) as { metadata: Json; spec: Json };
    expect(result.metadata.annotations).toEqual({ [lastApplied]: '{"kind":"Deployment"}', owner: "team" });
    expect(result.spec.strategy).toEqual({ type: "Recreate" });
    expect(result.spec.replicas).toBe(1);
    expect(result.spec.template).toEqual({
      spec: { containers: [{ name: "app", image: "nginx:1", ports: [{ containerPort: 80, protocol: "TCP" }], env: [{ name: "A" }] }] },
    });
  });

  test("keeps a server-only element before the named one it preceded", () => {
    const live = deployment({ containers: [{ name: "injected" }, { name: "a" }, { name: "b" }] });
    const patch = podSpecPatch({ "$setElementOrder/containers": [{ name: "b" }, { name: "a" }] });
    expect(smp(live, patch)).toEqual(deployment({ containers: [{ name: "injected" }, { name: "b" }, { name: "a" }] }));
  });
});

describe("strategic merge patch rejects invalid patches", () => {
  const live = deployment({ containers: [app] });

  test.each([
    ["a patch that is a list", [], "must be a JSON object"],
    ["a patch that is null", null, "must be a JSON object"],
    ["containers given as an object", podSpecPatch({ containers: { name: "app" } }), "spec.template.spec.containers: expected a list"],
    ["a container without its merge key", podSpecPatch({ containers: [{ image: "x" }] }), 'spec.template.spec.containers[0]: the element does not contain the merge key "name"'],
    ["a container that is a string", podSpecPatch({ containers: ["app"] }), "spec.template.spec.containers[0]: expected an object list element"],
    ["an unknown $patch on a map", podSpecPatch({ securityContext: { $patch: "bogus" } }), 'spec.template.spec.securityContext: unknown $patch value "bogus"'],
    ["an unknown $patch in a list", podSpecPatch({ containers: [{ name: "app", $patch: "bogus" }] }), "containers[name=app]: unknown $patch value"],
    ["a map given as a string", podSpecPatch({ securityContext: "x" }), "spec.template.spec.securityContext: expected an object, got string"],
    ["$retainKeys that is not a list", { spec: { strategy: { $retainKeys: "type" } } }, "spec.strategy: $retainKeys must be a list of strings"],
    ["a field missing from $retainKeys", { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: {} } } }, "spec.strategy.rollingUpdate: the field is not listed in $retainKeys"],
    ["$setElementOrder that is not a list", podSpecPatch({ "$setElementOrder/containers": "app" }), "$setElementOrder must be a list"],
    ["a patch element missing from $setElementOrder", podSpecPatch({ "$setElementOrder/containers": [{ name: "app" }], containers: [{ name: "x" }] }), "does not match its $setElementOrder list"],
    ["$deleteFromPrimitiveList that is not a list", { metadata: { "$deleteFromPrimitiveList/finalizers": "a" } }, "$deleteFromPrimitiveList must be a list"],
    ["an object in finalizers", { metadata: { finalizers: [{ a: 1 }] } }, "metadata.finalizers[0]: expected a scalar list element"],
  ])("%s", (_name, patch, message) => {
    const target = { ...live, metadata: { name: "web", finalizers: ["f"] } };
    let caught: unknown;
    try {
      smp(target, patch);
    } catch (error) {
      caught = error;
    }
    expect(isStatusError(caught)).toBe(true);
    expect((caught as { status: { reason: string; code: number; message: string } }).status.reason).toBe("BadRequest");
    expect((caught as { status: { message: string } }).status.message).toContain(message);
  });
});

describe("strategic merge patch inputs", () => {
  test("leaves target and patch unchanged", () => {
    const target = deployment({ containers: [app, sidecar] });
    const patch = podSpecPatch({ containers: [{ name: "app", image: "x" }, { name: "sidecar", $patch: "delete" }] });
    const targetCopy = structuredClone(target);
    const patchCopy = structuredClone(patch);
    smp(target, patch);
    expect(target).toEqual(targetCopy);
    expect(patch).toEqual(patchCopy);
  });

  test("shares no objects with the target", () => {
    const target = deployment({ containers: [app] });
    const result = smp(target, { metadata: { labels: { a: "b" } } });
    expect(result.spec).not.toBe(target.spec);
    expect(result.spec).toEqual(target.spec);
  });

  test("rejects deep nesting", () => {
    let deep: unknown = 1;
    for (let level = 0; level < 20000; level++) deep = { a: deep };
    expect(() => smp({ apiVersion: "v1", kind: "Pod" }, { spec: deep })).toThrow(/nested too deeply/);
  });

  test("keeps bigint values", () => {
    const target = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { activeDeadlineSeconds: 2n ** 60n } };
    const result = smp(target, { spec: { terminationGracePeriodSeconds: 2n ** 61n } });
    expect(result.spec).toEqual({ activeDeadlineSeconds: 2n ** 60n, terminationGracePeriodSeconds: 2n ** 61n });
  });
});
