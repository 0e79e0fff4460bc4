import { allVerbs, type PrintColumn, type ResourceInfo } from "@apimachinery/apiserver";

type Obj = Record<string, unknown>;

/** Reads a nested field by path; undefined when any step is missing. */
function field(object: Obj, ...path: string[]): unknown {
  let current: unknown = object;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Obj)[step];
  }
  return current;
}

const column = (name: string, type: string, cell: (object: Obj) => unknown, priority = 0): PrintColumn => ({ name, type, priority, cell });

function count(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === "object") return Object.keys(value).length;
  return 0;
}

function joinOr(values: unknown, none = "<none>"): string {
  return Array.isArray(values) && values.length > 0 ? values.join(",") : none;
}

function podReady(pod: Obj): string {
  const statuses = (field(pod, "status", "containerStatuses") as Obj[] | undefined) ?? [];
  const total = ((field(pod, "spec", "containers") as unknown[] | undefined) ?? []).length;
  return `${statuses.filter((status) => status["ready"] === true).length}/${total}`;
}

function podRestarts(pod: Obj): number {
  const statuses = (field(pod, "status", "containerStatuses") as Obj[] | undefined) ?? [];
  return statuses.reduce((sum, status) => sum + (typeof status["restartCount"] === "number" ? status["restartCount"] : 0), 0);
}

function servicePorts(service: Obj): string {
  const ports = (field(service, "spec", "ports") as Obj[] | undefined) ?? [];
  if (ports.length === 0) return "<none>";
  return ports.map((port) => `${String(port["port"])}${port["nodePort"] ? `:${String(port["nodePort"])}` : ""}/${String(port["protocol"] ?? "TCP")}`).join(",");
}

function selectorString(selector: unknown): string {
  if (selector === null || typeof selector !== "object") return "<none>";
  const labels = (selector as Obj)["matchLabels"] ?? selector;
  const entries = Object.entries((labels ?? {}) as Record<string, unknown>);
  return entries.length ? entries.map(([key, value]) => `${key}=${String(value)}`).join(",") : "<none>";
}

function containerField(object: Obj, podSpecPath: string[], key: "name" | "image"): string {
  const containers = (field(object, ...podSpecPath, "containers") as Obj[] | undefined) ?? [];
  return containers.map((container) => String(container[key] ?? "")).join(",");
}

function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: {
    shortNames?: string[];
    categories?: string[];
    subresources?: string[];
    columns?: PrintColumn[];
    verbs?: ResourceInfo["verbs"];
    selectableFields?: ResourceInfo["selectableFields"];
    tracksGeneration?: boolean;
  } = {},
): ResourceInfo {
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    resource: plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    verbs: extra.verbs ?? allVerbs,
    subresources: extra.subresources ?? [],
    columns: extra.columns ?? [],
    ...(extra.selectableFields ? { selectableFields: extra.selectableFields } : {}),
    ...(extra.tracksGeneration ? { tracksGeneration: true } : {}),
  };
}

const templateSpec = ["spec", "template", "spec"];

