import { StatusError } from "./status-error.js";

/** An API group and version; the core group is the empty string (`v1`). */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** A kind in an API group version, such as `apps/v1, Kind=Deployment`. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A resource in an API group version, such as `apps/v1, Resource=deployments`. */
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** A kind in an API group, without a version: `Deployment.apps`. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** A resource in an API group, without a version: `deployments.apps`. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/**
 * Parses an `apiVersion` such as `apps/v1` or `v1` (the core group).
 *
 * Grammar: `groupVersion ::= "" | "/" | version | group "/" version`, where neither part
 * contains `/`. The empty string and `/` parse to the empty GroupVersion, as in Go.
 *
 * @throws StatusError (BadRequest) for more than one `/`, such as `a/b/c`.
 */
export function parseGroupVersion(text: string): GroupVersion {
  if (text === "" || text === "/") return { group: "", version: "" };
  const slash = text.indexOf("/");
  if (slash === -1) return { group: "", version: text };
  if (text.indexOf("/", slash + 1) !== -1) {
    throw StatusError.badRequest(`unexpected GroupVersion string: ${text}`);
  }
  return { group: text.slice(0, slash), version: text.slice(slash + 1) };
}

/** Formats a GroupVersion as an `apiVersion`: `apps/v1`, or `v1` for the core group. */
export function formatGroupVersion(gv: GroupVersion): string {
  return gv.group === "" ? gv.version : `${gv.group}/${gv.version}`;
}

/** Formats a GroupVersionKind as Go's `String()` does: `apps/v1, Kind=Deployment` (`/v1, Kind=Pod` for core). */
export function formatGroupVersionKind(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** Formats a GroupVersionResource as Go's `String()` does: `apps/v1, Resource=deployments`. */
export function formatGroupVersionResource(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/** Formats a GroupKind as `Deployment.apps`, or the bare kind for the core group. */
export function formatGroupKind(gk: GroupKind): string {
  return gk.group === "" ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** Formats a GroupResource as `deployments.apps`, or the bare resource for the core group. */
export function formatGroupResource(gr: GroupResource): string {
  return gr.group === "" ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** Parses `Deployment.apps` into a GroupKind; everything after the first dot is the group. */
export function parseGroupKind(text: string): GroupKind {
  const dot = text.indexOf(".");
  return dot === -1 ? { group: "", kind: text } : { group: text.slice(dot + 1), kind: text.slice(0, dot) };
}

/** Parses `deployments.apps` into a GroupResource; everything after the first dot is the group. */
export function parseGroupResource(text: string): GroupResource {
  const dot = text.indexOf(".");
  return dot === -1 ? { group: "", resource: text } : { group: text.slice(dot + 1), resource: text.slice(0, dot) };
}

/**
 * Reads a command-line resource argument such as `deployments.v1.apps`. With two or more
 * dots it is also read as `resource.version.group`; the GroupResource reading is always given.
 */
export function parseResourceArg(text: string): { gvr?: GroupVersionResource; gr: GroupResource } {
  const parts = splitThree(text);
  const gr = parseGroupResource(text);
  return parts ? { gvr: { resource: parts[0], version: parts[1], group: parts[2] }, gr } : { gr };
}

/** Reads a command-line kind argument such as `Deployment.v1.apps`, as {@link parseResourceArg} does for resources. */
export function parseKindArg(text: string): { gvk?: GroupVersionKind; gk: GroupKind } {
  const parts = splitThree(text);
  const gk = parseGroupKind(text);
  return parts ? { gvk: { kind: parts[0], version: parts[1], group: parts[2] }, gk } : { gk };
}

function splitThree(text: string): [string, string, string] | undefined {
  const first = text.indexOf(".");
  const second = first === -1 ? -1 : text.indexOf(".", first + 1);
  if (second === -1) return undefined;
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/**
 * Builds a GroupVersionKind from an object's `apiVersion` and `kind`. An unparsable
 * `apiVersion` (such as `a/b/c`) gives an empty group and version, as Go's
 * `FromAPIVersionAndKind` does.
 */
export function fromAPIVersionAndKind(apiVersion: string, kind: string): GroupVersionKind {
  const slash = apiVersion.indexOf("/");
  if (slash !== -1 && apiVersion.indexOf("/", slash + 1) !== -1) return { group: "", version: "", kind };
  const gv = parseGroupVersion(apiVersion);
  return { group: gv.group, version: gv.version, kind };
}

/** Returns the `apiVersion` and `kind` of a GroupVersionKind; both empty for the empty GroupVersionKind. */
export function toAPIVersionAndKind(gvk: GroupVersionKind): { apiVersion: string; kind: string } {
  if (gvk.group === "" && gvk.version === "" && gvk.kind === "") return { apiVersion: "", kind: "" };
  return { apiVersion: formatGroupVersion(gvk), kind: gvk.kind };
}

/** Reports whether two GroupVersionKinds name the same kind. */
export function sameGroupVersionKind(a: GroupVersionKind, b: GroupVersionKind): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}
