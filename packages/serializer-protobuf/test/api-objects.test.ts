import { describe, expect, it, test } from "vitest";
import { addToScheme, allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { Scheme, type RuntimeObject } from "@apimachinery/runtime";
import { ProtobufSerializer } from "../src/index.js";

const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web-1",
    namespace: "default",
    uid: "2f0f5c1e-8f3a-4c4e-9d57-0a6d2b1c7e91",
    resourceVersion: "184467",
    creationTimestamp: "2024-05-01T12:00:00Z",
    labels: { app: "web", tier: "frontend" },
    managedFields: [{ manager: "kubectl", operation: "Apply", apiVersion: "v1", time: "2024-05-01T12:00:00Z", fieldsType: "FieldsV1", fieldsV1: { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } } }],
  },
  spec: {
    containers: [
      {
        name: "web",
        image: "nginx:1.25",
        ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
        resources: { requests: { cpu: "250m", memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port: 8080 } },
      },
    ],
    volumes: [{ name: "data", emptyDir: {} }],
    securityContext: { runAsUser: 9007199254740993n, supplementalGroups: [1000, 2000] },
    priority: 0,
    restartPolicy: "Always",
  },
  status: {
    phase: "Running",
    conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: "2024-05-01T12:00:09Z" }],
  },
};

describe("built-in kinds", () => {
  it("round-trips a sparse Pod", () => {
    expect(serializer.decode(serializer.encode(pod)).object).toEqual(pod);
  });

  it("keeps an int64 beyond 2^53 exact", () => {
    const decoded = serializer.decode(serializer.encode(pod)).object as typeof pod;
    expect(decoded.spec.securityContext.runAsUser).toBe(9007199254740993n);
  });

  test.each([
    ["a Deployment", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 0, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } }, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } } } }],
    ["a Lease", { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "leader" }, spec: { holderIdentity: "a", leaseDurationSeconds: 15, renewTime: "2024-05-01T12:00:00.123456Z" } }],
    ["a ConfigMap with binary data", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "a.txt": "hello" }, binaryData: { "b.bin": "AAEC/w==" } }],
    ["a Status", { apiVersion: "v1", kind: "Status", metadata: {}, status: "Failure", message: "pods \"x\" not found", reason: "NotFound", details: { name: "x", kind: "pods" }, code: 404 }],
    ["a PodList", { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "10" }, items: [{ metadata: { name: "a" } }, { metadata: { name: "b" } }] }],
    ["a CustomResourceDefinition schema", { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { group: "example.com", names: { plural: "widgets", kind: "Widget" }, scope: "Namespaced", versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true, additionalProperties: false, required: ["size"], properties: { size: { type: "integer", minimum: 1, default: 3 } } } } } } }] } }],
  ])("round-trips %s", (_name, object) => {
    expect(serializer.decode(serializer.encode(object as RuntimeObject)).object).toEqual(object);
  });

  it("reads kinds and schemas from a Scheme", () => {
    const scheme = addToScheme(new Scheme());
    const viaScheme = new ProtobufSerializer({ schemas: scheme.schemas, kinds: scheme });
    const bytes = viaScheme.encode(pod);
    expect(Buffer.from(bytes).equals(Buffer.from(serializer.encode(pod)))).toBe(true);
    expect(viaScheme.decode(bytes).object).toEqual(pod);
  });
});
