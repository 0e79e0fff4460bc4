/**
 * Compile-time checks of the generated types; `tsc -p tsconfig.json` type-checks this file
 * and nothing runs it. A line marked `@ts-expect-error` fails the build when it compiles.
 */
import type { JsonValue, appsV1, coreV1, metaV1 } from "@apimachinery/api";
import type { Deployment as SubpathDeployment } from "@apimachinery/api/apps/v1";

type Workload = appsV1.Deployment | coreV1.Pod;

/** Returns the replica count of a Deployment or the node of a Pod; each branch can use only its kind's fields. */
export function describeWorkload(object: Workload): string {
  switch (object.kind) {
    case "Deployment":
      return `replicas ${object.spec?.replicas ?? 1} in ${object.apiVersion}`;
    case "Pod":
      return `node ${object.spec?.nodeName ?? ""} in ${object.apiVersion}`;
  }
}

/** Returns the containers of a Pod after narrowing a union of two kinds with an `if`. */
export function containersOf(object: Workload): string[] {
  if (object.kind === "Pod") {
    const apiVersion: "v1" = object.apiVersion;
    return [apiVersion, ...(object.spec?.containers ?? []).map((container) => container.name ?? "")];
  }
  const deployment: appsV1.Deployment = object;
  return (deployment.spec?.template?.spec?.containers ?? []).map((container) => container.name ?? "");
}

export const deployment: appsV1.Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" }, creationTimestamp: "2008-01-01T01:01:01Z" },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
    template: {
      spec: {
        containers: [{ name: "web", image: "nginx", resources: { limits: { cpu: "100m" } }, ports: [{ containerPort: 80 }] }],
        volumes: [{ name: "config", configMap: { name: "web-config" } }],
      },
    },
  },
};

export const list: appsV1.DeploymentList = { apiVersion: "apps/v1", kind: "DeploymentList", items: [deployment] };

export const status: coreV1.Status = { apiVersion: "v1", kind: "Status", status: "Failure", code: 404, reason: "NotFound" };

export const time: metaV1.Time = "2008-01-01T01:01:01Z";

export const raw: JsonValue = { apiVersion: "v1", kind: "Pod", spec: { containers: [] } };

export const probe: coreV1.Probe = { httpGet: { port: "http", path: "/healthz" }, periodSeconds: 10 };

// @ts-expect-error kind is a literal type, so another kind's name is rejected.
export const wrongKind: appsV1.Deployment = { apiVersion: "apps/v1", kind: "StatefulSet" };

// @ts-expect-error apiVersion is a literal type.
export const wrongVersion: appsV1.Deployment = { apiVersion: "apps/v1beta1", kind: "Deployment" };

// @ts-expect-error kind is required on a kind.
export const missingKind: coreV1.Pod = { apiVersion: "v1" };

// @ts-expect-error fields are typed: replicas is a number.
export const wrongField: appsV1.DeploymentSpec = { replicas: "3" };

/** The subpath export declares the same type as the root namespace. */
export const fromSubpath: SubpathDeployment = deployment;
export const toNamespace: appsV1.Deployment = fromSubpath;
