/**
 * kube-apiserver's etcd key layout, so that this store reads and writes the keys a
 * Kubernetes control plane wrote. Under the prefix (default `/registry`):
 *
 * ```
 * key          = prefix "/" resource-path [ "/" namespace ] "/" name
 * resource-path = special-path                  ; built-in resources listed below
 *               | resource                      ; other built-in resources
 *               | group "/" resource            ; custom resources and aggregated APIs
 * ```
 *
 * The special paths, as Kubernetes' etcd storage-path integration test
 * (`test/integration/etcd/data.go`) expects them:
 *
 * | group                          | resource                  | path                                        |
 * | ------------------------------ | ------------------------- | ------------------------------------------- |
 * | "" (core)                      | services                  | `services/specs`                            |
 * | "" (core)                      | endpoints                 | `services/endpoints`                        |
 * | "" (core)                      | nodes                     | `minions`                                   |
 * | "" (core)                      | replicationcontrollers    | `controllers`                               |
 * | networking.k8s.io, extensions  | ingresses                 | `ingress`                                   |
 * | policy, extensions             | podsecuritypolicies       | `podsecuritypolicy`                         |
 * | apiextensions.k8s.io           | customresourcedefinitions | `apiextensions.k8s.io/customresourcedefinitions` |
 * | apiregistration.k8s.io         | apiservices               | `apiregistration.k8s.io/apiservices`        |
 *
 * Every other resource of a built-in group uses its plural name alone, whatever its group:
 * `events` (core and events.k8s.io) are under `/registry/events/`, `leases` under
 * `/registry/leases/`. Resources of any other group (custom resources) are under
 * `/registry/<group>/<resource>/`.
 */
import { StatusError } from "@apimachinery/meta";

/** The parts of a resource's storage path. */
export interface ResourceKeyParts {
  /** The API group; "" for the core group. */
  readonly group: string;
  /** The resource's plural name, such as `pods`. */
  readonly resource: string;
  /**
   * Whether the resource is built in (its group served by kube-apiserver itself). Default:
   * whether `group` is one of `BUILT_IN_GROUPS`. Custom resources in a `*.k8s.io` group
   * (such as `gateway.networking.k8s.io`) are not built in.
   */
  readonly builtIn?: boolean;
}

/** An object's key parts; without `name` the key is the prefix of a list. */
export interface RegistryKeyParts extends ResourceKeyParts {
  /** The namespace for namespaced resources; absent for cluster-scoped ones or a list across namespaces. */
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * The API groups that kube-apiserver serves itself, whose resources use the short layout.
 * NOTE: a built-in group added by a later Kubernetes release must be added here, or its
 * resources get the custom-resource layout; pass `builtIn` meanwhile.
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "extensions",
  "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

/** Built-in resources whose path is not their plural name, keyed by `<group>/<resource>`. */
const SPECIAL_PATHS: ReadonlyMap<string, string> = new Map([
  ["/services", "services/specs"],
  ["/endpoints", "services/endpoints"],
  ["/nodes", "minions"],
  ["/replicationcontrollers", "controllers"],
  ["networking.k8s.io/ingresses", "ingress"],
  ["extensions/ingresses", "ingress"],
  ["policy/podsecuritypolicies", "podsecuritypolicy"],
  ["extensions/podsecuritypolicies", "podsecuritypolicy"],
  ["apiextensions.k8s.io/customresourcedefinitions", "apiextensions.k8s.io/customresourcedefinitions"],
  ["apiregistration.k8s.io/apiservices", "apiregistration.k8s.io/apiservices"],
]);

/**
 * Returns the path of a resource below the registry prefix, with a leading slash and no
 * trailing one: `/services/specs`, `/pods`, `/example.com/widgets`.
 */
export function resourcePath(parts: ResourceKeyParts): string {
  checkSegment("resource", parts.resource);
  if (parts.group !== "") checkSegment("group", parts.group);
  const builtIn = parts.builtIn ?? BUILT_IN_GROUPS.has(parts.group);
  if (!builtIn) return `/${parts.group}/${parts.resource}`;
  return `/${SPECIAL_PATHS.get(`${parts.group}/${parts.resource}`) ?? parts.resource}`;
}

/**
 * Returns the storage key of an object, or the prefix of a list when `name` is absent, as
 * the registry passes it to a Storage: `/services/specs/default/web`, `/pods/default/`,
 * `/pods/`. EtcdStorage prepends its prefix (`/registry` by default) to form the etcd key.
 * Throws a BadRequest StatusError when a part is empty or contains `/`.
 */
export function registryKey(parts: RegistryKeyParts): string {
  let key = resourcePath(parts);
  if (parts.namespace !== undefined) {
    checkSegment("namespace", parts.namespace);
    key += `/${parts.namespace}`;
  }
  if (parts.name === undefined) return `${key}/`;
  checkSegment("name", parts.name);
  return `${key}/${parts.name}`;
}

function checkSegment(part: string, value: string): void {
  if (value === "" || value.includes("/") || value === "." || value === "..") {
    throw StatusError.badRequest(`invalid ${part} ${JSON.stringify(value)} in a storage key: it must be non-empty, not "." or "..", and contain no "/"`);
  }
}
