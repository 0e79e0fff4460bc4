/** The API group version of a protobuf package and its folder under `src/gen`. */
export interface GroupVersionInfo {
  /** The API group; empty for the core group. */
  readonly group: string;
  /** The API version; empty for the apimachinery packages that have none (runtime, intstr). */
  readonly version: string;
  /** The folder under `src/gen` and the subpath export (`apps/v1`, `meta/v1`). */
  readonly folder: string;
}

/**
 * The API group of each `k8s.io/api` folder. The folder name is the Go package name, which
 * is not always the group's first label (`rbac` serves `rbac.authorization.k8s.io`).
 */
const API_GROUPS: ReadonlyMap<string, string> = new Map([
  ["admission", "admission.k8s.io"],
  ["admissionregistration", "admissionregistration.k8s.io"],
  ["apidiscovery", "apidiscovery.k8s.io"],
  ["apiserverinternal", "internal.apiserver.k8s.io"],
  ["apps", "apps"],
  ["authentication", "authentication.k8s.io"],
  ["authorization", "authorization.k8s.io"],
  ["autoscaling", "autoscaling"],
  ["batch", "batch"],
  ["certificates", "certificates.k8s.io"],
  ["coordination", "coordination.k8s.io"],
  ["core", ""],
  ["discovery", "discovery.k8s.io"],
  ["events", "events.k8s.io"],
  ["extensions", "extensions"],
  ["flowcontrol", "flowcontrol.apiserver.k8s.io"],
  ["imagepolicy", "imagepolicy.k8s.io"],
  ["lifecycle", "lifecycle.k8s.io"],
  ["networking", "networking.k8s.io"],
  ["node", "node.k8s.io"],
  ["policy", "policy"],
  ["rbac", "rbac.authorization.k8s.io"],
  ["resource", "resource.k8s.io"],
  ["scheduling", "scheduling.k8s.io"],
  ["storage", "storage.k8s.io"],
  ["storagemigration", "storagemigration.k8s.io"],
]);

const API_PREFIX = "k8s.io.api.";
const META_PREFIX = "k8s.io.apimachinery.pkg.apis.meta.";
const APIEXTENSIONS_PREFIX = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.";
const APIMACHINERY_PREFIX = "k8s.io.apimachinery.pkg.";

/** Returns the group version and folder of a protobuf package; throws for a package outside the reference set. */
export function groupVersionOf(packageName: string): GroupVersionInfo {
  if (packageName.startsWith(API_PREFIX)) {
    const [dir, version, ...rest] = packageName.slice(API_PREFIX.length).split(".");
    const group = dir === undefined ? undefined : API_GROUPS.get(dir);
    if (group === undefined || version === undefined || rest.length > 0) {
      throw new Error(`unknown API package ${packageName}: add its folder to API_GROUPS`);
    }
    return { group, version, folder: `${dir}/${version}` };
  }
  if (packageName.startsWith(META_PREFIX)) {
    const version = packageName.slice(META_PREFIX.length);
    return { group: "meta.k8s.io", version, folder: `meta/${version}` };
  }
  if (packageName.startsWith(APIEXTENSIONS_PREFIX)) {
    const version = packageName.slice(APIEXTENSIONS_PREFIX.length);
    return { group: "apiextensions.k8s.io", version, folder: `apiextensions/${version}` };
  }
  if (packageName.startsWith(APIMACHINERY_PREFIX)) {
    return { group: "", version: "", folder: `apimachinery/${packageName.slice(APIMACHINERY_PREFIX.length).replaceAll(".", "/")}` };
  }
  throw new Error(`unknown protobuf package ${packageName}`);
}

/** Returns `group/version`, or the bare version for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}
