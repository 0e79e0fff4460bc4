import type { GroupVersion } from "@apimachinery/meta";
import type { KindSchema, MessageSchema, Scheme } from "@apimachinery/runtime";

const META_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1";

/** The core `v1` group version, where the kinds shared by every group version are registered unversioned. */
const UNVERSIONED: GroupVersion = { group: "", version: "v1" };

/** Option kinds that every group version accepts as query parameters or bodies. */
const OPTION_KINDS = ["ListOptions", "GetOptions", "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions"];

/** Kinds that are the same in every group version: discovery documents and Status. */
const UNVERSIONED_KINDS = ["Status", "APIVersions", "APIGroupList", "APIGroup", "APIResourceList"];

/** A group version that can register itself into a Scheme. */
export interface GroupVersionInstaller extends GroupVersion {
  /** Registers the group version's kinds and the message schemas they use; returns the scheme. */
  readonly addToScheme: (scheme: Scheme) => Scheme;
}

/**
 * Registers the kinds of one group version into a Scheme, as Kubernetes does for a built-in
 * group version. Its own kinds, `WatchEvent` and the meta/v1 option kinds go into the group
 * version, and Status and the discovery kinds become unversioned kinds of core `v1`.
 * `messages` must contain every message those kinds use, the meta/v1 ones included.
 */
export function registerGroupVersion(
  scheme: Scheme,
  gv: GroupVersion,
  kinds: readonly KindSchema[],
  messages: readonly (readonly MessageSchema[])[],
): Scheme {
  for (const table of messages) scheme.schemas.add(table);
  scheme.addKnownTypes(
    gv,
    kinds.filter((kind) => kind.group === gv.group && kind.version === gv.version).map((kind) => ({ kind: kind.kind, message: kind.message })),
  );
  const metaKinds = ["WatchEvent", ...OPTION_KINDS].map((kind) => ({ kind, message: `${META_V1}.${kind}` }));
  scheme.addKnownTypes(gv, metaKinds);
  scheme.addUnversionedTypes(UNVERSIONED, UNVERSIONED_KINDS.map((kind) => ({ kind, message: `${META_V1}.${kind}` })));
  return scheme;
}
