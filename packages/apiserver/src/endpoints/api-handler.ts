import { StatusError } from "@apimachinery/meta";
import { applyJsonPatch } from "../patch/json-patch.js";
import { applyMergePatch } from "../patch/merge-patch.js";
import { apiVersionOf, type ResourceInfo } from "../registry/resource.js";
import type { ObjectFilter, Store } from "../registry/store.js";
import type { ObjectData } from "../registry/strategy.js";
import {
  aggregatedDiscovery,
  apiGroupList,
  apiGroupOf,
  apiResourceList,
  apiVersions,
} from "./discovery.js";
import type { ApiMetrics } from "./metrics.js";
import { openApiV2Document, openApiV3Document, openApiV3Index } from "./openapi.js";
import { readBody, send, statusOf, type ApiRequest, type ApiResponse } from "./http-util.js";
import { parseRequestInfo, type RequestInfo } from "./request-info.js";
import { toTable, type IncludeObject } from "./table.js";

/** The version the server reports on `/version`. */
export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

/** Builds filters from the `labelSelector` and `fieldSelector` query parameters. */
export type FilterFactory = (info: ResourceInfo, labelSelector: string, fieldSelector: string) => ObjectFilter | undefined;

/** What the API handler serves. */
export interface ApiHandlerConfig {
  readonly stores: readonly Store[];
  readonly version: VersionInfo;
  readonly filters?: FilterFactory;
  /** Called with each finished request, for logs and metrics. */
  readonly onRequest?: (event: { info: RequestInfo; code: number; durationMs: number; method: string; path: string }) => void;
  /** Prometheus metrics, served on `/metrics` when given. */
  readonly metrics?: ApiMetrics;
  /** Whether the namespace of a namespaced write must exist. Default true when a `namespaces` store is served. */
  readonly checkNamespaces?: boolean;
}

const jsonType = "application/json";

type Negotiated = { readonly as: "" | "Table" | "PartialObjectMetadata" | "PartialObjectMetadataList" | "APIGroupDiscoveryList"; readonly version: string };

