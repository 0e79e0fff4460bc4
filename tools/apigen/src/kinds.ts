import type { KindSchema } from "@apimachinery/runtime";
import { groupVersionOf } from "./group-versions.js";
import type { MessageModel, PackageModel } from "./model.js";

const META_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1";
const META_V1BETA1 = "k8s.io.apimachinery.pkg.apis.meta.v1beta1";

/**
 * Kinds the fixtures do not name: the `meta.k8s.io` kinds that a client asks for with
 * `as=PartialObjectMetadata`, and the core `v1 List` that kubectl reads. `Table` has no
 * protobuf message, so it has no schema here. An entry whose message is not among the
 * inputs is skipped.
 */
const EXTRA_KINDS: readonly KindSchema[] = [
  { group: "", version: "v1", kind: "List", message: "k8s.io.api.core.v1.List" },
  { group: "meta.k8s.io", version: "v1", kind: "PartialObjectMetadata", message: `${META_V1}.PartialObjectMetadata` },
  { group: "meta.k8s.io", version: "v1", kind: "PartialObjectMetadataList", message: `${META_V1}.PartialObjectMetadataList` },
  { group: "meta.k8s.io", version: "v1beta1", kind: "PartialObjectMetadata", message: `${META_V1}.PartialObjectMetadata` },
  { group: "meta.k8s.io", version: "v1beta1", kind: "PartialObjectMetadataList", message: `${META_V1BETA1}.PartialObjectMetadataList` },
];

/** The group, version and kind a fixture file name (`<group>.<version>.<Kind>`, `core` for the core group) stands for. */
export function parseFixtureName(name: string): { group: string; version: string; kind: string } {
  const parts = name.split(".");
  const kind = parts.pop();
  const version = parts.pop();
  if (kind === undefined || version === undefined || parts.length === 0) throw new Error(`invalid fixture name ${name}`);
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

/**
 * Collects the kinds: every fixture name, the `<Kind>List` message beside each of them, the
 * extra meta kinds, and any other message of a group version with an ObjectMeta `metadata`
 * whose name does not end in `Spec` or `Template` (those are embedded templates, such as
 * PodTemplateSpec), with its list. A fixture kind is looked up in its group version's package first,
 * then in meta/v1, where the kinds every group version serves (Status, DeleteOptions,
 * WatchEvent, ...) live. A fixture name whose message cannot be found throws.
 */
export function collectKinds(packages: readonly PackageModel[], fixtureNames: readonly string[]): KindSchema[] {
  const messages = new Map<string, MessageModel>();
  for (const pkg of packages) for (const message of pkg.messages) messages.set(message.name, message);
  const packageOf = new Map<string, string>();
  for (const pkg of packages) {
    const info = groupVersionOf(pkg.name);
    if (info.version !== "" && info.group !== "meta.k8s.io") packageOf.set(`${info.group}/${info.version}`, pkg.name);
  }

  const kinds = new Map<string, KindSchema>();
  const add = (kind: KindSchema): void => {
    kinds.set(`${kind.group}/${kind.version}/${kind.kind}`, kind);
  };
  for (const fixture of fixtureNames) {
    const { group, version, kind } = parseFixtureName(fixture);
    const pkg = packageOf.get(`${group}/${version}`);
    const candidates = [pkg === undefined ? undefined : `${pkg}.${kind}`, `${META_V1}.${kind}`];
    const message = candidates.find((name) => name !== undefined && messages.has(name));
    if (message === undefined) throw new Error(`fixture ${fixture} names a kind with no message`);
    add({ group, version, kind, message });

    const list = pkg === undefined ? undefined : messages.get(`${pkg}.${kind}List`);
    if (list !== undefined && list.fields.some((field) => field.protoName === "items")) {
      add({ group, version, kind: `${kind}List`, message: list.name });
    }
  }
  for (const kind of EXTRA_KINDS) if (messages.has(kind.message)) add(kind);

  for (const pkg of packages) {
    const info = groupVersionOf(pkg.name);
    if (!packageOf.has(`${info.group}/${info.version}`)) continue;
    for (const message of pkg.messages) {
      const key = `${info.group}/${info.version}/${message.shortName}`;
      if (kinds.has(key) || !hasObjectMeta(message) || /(Spec|Template)$/.test(message.shortName)) continue;
      add({ group: info.group, version: info.version, kind: message.shortName, message: message.name });
      const list = messages.get(`${message.name}List`);
      if (list !== undefined) add({ group: info.group, version: info.version, kind: list.shortName, message: list.name });
    }
  }

  return [...kinds.values()];
}

function hasObjectMeta(message: MessageModel): boolean {
  const metadata = message.fields.find((field) => field.protoName === "metadata");
  return metadata?.type.kind === "message" && metadata.type.message === `${META_V1}.ObjectMeta`;
}
