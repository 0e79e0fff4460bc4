import { formatGroupVersion, type GroupVersion, type GroupVersionKind } from "@apimachinery/meta";

/** Splits an `apiVersion` (`apps/v1`, `v1`) into group and version; an empty string gives both empty. */
export function splitAPIVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf("/");
  if (slash === -1) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Joins a group and version into an `apiVersion`: `apps/v1`, or `v1` for the core group. */
export function joinAPIVersion(gv: GroupVersion): string {
  return formatGroupVersion(gv);
}

/** Returns the GroupVersionKind that an object's `apiVersion` and `kind` name; non-strings count as empty. */
export function kindOfObject(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): GroupVersionKind {
  const apiVersion = typeof object.apiVersion === "string" ? object.apiVersion : "";
  const kind = typeof object.kind === "string" ? object.kind : "";
  return { ...splitAPIVersion(apiVersion), kind };
}