/** The built-in resources the control plane serves, with the columns kubectl shows for each. */
export const builtinResources: readonly ResourceInfo[] = [
  resource("", "v1", "Namespace", "namespaces", false, {
    shortNames: ["ns"],
    subresources: ["status", "finalize"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    columns: [column("Status", "string", (ns) => field(ns, "status", "phase") ?? "Active")],
    selectableFields: { "status.phase": (ns) => field(ns, "status", "phase") },
  }),
  resource("", "v1", "ConfigMap", "configmaps", true, {
    shortNames: ["cm"],
    columns: [column("Data", "integer", (cm) => count(cm["data"]) + count(cm["binaryData"]))],
  }),
  resource("", "v1", "Secret", "secrets", true, {
    selectableFields: { type: (secret) => secret["type"] },
    columns: [column("Type", "string", (secret) => secret["type"] ?? "Opaque"), column("Data", "integer", (secret) => count(secret["data"]))],
  }),
  resource("", "v1", "ServiceAccount", "serviceaccounts", true, {
    shortNames: ["sa"],
    columns: [column("Secrets", "integer", (sa) => count(sa["secrets"]))],
  }),
  resource("", "v1", "Event", "events", true, {
    shortNames: ["ev"],
    selectableFields: {
      "involvedObject.kind": (event) => field(event, "involvedObject", "kind"),
      "involvedObject.namespace": (event) => field(event, "involvedObject", "namespace"),
      "involvedObject.name": (event) => field(event, "involvedObject", "name"),
      "involvedObject.uid": (event) => field(event, "involvedObject", "uid"),
      "involvedObject.apiVersion": (event) => field(event, "involvedObject", "apiVersion"),
      "involvedObject.resourceVersion": (event) => field(event, "involvedObject", "resourceVersion"),
      "involvedObject.fieldPath": (event) => field(event, "involvedObject", "fieldPath"),
      reason: (event) => event["reason"],
      reportingComponent: (event) => event["reportingComponent"],
      source: (event) => field(event, "source", "component"),
      type: (event) => event["type"],
    },
    columns: [
      column("Type", "string", (event) => event["type"] ?? ""),
      column("Reason", "string", (event) => event["reason"] ?? ""),
      column("Object", "string", (event) => `${String(field(event, "involvedObject", "kind") ?? "").toLowerCase()}/${String(field(event, "involvedObject", "name") ?? "")}`),
      column("Message", "string", (event) => event["message"] ?? ""),
    ],
  }),
  resource("", "v1", "Pod", "pods", true, {
    tracksGeneration: true,
    shortNames: ["po"],
    selectableFields: {
      "spec.nodeName": (pod) => field(pod, "spec", "nodeName"),
      "spec.restartPolicy": (pod) => field(pod, "spec", "restartPolicy"),
      "spec.schedulerName": (pod) => field(pod, "spec", "schedulerName"),
      "spec.serviceAccountName": (pod) => field(pod, "spec", "serviceAccountName"),
      "spec.hostNetwork": (pod) => String(field(pod, "spec", "hostNetwork") ?? false),
      "status.phase": (pod) => field(pod, "status", "phase"),
      "status.podIP": (pod) => field(pod, "status", "podIP"),
      "status.nominatedNodeName": (pod) => field(pod, "status", "nominatedNodeName"),
    },
    categories: ["all"],
    subresources: ["status"],
    columns: [
      column("Ready", "string", podReady),
      column("Status", "string", (pod) => field(pod, "status", "reason") ?? field(pod, "status", "phase") ?? "Pending"),
      column("Restarts", "string", (pod) => String(podRestarts(pod))),
      column("IP", "string", (pod) => field(pod, "status", "podIP") ?? "<none>", 1),
      column("Node", "string", (pod) => field(pod, "spec", "nodeName") ?? "<none>", 1),
    ],
  }),
  resource("", "v1", "Service", "services", true, {
    shortNames: ["svc"],
    categories: ["all"],
    subresources: ["status"],
    columns: [
      column("Type", "string", (svc) => field(svc, "spec", "type") ?? "ClusterIP"),
      column("Cluster-IP", "string", (svc) => field(svc, "spec", "clusterIP") ?? "<none>"),
      column("External-IP", "string", (svc) => joinOr(field(svc, "spec", "externalIPs"))),
      column("Port(s)", "string", servicePorts),
      column("Selector", "string", (svc) => selectorString(field(svc, "spec", "selector")), 1),
    ],
  }),
  resource("coordination.k8s.io", "v1", "Lease", "leases", true, {
    columns: [column("Holder", "string", (lease) => field(lease, "spec", "holderIdentity") ?? "")],
  }),
  resource("apps", "v1", "Deployment", "deployments", true, {
    tracksGeneration: true,
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: ["status", "scale"],
    columns: [
      column("Ready", "string", (d) => `${Number(field(d, "status", "readyReplicas") ?? 0)}/${Number(field(d, "spec", "replicas") ?? 0)}`),
      column("Up-to-date", "integer", (d) => Number(field(d, "status", "updatedReplicas") ?? 0)),
      column("Available", "integer", (d) => Number(field(d, "status", "availableReplicas") ?? 0)),
      column("Containers", "string", (d) => containerField(d, templateSpec, "name"), 1),
      column("Images", "string", (d) => containerField(d, templateSpec, "image"), 1),
      column("Selector", "string", (d) => selectorString(field(d, "spec", "selector")), 1),
    ],
  }),
  resource("apps", "v1", "ReplicaSet", "replicasets", true, {
    tracksGeneration: true,
    shortNames: ["rs"],
    categories: ["all"],
    subresources: ["status", "scale"],
    columns: [
      column("Desired", "integer", (rs) => Number(field(rs, "spec", "replicas") ?? 0)),
      column("Current", "integer", (rs) => Number(field(rs, "status", "replicas") ?? 0)),
      column("Ready", "integer", (rs) => Number(field(rs, "status", "readyReplicas") ?? 0)),
      column("Containers", "string", (rs) => containerField(rs, templateSpec, "name"), 1),
      column("Images", "string", (rs) => containerField(rs, templateSpec, "image"), 1),
      column("Selector", "string", (rs) => selectorString(field(rs, "spec", "selector")), 1),
    ],
  }),
  resource("batch", "v1", "Job", "jobs", true, {
    tracksGeneration: true,
    selectableFields: { "status.successful": (job) => field(job, "status", "succeeded") ?? 0 },
    categories: ["all"],
    subresources: ["status"],
    columns: [
      column("Status", "string", (job) => (field(job, "status", "succeeded") ? "Complete" : "Running")),
      column("Completions", "string", (job) => `${Number(field(job, "status", "succeeded") ?? 0)}/${Number(field(job, "spec", "completions") ?? 1)}`),
      column("Duration", "string", () => ""),
      column("Containers", "string", (job) => containerField(job, templateSpec, "name"), 1),
      column("Images", "string", (job) => containerField(job, templateSpec, "image"), 1),
    ],
  }),
  resource("batch", "v1", "CronJob", "cronjobs", true, {
    tracksGeneration: true,
    shortNames: ["cj"],
    categories: ["all"],
    subresources: ["status"],
    columns: [
      column("Schedule", "string", (cj) => field(cj, "spec", "schedule") ?? ""),
      column("Timezone", "string", (cj) => field(cj, "spec", "timeZone") ?? "<none>"),
      column("Suspend", "boolean", (cj) => field(cj, "spec", "suspend") ?? false),
      column("Active", "integer", (cj) => count(field(cj, "status", "active"))),
      column("Last Schedule", "string", (cj) => field(cj, "status", "lastScheduleTime") ?? "<none>"),
    ],
  }),
];
