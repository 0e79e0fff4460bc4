/** The verbs of the Kubernetes API, as authorization and metrics name them. */
export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

/** What a resource request addresses. */
export interface ResourceRequestInfo {
  readonly isResourceRequest: true;
  readonly verb: Verb;
  /** `api` for the core group, `apis` otherwise. */
  readonly prefix: "api" | "apis";
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

/** What a request addresses, parsed from its method, path and query (kube-apiserver's RequestInfo). */
export type RequestInfo =
  | ResourceRequestInfo
  | { readonly isResourceRequest: false; readonly verb: string; readonly path: string };

const resourceVerbs: Record<string, Verb> = { POST: "create", PUT: "update", PATCH: "patch" };

/**
 * Parses a request into a RequestInfo. Paths that are not resource paths (`/api`,
 * `/apis/apps`, `/version`, discovery of a group version) come back as non-resource requests.
 *
 * ```
 * /api/<version>[/namespaces/<namespace>]/<resource>[/<name>[/<subresource>]]
 * /apis/<group>/<version>[/namespaces/<namespace>]/<resource>[/<name>[/<subresource>]]
 * ```
 * `/api/v1/namespaces/<name>` addresses the namespace itself, as does `/namespaces/<name>/status`.
 */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split("/").filter((part) => part !== "");
  const nonResource = { isResourceRequest: false as const, verb: method.toLowerCase(), path };
  const prefix = parts[0];
  if (prefix !== "api" && prefix !== "apis") return nonResource;

  const groupVersionLength = prefix === "api" ? 2 : 3;
  if (parts.length <= groupVersionLength) return nonResource;
  const group = prefix === "api" ? "" : (parts[1] ?? "");
  const version = parts[groupVersionLength - 1] ?? "";
  let rest = parts.slice(groupVersionLength);

  let namespace = "";
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1] ?? "";
    rest = rest.slice(2);
  } else if (rest[0] === "namespaces" && rest.length === 2) {
    rest = ["namespaces", rest[1] ?? ""];
  }
  // `/namespaces/<name>/status` and `/namespaces/<name>/finalize` address the namespace object.
  if (namespace !== "" && (rest[0] === "status" || rest[0] === "finalize") && rest.length === 1) {
    rest = ["namespaces", namespace, rest[0]];
    namespace = "";
  }

  const [resource = "", name = "", subresource = "", ...extra] = rest;
  if (extra.length > 0) return nonResource;

  let verb: Verb;
  const upper = method.toUpperCase();
  if (upper === "GET" || upper === "HEAD") {
    const watch = query.get("watch");
    verb = watch === "true" || watch === "1" ? "watch" : name === "" ? "list" : "get";
  } else if (upper === "DELETE") {
    verb = name === "" ? "deletecollection" : "delete";
  } else {
    const mapped = resourceVerbs[upper];
    if (mapped === undefined) return nonResource;
    verb = mapped;
  }
  return { isResourceRequest: true, verb, prefix, group, version, resource, subresource, namespace, name };
}
