/** The address of the server for clients in a CIDR range. */
export interface ServerAddressByClientCIDR {
  /** The client range, such as `10.0.0.0/8`. */
  clientCIDR: string;
  /** The address (`host` or `host:port`) that those clients should use. */
  serverAddress: string;
}

/** The versions of the legacy core API group, served at `/api`. */
export interface APIVersions {
  apiVersion?: "v1";
  kind: "APIVersions";
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

/** One version of an API group, in discovery. */
export interface GroupVersionForDiscovery {
  /** `group/version`, such as `apps/v1`. */
  groupVersion: string;
  version: string;
}

/** An API group with its versions, served at `/apis/<group>`. */
export interface APIGroup {
  apiVersion?: "v1";
  kind?: "APIGroup";
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion?: GroupVersionForDiscovery;
  serverAddressByClientCIDRs?: ServerAddressByClientCIDR[];
}

/** The API groups of the server, served at `/apis`. */
export interface APIGroupList {
  apiVersion?: "v1";
  kind: "APIGroupList";
  groups: APIGroup[];
}

/** A resource that a group version serves, in discovery. */
export interface APIResource {
  /** The plural name, or `name/subresource` for a subresource such as `pods/status`. */
  name: string;
  singularName: string;
  namespaced: boolean;
  /** The group of a subresource whose group differs from its parent's, usually absent. */
  group?: string;
  version?: string;
  kind: string;
  /** The verbs that the resource supports: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  verbs: string[];
  shortNames?: string[];
  /** Groupings such as `all`. */
  categories?: string[];
  /** A hash of the storage version, for detecting storage migrations. */
  storageVersionHash?: string;
}

/** The resources of one group version, served at `/apis/<group>/<version>` (`/api/v1` for core). */
export interface APIResourceList {
  apiVersion?: "v1";
  kind: "APIResourceList";
  groupVersion: string;
  resources: APIResource[];
}

/** The paths that the server serves, at `/`. */
export interface RootPaths {
  paths: string[];
}
