import { allVerbs, type ResourceInfo } from "../../../src/index.js";

/** Returns a served resource with the fields that OpenAPI reads. */
export function resource(group: string, version: string, kind: string, plural: string, namespaced: boolean, subresources: string[] = []): ResourceInfo {
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    resource: plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: allVerbs,
    subresources,
    columns: [],
  };
}

/** The resources that the runnable server serves. */
export const servedResources: readonly ResourceInfo[] = [
  resource("", "v1", "Namespace", "namespaces", false, ["status"]),
  resource("", "v1", "ConfigMap", "configmaps", true),
  resource("", "v1", "Secret", "secrets", true),
  resource("", "v1", "ServiceAccount", "serviceaccounts", true),
  resource("", "v1", "Event", "events", true),
  resource("", "v1", "Pod", "pods", true, ["status"]),
  resource("", "v1", "Service", "services", true, ["status"]),
  resource("coordination.k8s.io", "v1", "Lease", "leases", true),
  resource("apps", "v1", "Deployment", "deployments", true, ["status"]),
  resource("apps", "v1", "ReplicaSet", "replicasets", true, ["status"]),
  resource("batch", "v1", "Job", "jobs", true, ["status"]),
  resource("batch", "v1", "CronJob", "cronjobs", true, ["status"]),
];

/** The keys of the `/openapi/v3` index for `servedResources`. */
export const servedV3Keys = ["api/v1", "apis/apps/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1"];
