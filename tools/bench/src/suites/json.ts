import { readFileSync } from "node:fs";
import path from "node:path";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { fixtureDir } from "@apimachinery/testing";
import { decodeJson, encodeJsonText } from "@apimachinery/serializer-json";
import { measureOps, type BenchRow, type Suite, type SuiteOptions, type Task } from "../harness.js";

const SUITE = "json";

/** Builds a Pod as a controller creates it and the API server stores it: about 3 KB of JSON. */
export function realisticPod(): Record<string, unknown> {
  const container = (name: string, image: string) => ({
    name,
    image,
    imagePullPolicy: "IfNotPresent",
    command: ["/bin/server", "--port=8080", "--log-level=info"],
    ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
    env: [
      { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
      { name: "GOMAXPROCS", value: "2" },
    ],
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
    readinessProbe: { httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
    volumeMounts: [{ name: "kube-api-access-x7h2k", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }],
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  });
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-7c9d8f6b5-x2v4q",
      generateName: "web-7c9d8f6b5-",
      namespace: "production",
      uid: "2f0f5c1e-8f3a-4c4e-9d57-0a6d2b1c7e91",
      resourceVersion: "184467",
      creationTimestamp: "2024-05-01T12:00:00Z",
      labels: { app: "web", "pod-template-hash": "7c9d8f6b5", tier: "frontend" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2024-05-01T11:59:00Z" },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7c9d8f6b5", uid: "8e1d2c3b-4a5f-6e7d-8c9b-0a1b2c3d4e5f", controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      volumes: [
        {
          name: "kube-api-access-x7h2k",
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
      containers: [container("web", "registry.example.com/web:1.25.3"), container("sidecar", "registry.example.com/proxy:2.4.1")],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      nodeName: "node-3",
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 },
      schedulerName: "default-scheduler",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    },
    status: {
      phase: "Running",
      conditions: [
        { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T12:00:01Z" },
        { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T12:00:09Z" },
        { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T12:00:00Z" },
      ],
      hostIP: "10.0.0.13",
      podIP: "10.244.3.17",
      podIPs: [{ ip: "10.244.3.17" }],
      startTime: "2024-05-01T12:00:01Z",
      qosClass: "Burstable",
    },
  };
}

/** The built-in kinds by `group/version/kind`, looked up in a map as a Scheme does. */
const builtinKinds = new Map(allKindSchemas.map((kind) => [`${kind.group}/${kind.version}/${kind.kind}`, kind]));

/** The built-in kind and message schemas, as a Scheme would hand them to the serializer. */
const builtinLookup = {
  schemas: builtinSchemas(),
  kindSchema: (gvk: { readonly group: string; readonly version: string; readonly kind: string }) =>
    builtinKinds.get(`${gvk.group}/${gvk.version}/${gvk.kind}`),
};

/** Returns decode and encode tasks of one document, each beside its JSON.parse or JSON.stringify baseline. */
function tasksFor(label: string, text: string): Task[] {
  const bytes = new TextEncoder().encode(text);
  const value = decodeJson(text).object;
  const utf8 = new TextDecoder();
  return [
    { name: `${label} decode: JSON.parse`, fn: () => JSON.parse(text) },
    { name: `${label} decode: decodeJson`, fn: () => decodeJson(text), baseline: `${label} decode: JSON.parse` },
    { name: `${label} decode bytes: TextDecoder + JSON.parse`, fn: () => JSON.parse(utf8.decode(bytes)) },
    { name: `${label} decode bytes: decodeJson`, fn: () => decodeJson(bytes), baseline: `${label} decode bytes: TextDecoder + JSON.parse` },
    { name: `${label} decode strict: decodeJson`, fn: () => decodeJson(text, { strict: true }), baseline: `${label} decode: JSON.parse` },
    {
      name: `${label} decode typed: decodeJson with schemas`,
      fn: () => decodeJson(text, { schemas: builtinLookup }),
      baseline: `${label} decode: JSON.parse`,
    },
    {
      name: `${label} decode strict typed: decodeJson with schemas`,
      fn: () => decodeJson(text, { strict: true, schemas: builtinLookup }),
      baseline: `${label} decode: JSON.parse`,
    },
    { name: `${label} encode: JSON.stringify`, fn: () => JSON.stringify(value) },
    { name: `${label} encode: encodeJsonText`, fn: () => encodeJsonText(value), baseline: `${label} encode: JSON.stringify` },
    { name: `${label} encode pretty: JSON.stringify`, fn: () => JSON.stringify(value, null, 2) },
    { name: `${label} encode pretty: encodeJsonText`, fn: () => encodeJsonText(value, { pretty: true }), baseline: `${label} encode pretty: JSON.stringify` },
  ];
}

/** Returns decode and encode tasks of a document that contains an integer beyond 2^53, which takes the exact path. */
function int64TasksFor(label: string, text: string): Task[] {
  const withInt64 = text.replace(/"runAsUser": ?1000/, '"runAsUser":9007199254740993');
  const value = decodeJson(withInt64).object;
  return [
    { name: `${label} int64 decode: decodeJson (exact path)`, fn: () => decodeJson(withInt64), baseline: `${label} decode: JSON.parse` },
    { name: `${label} int64 encode: encodeJsonText (bigint path)`, fn: () => encodeJsonText(value), baseline: `${label} encode: JSON.stringify` },
  ];
}

/**
 * Throughput of the JSON serializer against the built-in JSON.parse and JSON.stringify.
 * It decodes (with the int64 scan), decodes with schema type checks and strictly, and
 * encodes compact and pretty the 61 KB core.v1.Pod golden fixture and a realistic 3 KB Pod
 * built here. The exact parser and the bigint encoder run on the 3 KB Pod with one integer
 * beyond 2^53.
 */
export const jsonSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const tasks: Task[] = [];
    const pod = JSON.stringify(realisticPod());
    tasks.push(...tasksFor("3 KB Pod", pod), ...int64TasksFor("3 KB Pod", pod));
    const dir = fixtureDir("api");
    const rows: BenchRow[] = [];
    if (dir === undefined) {
      rows.push({ suite: SUITE, name: "core.v1.Pod fixture", value: 0, unit: "ops/s", note: "skipped: reference data absent" });
    } else {
      tasks.push(...tasksFor("core.v1.Pod fixture", readFileSync(path.join(dir, "core.v1.Pod.json"), "utf8")));
    }
    rows.push(...(await measureOps(SUITE, tasks, options)));
    rows.push({ suite: SUITE, name: "3 KB Pod size", value: pod.length, unit: "bytes", higherIsBetter: false });
    return rows;
  },
};