/** Reads the `as` and `v` parameters of the first Accept entry that asks for a conversion the server supports. */
function negotiate(accept: string | undefined): Negotiated {
  for (const entry of (accept ?? "").split(",")) {
    const [type = "", ...parameters] = entry.split(";").map((part) => part.trim());
    if (type !== jsonType && type !== "*/*" && type !== "application/*") continue;
    const params = new Map(parameters.map((parameter) => parameter.split("=").map((side) => side.trim()) as [string, string]));
    const as = params.get("as");
    const group = params.get("g");
    const version = params.get("v") ?? "";
    if (as === undefined) return { as: "", version: "" };
    if (as === "Table" && group === "meta.k8s.io" && (version === "v1" || version === "v1beta1")) return { as, version };
    if ((as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") && group === "meta.k8s.io" && (version === "v1" || version === "v1beta1")) {
      return { as, version };
    }
    if (as === "APIGroupDiscoveryList" && group === "apidiscovery.k8s.io" && (version === "v2" || version === "v2beta1")) return { as, version };
  }
  return { as: "", version: "" };
}

function decodeJson(body: Buffer): ObjectData {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw StatusError.badRequest(`the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw StatusError.badRequest("the request body must be a JSON object");
  }
  return value as ObjectData;
}

function sendJson(response: ApiResponse, code: number, body: unknown): void {
  send(response, code, jsonType, JSON.stringify(body));
}

function queryFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === "true" || value === "1";
}

function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll("dryRun");
  for (const value of values) {
    if (value !== "All") throw StatusError.badRequest(`Invalid dry run value: "${value}": the only supported value is "All"`);
  }
  return values.length > 0;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw StatusError.badRequest(`invalid value for ${name}: "${raw}": it must be a non-negative integer`);
  return value;
}

/**
 * Creates the request listener of the Kubernetes REST API over the given stores: discovery,
 * `/version`, health endpoints and every verb of every served resource, in JSON.
 */
export function createApiHandler(config: ApiHandlerConfig): (request: ApiRequest, response: ApiResponse) => void {
  const byPath = new Map<string, Store>();
  for (const store of config.stores) byPath.set(`${store.info.group}/${store.info.version}/${store.info.resource}`, store);
  const resources = config.stores.map((store) => store.info);
  const namespaces = byPath.get("/v1/namespaces");
  const checkNamespaces = config.checkNamespaces ?? namespaces !== undefined;

  async function serveNonResource(request: ApiRequest, response: ApiResponse, path: string, accept: Negotiated): Promise<void> {
    const host = request.headers.host ?? "127.0.0.1";
    const trimmed = path.replace(/\/+$/, "") || "/";
    if (trimmed === "/version") return sendJson(response, 200, config.version);
    if (trimmed === "/metrics" && config.metrics) {
      return send(response, 200, config.metrics.registry.contentType, await config.metrics.registry.metrics());
    }
    if (trimmed === "/healthz" || trimmed === "/livez" || trimmed === "/readyz") return send(response, 200, "text/plain; charset=utf-8", "ok");
    if (trimmed === "/api" || trimmed === "/apis") {
      if (accept.as === "APIGroupDiscoveryList") {
        const body = aggregatedDiscovery(resources, trimmed === "/api", accept.version as "v2" | "v2beta1");
        return send(response, 200, `application/json;g=apidiscovery.k8s.io;v=${accept.version};as=APIGroupDiscoveryList`, JSON.stringify(body));
      }
      return sendJson(response, 200, trimmed === "/api" ? apiVersions(host) : apiGroupList(resources));
    }
    const parts = trimmed.split("/").filter(Boolean);
    if (trimmed === "/openapi/v3") return sendJson(response, 200, openApiV3Index(resources));
    if (trimmed === "/openapi/v2") {
      // NOTE: the protobuf form of OpenAPI v2 is not served; kubectl falls back to JSON or to v3.
      if ((request.headers.accept ?? "").includes("protobuf")) throw StatusError.notAcceptable([jsonType]);
      return sendJson(response, 200, openApiV2Document(resources));
    }
    if (parts[0] === "openapi" && parts[1] === "v3" && (parts[2] === "api" || parts[2] === "apis")) {
      const document = parts[2] === "api" ? openApiV3Document(resources, "", parts[3] ?? "") : openApiV3Document(resources, parts[3] ?? "", parts[4] ?? "");
      if (document) return sendJson(response, 200, document);
    }
    if (parts[0] === "api" && parts.length === 2) {
      const list = apiResourceList(resources, "", parts[1] ?? "");
      if (list) return sendJson(response, 200, list);
    }
    if (parts[0] === "apis" && parts.length === 2) {
      const group = apiGroupOf(resources, parts[1] ?? "");
      if (group) return sendJson(response, 200, group);
    }
    if (parts[0] === "apis" && parts.length === 3) {
      const list = apiResourceList(resources, parts[1] ?? "", parts[2] ?? "");
      if (list) return sendJson(response, 200, list);
    }
    if (trimmed === "/") {
      const paths = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version"];
      for (const info of resources) if (info.group !== "") paths.push(`/apis/${info.group}`, `/apis/${info.group}/${info.version}`);
      return sendJson(response, 200, { paths: [...new Set(paths)].sort() });
    }
    throw StatusError.of("NotFound", "the server could not find the requested resource", {});
  }

  async function ensureNamespace(info: Extract<RequestInfo, { isResourceRequest: true }>, store: Store): Promise<void> {
    if (!checkNamespaces || !namespaces || !store.info.namespaced || info.namespace === "") return;
    const namespace = await namespaces.get("", info.namespace).catch(() => undefined);
    if (!namespace) throw StatusError.notFound({ resource: "namespaces", name: info.namespace });
    if (namespace.metadata?.deletionTimestamp !== undefined) {
      throw StatusError.forbidden(
        { group: store.info.group, resource: store.info.resource, ...(info.name ? { name: info.name } : {}) },
        `unable to create new content in namespace ${info.namespace} because it is being terminated`,
        [{ reason: "NamespaceTerminating", message: `namespace ${info.namespace} is being terminated`, field: "metadata.namespace" }],
      );
    }
  }

  function sendList(response: ApiResponse, store: Store, items: ObjectData[], listMeta: Record<string, unknown>, accept: Negotiated, query: URLSearchParams): void {
    if (accept.as === "Table") {
      const include = (query.get("includeObject") ?? "Metadata") as IncludeObject;
      return sendJson(response, 200, toTable(store.info, items, listMeta, include));
    }
    if (accept.as === "PartialObjectMetadataList" || accept.as === "PartialObjectMetadata") {
      return sendJson(response, 200, {
        kind: "PartialObjectMetadataList",
        apiVersion: `meta.k8s.io/${accept.version}`,
        metadata: listMeta,
        items: items.map((item) => ({ kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${accept.version}`, metadata: item.metadata ?? {} })),
      });
    }
    return sendJson(response, 200, { kind: store.info.listKind, apiVersion: apiVersionOf(store.info), metadata: listMeta, items });
  }

  function sendObject(response: ApiResponse, code: number, store: Store, object: ObjectData, accept: Negotiated, query: URLSearchParams): void {
    if (accept.as === "Table") {
      const include = (query.get("includeObject") ?? "Metadata") as IncludeObject;
      return sendJson(response, code, toTable(store.info, [object], { resourceVersion: object.metadata?.resourceVersion ?? "" }, include));
    }
    if (accept.as === "PartialObjectMetadata") {
      return sendJson(response, code, { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${accept.version}`, metadata: object.metadata ?? {} });
    }
    return sendJson(response, code, object);
  }

  async function serveWatch(request: ApiRequest, response: ApiResponse, store: Store, info: Extract<RequestInfo, { isResourceRequest: true }>, query: URLSearchParams, filter: ObjectFilter | undefined): Promise<void> {
    const controller = new AbortController();
    const timeoutSeconds = intParam(query, "timeoutSeconds") ?? 1800;
    const timer = setTimeout(() => controller.abort(), timeoutSeconds * 1000);
    request.on("close", () => controller.abort());
    const resourceVersion = query.get("resourceVersion") ?? "";
    const sendInitialEvents = queryFlag(query, "sendInitialEvents");
    const bookmarks = queryFlag(query, "allowWatchBookmarks");
    (response as import("node:http").ServerResponse).writeHead(200, { "content-type": jsonType, "transfer-encoding": "chunked", "cache-control": "no-cache, private" });
    const watchLabels = { verb: "WATCH", group: info.group, version: info.version, resource: info.resource };
    config.metrics?.watchers.inc(watchLabels);
    const eventLabels = { group: info.group, version: info.version, resource: info.resource };
    const write = (event: unknown) => {
      config.metrics?.watchEvents.inc(eventLabels);
      (response as import("node:http").ServerResponse).write(JSON.stringify(event) + "\n");
    };
    try {
      let from = resourceVersion === "" || resourceVersion === "0" ? 0 : Number(resourceVersion);
      if (!Number.isSafeInteger(from) || from < 0) throw StatusError.badRequest(`invalid resourceVersion "${resourceVersion}"`);
      if (sendInitialEvents || resourceVersion === "" || resourceVersion === "0") {
        const fieldName = info.name ? (object: ObjectData) => object.metadata?.name === info.name : undefined;
        const combined = fieldName && filter ? (object: ObjectData) => fieldName(object) && filter(object) : (fieldName ?? filter);
        const page = await store.list(info.namespace, { ...(combined ? { filter: combined } : {}) });
        for (const object of page.items) write({ type: "ADDED", object });
        from = Number(page.resourceVersion);
        if (sendInitialEvents && bookmarks) {
          write({
            type: "BOOKMARK",
            object: { kind: store.info.kind, apiVersion: apiVersionOf(store.info), metadata: { resourceVersion: page.resourceVersion, annotations: { "k8s.io/initial-events-end": "true" } } },
          });
        }
      }
      for await (const event of store.watch(info.namespace, { fromRevision: from, ...(filter ? { filter } : {}), ...(info.name ? { name: info.name } : {}), signal: controller.signal, progressNotify: bookmarks })) {
        if (event.type === "ERROR") {
          write({ type: "ERROR", object: event.error.status });
          break;
        }
        if (event.type === "BOOKMARK") {
          if (bookmarks) write({ type: "BOOKMARK", object: { kind: store.info.kind, apiVersion: apiVersionOf(store.info), metadata: { resourceVersion: String(event.revision) } } });
          continue;
        }
        write({ type: event.type, object: event.object });
      }
    } catch (error) {
      if (!controller.signal.aborted) write({ type: "ERROR", object: statusOf(error) });
    } finally {
      clearTimeout(timer);
      config.metrics?.watchers.dec(watchLabels);
      response.end();
    }
  }

  async function patchObject(store: Store, current: ObjectData, contentType: string, body: Buffer): Promise<ObjectData> {
    const type = contentType.split(";")[0]?.trim() ?? "";
    if (type === "application/json-patch+json") {
      let patch: unknown;
      try {
        patch = JSON.parse(body.toString("utf8"));
      } catch (error) {
        throw StatusError.badRequest(`the JSON patch is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      return applyJsonPatch(current, patch) as ObjectData;
    }
    if (type === "application/merge-patch+json" || type === "application/strategic-merge-patch+json") {
      const patch = decodeJson(body);
      // NOTE: strategic merge patch is applied as a JSON merge patch without its directives:
      // lists are replaced rather than merged by their patchMergeKey.
      return applyMergePatch(current, type === "application/strategic-merge-patch+json" ? stripDirectives(patch) : patch) as ObjectData;
    }
    throw StatusError.unsupportedMediaType(contentType, ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]);
  }

  async function serveResource(request: ApiRequest, response: ApiResponse, info: Extract<RequestInfo, { isResourceRequest: true }>, query: URLSearchParams, accept: Negotiated): Promise<void> {
    const store = byPath.get(`${info.group}/${info.version}/${info.resource}`);
    if (!store) throw StatusError.of("NotFound", "the server could not find the requested resource", {});
    if (info.subresource !== "" && !store.info.subresources.includes(info.subresource)) {
      throw StatusError.of("NotFound", "the server could not find the requested resource", {});
    }
    if (!store.info.namespaced && info.namespace !== "") {
      throw StatusError.of("NotFound", "the server could not find the requested resource", {});
    }
    const labelSelector = query.get("labelSelector") ?? "";
    const fieldSelector = query.get("fieldSelector") ?? "";
    const filter = labelSelector || fieldSelector ? config.filters?.(store.info, labelSelector, fieldSelector) : undefined;
    const dryRun = dryRunOf(query);

    switch (info.verb) {
      case "get":
        return sendObject(response, 200, store, await store.get(info.namespace, info.name), accept, query);
      case "list": {
        const limit = intParam(query, "limit");
        const continueToken = query.get("continue") ?? undefined;
        const resourceVersion = query.get("resourceVersion") ?? "";
        const match = query.get("resourceVersionMatch") ?? "";
        const revision = resourceVersion === "" || resourceVersion === "0" ? undefined : Number(resourceVersion);
        if (revision !== undefined && !Number.isSafeInteger(revision)) throw StatusError.badRequest(`invalid resourceVersion "${resourceVersion}"`);
        if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
          throw StatusError.badRequest(`invalid resourceVersionMatch "${match}": supported values are "Exact" and "NotOlderThan"`);
        }
        if (match !== "" && resourceVersion === "") throw StatusError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        if (continueToken && resourceVersion !== "") throw StatusError.badRequest("specifying resource version is not allowed when using continue");
        const page = await store.list(info.namespace, {
          ...(filter ? { filter } : {}),
          ...(limit ? { limit } : {}),
          ...(continueToken ? { continue: continueToken } : {}),
          ...(revision !== undefined && match === "Exact" ? { exactRevision: revision } : {}),
          ...(revision !== undefined && match !== "Exact" ? { minRevision: revision } : {}),
        });
        const listMeta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
        if (page.continue) listMeta["continue"] = page.continue;
        if (page.remainingItemCount !== undefined) listMeta["remainingItemCount"] = page.remainingItemCount;
        return sendList(response, store, page.items, listMeta, accept, query);
      }
      case "watch":
        return serveWatch(request, response, store, info, query, filter);
      case "create": {
        if (info.name !== "") throw StatusError.methodNotAllowed("create", store.info.kind);
        const object = decodeJson(await readBody(request));
        await ensureNamespace(info, store);
        return sendObject(response, 201, store, await store.create(info.namespace, object, { dryRun }), accept, query);
      }
      case "update": {
        const object = decodeJson(await readBody(request));
        const result = await store.update(info.namespace, info.name, object, { dryRun, allowCreate: true, subresource: info.subresource });
        return sendObject(response, result.created ? 201 : 200, store, result.object, accept, query);
      }
      case "patch": {
        const body = await readBody(request);
        const current = await store.get(info.namespace, info.name);
        const patched = await patchObject(store, current, String(request.headers["content-type"] ?? ""), body);
        const result = await store.update(info.namespace, info.name, patched, { dryRun, subresource: info.subresource });
        return sendObject(response, 200, store, result.object, accept, query);
      }
      case "delete": {
        const body = await readBody(request);
        const options = body.length > 0 ? decodeJson(body) : {};
        const gracePeriod = intParam(query, "gracePeriodSeconds") ?? (options["gracePeriodSeconds"] as number | undefined);
        const preconditions = options["preconditions"] as { uid?: string; resourceVersion?: string } | undefined;
        const result = await store.delete(info.namespace, info.name, {
          dryRun: dryRun || (Array.isArray(options["dryRun"]) && (options["dryRun"] as unknown[]).includes("All")),
          ...(gracePeriod !== undefined ? { gracePeriodSeconds: gracePeriod } : {}),
          ...(preconditions ? { preconditions } : {}),
        });
        if (!result.deleted) return sendObject(response, 200, store, result.object, accept, query);
        const metadata = result.object.metadata ?? {};
        return sendJson(response, 200, {
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Success",
          details: { name: metadata.name ?? info.name, ...(store.info.group ? { group: store.info.group } : {}), kind: store.info.resource, uid: metadata.uid ?? "" },
        });
      }
      case "deletecollection": {
        const page = await store.list(info.namespace, filter ? { filter } : {});
        const remaining: ObjectData[] = [];
        for (const object of page.items) {
          const result = await store.delete(object.metadata?.namespace ?? info.namespace, object.metadata?.name ?? "", { dryRun });
          if (!result.deleted) remaining.push(result.object);
        }
        return sendList(response, store, page.items, { resourceVersion: page.resourceVersion }, { as: "", version: "" }, query);
      }
    }
  }

  return (request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? "/", "http://localhost");
    const info = parseRequestInfo(request.method ?? "GET", url.pathname, url.searchParams);
    const accept = negotiate(request.headers.accept);
    const finish = (code: number) => {
      config.metrics?.observeRequest(info, code, (performance.now() - started) / 1000);
      config.onRequest?.({ info, code, durationMs: performance.now() - started, method: request.method ?? "", path: url.pathname });
    };
    const handled = info.isResourceRequest ? serveResource(request, response, info, url.searchParams, accept) : serveNonResource(request, response, url.pathname, accept);
    handled.then(
      () => finish(response.statusCode),
      (error: unknown) => {
        const status = statusOf(error);
        sendJson(response, status.code, status);
        finish(status.code);
      },
    );
  };
}

/** Removes the directives of a strategic merge patch (`$patch`, `$setElementOrder/...`, `$retainKeys`, `$deleteFromPrimitiveList/...`). */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith("$")) continue;
    result[key] = stripDirectives(child);
  }
  return result;
}
