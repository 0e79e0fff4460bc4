import { apiVersionOf, type ResourceInfo } from "../registry/resource.js";

/** Returns the kind a subresource reads and writes: autoscaling/v1 Scale for `scale`, else the resource's own kind. */
export function subresourceKind(info: ResourceInfo, subresource: string): { group: string; version: string; kind: string } {
  if (subresource === "scale") return { group: "autoscaling", version: "v1", kind: "Scale" };
  return { group: info.group, version: info.version, kind: info.kind };
}

/** Groups the served resources by group and version, in the order they were registered. */
export function groupResources(resources: readonly ResourceInfo[]): Map<string, Map<string, ResourceInfo[]>> {
  const groups = new Map<string, Map<string, ResourceInfo[]>>();
  for (const info of resources) {
    const versions = groups.get(info.group) ?? new Map<string, ResourceInfo[]>();
    const list = versions.get(info.version) ?? [];
    list.push(info);
    versions.set(info.version, list);
    groups.set(info.group, versions);
  }
  return groups;
}

/** The APIResource entries of a group version, subresources included (`pods/status`). */
export function apiResources(resources: readonly ResourceInfo[]): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const info of resources) {
    entries.push({
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: [...info.verbs],
      ...(info.shortNames.length ? { shortNames: [...info.shortNames] } : {}),
      ...(info.categories.length ? { categories: [...info.categories] } : {}),
      storageVersionHash: storageVersionHash(info),
    });
    for (const subresource of info.subresources) {
      const kind = subresourceKind(info, subresource);
      entries.push({
        name: `${info.resource}/${subresource}`,
        singularName: "",
        namespaced: info.namespaced,
        ...(subresource === "scale" ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: ["get", "patch", "update"],
      });
    }
  }
  return entries;
}

/** A stable short hash of the group, version and kind, as discovery reports it. */
function storageVersionHash(info: ResourceInfo): string {
  let hash = 0x811c9dc5;
  for (const char of `${info.group}/${info.version}/${info.kind}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return Buffer.from(hash.toString(16).padStart(8, "0")).toString("base64").slice(0, 11);
}

/** `/api`: the core group's versions. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
}

function apiGroup(name: string, versions: Iterable<string>): Record<string, unknown> {
  const entries = [...versions].map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

/** `/apis`: every named group. */
export function apiGroupList(resources: readonly ResourceInfo[]): Record<string, unknown> {
  const groups = [...groupResources(resources)].filter(([group]) => group !== "").map(([group, versions]) => apiGroup(group, versions.keys()));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** `/apis/<group>`: one group, or undefined when it is not served. */
export function apiGroupOf(resources: readonly ResourceInfo[], group: string): Record<string, unknown> | undefined {
  const versions = groupResources(resources).get(group);
  if (!versions || group === "") return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, versions.keys()) };
}

/** `/api/v1` or `/apis/<group>/<version>`, or undefined when it is not served. */
export function apiResourceList(resources: readonly ResourceInfo[], group: string, version: string): Record<string, unknown> | undefined {
  const served = groupResources(resources).get(group)?.get(version);
  if (!served) return undefined;
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf({ group, version }), resources: apiResources(served) };
}

/**
 * Returns the aggregated discovery document (`apidiscovery.k8s.io/<version>` APIGroupDiscoveryList)
 * of the core group (`/api`) or of the named groups (`/apis`).
 */
export function aggregatedDiscovery(resources: readonly ResourceInfo[], core: boolean, version: "v2" | "v2beta1"): Record<string, unknown> {
  const items = [...groupResources(resources)]
    .filter(([group]) => (group === "") === core)
    .map(([group, versions]) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: [...versions].map(([groupVersion, list]) => ({
        version: groupVersion,
        resources: list.map((info) => ({
          resource: info.resource,
          responseKind: { group: info.group, version: info.version, kind: info.kind },
          scope: info.namespaced ? "Namespaced" : "Cluster",
          singularResource: info.singular,
          verbs: [...info.verbs],
          ...(info.shortNames.length ? { shortNames: [...info.shortNames] } : {}),
          ...(info.categories.length ? { categories: [...info.categories] } : {}),
          ...(info.subresources.length
            ? {
                subresources: info.subresources.map((subresource) => ({
                  subresource,
                  responseKind: subresourceKind(info, subresource),
                  verbs: ["get", "patch", "update"],
                })),
              }
            : {}),
        })),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
