import { StatusError, type GroupVersionKind } from "@apimachinery/meta";

const PREFIX = "couldn't get version/kind; json parse error";

/** Names the JSON type of a decoded value as Go's JSON errors do. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "bigint" ? "number" : typeof value;
}

function readString(object: Readonly<Record<string, unknown>>, field: "apiVersion" | "kind"): string {
  const value = object[field];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    throw StatusError.badRequest(`${PREFIX}: cannot unmarshal ${jsonTypeName(value)} into field "${field}" of type string`);
  }
  return value;
}

/** Splits an `apiVersion` into group and version; Go rejects more than one `/`. */
function splitApiVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? "", version: parts[1] ?? "" };
  throw StatusError.badRequest(`${PREFIX}: unexpected GroupVersion string: ${apiVersion}`);
}

/**
 * Reads the group-version-kind of a decoded object from `apiVersion` and `kind` and fills
 * the gaps from `defaults` as Go's serializers do: a missing kind takes the default kind,
 * a missing apiVersion the default group and version, and a group that matches the
 * default group without a version takes the default version.
 */
export function groupVersionKindOf(object: Readonly<Record<string, unknown>>, defaults: Partial<GroupVersionKind> = {}): GroupVersionKind {
  let { group, version } = splitApiVersion(readString(object, "apiVersion"));
  let kind = readString(object, "kind");
  if (kind === "") kind = defaults.kind ?? "";
  if (version === "" && group === "") {
    group = defaults.group ?? "";
    version = defaults.version ?? "";
  } else if (version === "" && group === (defaults.group ?? "")) {
    version = defaults.version ?? "";
  }
  return { group, version, kind };
}
