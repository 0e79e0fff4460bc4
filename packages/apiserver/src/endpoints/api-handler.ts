import { StatusError, isAlreadyExists, isConflict, isNotFound } from "@apimachinery/meta";
import type { CodecFactory, KindSchemaLookup } from "@apimachinery/runtime";
import { parseYaml } from "@apimachinery/serializer-yaml";
import type { FieldManager } from "../fieldmanager/field-manager.js";
import { validateFieldManagerParameters } from "../fieldmanager/options-validation.js";
import { managerOrUserAgent } from "../fieldmanager/user-agent.js";
import { encodeJsonText, parseJsonText } from "@apimachinery/serializer-json";
import { applyJsonPatch } from "../patch/json-patch.js";
import { applyMergePatch } from "../patch/merge-patch.js";
import { builtinPatchSchemas } from "../patch/builtin-patch-schemas.js";
import { applyStrategicMergePatchTo } from "../patch/strategic-merge-patch.js";
import { apiVersionOf, type ResourceInfo } from "../registry/resource.js";
import { selectorFilter } from "../registry/selectors.js";
import { parseResourceVersion, type ObjectFilter, type Store } from "../registry/store.js";
import type { ObjectData } from "../registry/strategy.js";
import { readDeleteOptions } from "./delete-options.js";
import { applyScale, toScale } from "./scale.js";
import { readBody, type ApiRequest, type ApiResponse } from "./http-util.js";
import type { ApiMetrics } from "./metrics.js";
import { Exchange, fieldValidationOf } from "./negotiation.js";
import { serveNonResource, type VersionInfo } from "./non-resource.js";
import { parseRequestInfo, type RequestInfo, type ResourceRequestInfo } from "./request-info.js";
import { toTable, type IncludeObject } from "./table.js";
import { serveWatch } from "./watch.js";

export type { VersionInfo } from "./non-resource.js";

/** Builds filters from the `labelSelector` and `fieldSelector` query parameters; fails with BadRequest on a malformed selector. */
export type FilterFactory = (info: ResourceInfo, labelSelector: string, fieldSelector: string) => ObjectFilter | undefined;

/** The settings of the API handler: its stores, codecs and optional parts. */
export interface ApiHandlerConfig {
  readonly stores: readonly Store[];
  /** The serializers of request and response bodies; the first is the default. */
  readonly codecs: CodecFactory;
  readonly version: VersionInfo;
  /** Builds list and watch filters from selectors. Default: label selectors and the resource's selectable fields. */
  readonly filters?: FilterFactory;
  /** Prometheus metrics, served on `/metrics` when given. */
  readonly metrics?: ApiMetrics;
  /** Called with each finished request, for logs. */
  readonly onRequest?: (event: { info: RequestInfo; code: number; durationMs: number; method: string; path: string }) => void;
  /** The schemas of strategic merge patches; default: the built-in Scheme, built on first use. */
  readonly schemas?: KindSchemaLookup;
  /** Serves server-side apply (`application/apply-patch+yaml`); without it apply is UnsupportedMediaType. */
  readonly fieldManager?: FieldManager;
  /** Whether the namespace of a namespaced create must exist. Default true when a `namespaces` store is served. */
  readonly checkNamespaces?: boolean;
}

const notFound = () => StatusError.of("NotFound", "the server could not find the requested resource", {});

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

const readMethods = new Set(["GET", "HEAD"]);

/** Reads `includeObject` (None, Metadata or Object; default Metadata), failing with BadRequest on another value. */
function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get("includeObject") || "Metadata";
  if (value !== "None" && value !== "Metadata" && value !== "Object") {
    throw StatusError.badRequest(`invalid includeObject "${value}": supported values are None, Metadata and Object`);
  }
  return value;
}

/** A request target split into its decoded path and its query, or the error that rejects it. */
interface RequestTarget {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly error?: StatusError;
}

/**
 * Splits a raw request target into path and query without resolving `.` and `..`, which
 * would let `/namespaces/a/configmaps/..` address the namespace itself. A path with such
 * segments, empty inner segments or invalid percent-encoding is a BadRequest.
 */
function parseTarget(raw: string): RequestTarget {
  const mark = raw.indexOf("?");
  const rawPath = mark === -1 ? raw : raw.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? "" : raw.slice(mark + 1));
  const shown = rawPath.length > 200 ? `${rawPath.slice(0, 200)}...` : rawPath;
  const reject = (why: string): RequestTarget => ({ path: "/", query, error: StatusError.badRequest(`invalid request path "${shown}": ${why}`) });
  if (!rawPath.startsWith("/")) return reject("it must start with '/'");
  const segments = rawPath.split("/").slice(1);
  const decoded: string[] = [];
  for (const [index, segment] of segments.entries()) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return reject("it is not valid percent-encoding");
    }
    if (value === "." || value === "..") return reject("it may not contain '.' or '..' segments");
    if (value === "" && index !== segments.length - 1) return reject("it may not contain empty segments");
    if (value.includes("/") || value.includes("\\")) return reject("a segment may not contain '/' or '\\'");
    decoded.push(value);
  }
  return { path: `/${decoded.join("/")}`, query };
}

/**
 * Returns a DELETE body as JSON: JSON bodies as they are, YAML and protobuf bodies (as
 * client-go's typed clients send DeleteOptions) decoded with the serializer of their type.
 */
function deleteOptionsJson(exchange: Exchange, body: Buffer): Uint8Array {
  const contentType = exchange.request.headers["content-type"];
  if (body.length === 0 || contentType === undefined || contentType.startsWith("application/json")) return body;
  const input = exchange.codecs.negotiateInput(contentType);
  const decoded = input.info.serializer.decode(body, { group: "", version: "v1", kind: "DeleteOptions" });
  return new TextEncoder().encode(encodeJsonText(decoded.object));
}

/** Namespaces that kube-apiserver refuses to delete. */
const protectedNamespaces = new Set(["default", "kube-system", "kube-public"]);

/** Reports whether a path is under `/api/` or `/apis/`, where an unsupported method is 405 rather than 404. */
function isResourcePath(path: string): boolean {
  return /^\/apis?\/[^/]+/.test(path);
}

const applyPatchType = "application/apply-patch+yaml";
const patchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", applyPatchType];

/** Returns the media type of a patch request, or fails with UnsupportedMediaType. */
function patchTypeOf(contentType: string, applySupported: boolean): string {
  const type = contentType.split(";")[0]?.trim() ?? "";
  const supported = applySupported ? patchTypes : patchTypes.filter((candidate) => candidate !== applyPatchType);
  if (!supported.includes(type)) throw StatusError.unsupportedMediaType(contentType, supported);
  return type;
}

/** How many times a patch is recomputed when another write wins the race for the object. */
const patchConflictRetries = 5;

/** Applies a patch document of the given media type to the current object. */
function applyPatch(current: ObjectData, type: string, body: Buffer, schemas: KindSchemaLookup): ObjectData {
  const patch = parseJsonText(body.toString("utf8"));
  if (type === "application/json-patch+json") {
    const result = applyJsonPatch(current, patch);
    if (result === null || typeof result !== "object" || Array.isArray(result)) {
      throw StatusError.badRequest("the JSON patch must leave an object, but it produced " + (result === null ? "null" : Array.isArray(result) ? "an array" : typeof result));
    }
    return result as ObjectData;
  }
  if (type === "application/strategic-merge-patch+json") return applyStrategicMergePatchTo(current, patch, schemas) as ObjectData;
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw StatusError.badRequest("the merge patch must be a JSON object");
  return applyMergePatch(current, patch) as ObjectData;
}

/**
 * Creates the request listener of the Kubernetes REST API over the given stores: discovery,
 * OpenAPI, `/version`, health, metrics and every verb of every served resource, with
 * JSON, YAML and protobuf bodies as the codec factory offers them.
 */
export function createApiHandler(config: ApiHandlerConfig): (request: ApiRequest, response: ApiResponse) => void {
  const byPath = new Map<string, Store>();
  for (const store of config.stores) byPath.set(`${store.info.group}/${store.info.version}/${store.info.resource}`, store);
  const resources = config.stores.map((store) => store.info);
  const namespaces = byPath.get("/v1/namespaces");
  const checkNamespaces = config.checkNamespaces ?? namespaces !== undefined;

  async function ensureNamespace(info: ResourceRequestInfo, store: Store, name = info.name): Promise<void> {
    if (!checkNamespaces || !namespaces || !store.info.namespaced || info.namespace === "") return;
    const namespace = await namespaces.get("", info.namespace).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    if (!namespace) throw StatusError.notFound({ resource: "namespaces", name: info.namespace });
    if (namespace.metadata?.deletionTimestamp !== undefined) {
      throw StatusError.forbidden(
        { group: store.info.group, resource: store.info.resource, ...(name ? { name } : {}) },
        `unable to create new content in namespace ${info.namespace} because it is being terminated`,
        [{ reason: "NamespaceTerminating", message: `namespace ${info.namespace} is being terminated`, field: "metadata.namespace" }],
      );
    }
  }

  function respondList(exchange: Exchange, store: Store, items: ObjectData[], listMeta: Record<string, unknown>, query: URLSearchParams): void {
    const conversion = exchange.conversion;
    if (conversion?.kind === "Table") {
      return exchange.respond(200, toTable(store.info, items, listMeta, includeObjectOf(query)));
    }
    if (conversion?.kind === "PartialObjectMetadataList" || conversion?.kind === "PartialObjectMetadata") {
      const apiVersion = `meta.k8s.io/${conversion.version}`;
      return exchange.respond(200, {
        kind: "PartialObjectMetadataList",
        apiVersion,
        metadata: listMeta,
        items: items.map((item) => ({ kind: "PartialObjectMetadata", apiVersion, metadata: item.metadata ?? {} })),
      });
    }
    return exchange.respond(200, { kind: store.info.listKind, apiVersion: apiVersionOf(store.info), metadata: listMeta, items });
  }

  function respondObject(exchange: Exchange, code: number, store: Store, object: ObjectData, query: URLSearchParams): void {
    const conversion = exchange.conversion;
    if (conversion?.kind === "Table") {
      const listMeta = { resourceVersion: object.metadata?.resourceVersion ?? "" };
      return exchange.respond(code, toTable(store.info, [object], listMeta, includeObjectOf(query)));
    }
    if (conversion?.kind === "PartialObjectMetadata") {
      return exchange.respond(code, { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${conversion.version}`, metadata: object.metadata ?? {} });
    }
    if (conversion !== undefined) throw StatusError.notAcceptable([`${conversion.kind} is not available for a single object`]);
    return exchange.respond(code, object);
  }

  async function serveList(exchange: Exchange, store: Store, info: ResourceRequestInfo, query: URLSearchParams, filter: ObjectFilter | undefined): Promise<void> {
    const limit = intParam(query, "limit");
    const continueToken = query.get("continue") || undefined;
    const resourceVersion = query.get("resourceVersion") ?? "";
    const match = query.get("resourceVersionMatch") ?? "";
    const revision = resourceVersion === "" || resourceVersion === "0" ? undefined : Number(resourceVersion);
    if (revision !== undefined && (!Number.isSafeInteger(revision) || revision < 0)) {
      throw StatusError.badRequest(`invalid resourceVersion "${resourceVersion}": it must be a non-negative integer`);
    }
    if (match !== "" && match !== "Exact" && match !== "NotOlderThan") {
      throw StatusError.badRequest(`invalid resourceVersionMatch "${match}": supported values are "Exact" and "NotOlderThan"`);
    }
    if (match !== "" && resourceVersion === "") throw StatusError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
    if (match === "Exact" && resourceVersion === "0") throw StatusError.badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
    if (continueToken && resourceVersion !== "" && resourceVersion !== "0") {
      throw StatusError.badRequest("specifying resource version is not allowed when using continue");
    }
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
    respondList(exchange, store, page.items, listMeta, query);
  }

  async function serveDelete(exchange: Exchange, store: Store, info: ResourceRequestInfo, query: URLSearchParams): Promise<void> {
    const options = readDeleteOptions(deleteOptionsJson(exchange, await readBody(exchange.request)), query);
    if (store.info.resource === "namespaces" && store.info.group === "" && protectedNamespaces.has(info.name)) {
      throw StatusError.forbidden({ resource: "namespaces", name: info.name }, "this namespace may not be deleted");
    }
    const result = await store.delete(info.namespace, info.name, options);
    if (!result.deleted) return respondObject(exchange, 200, store, result.object, query);
    const metadata = result.object.metadata ?? {};
    return exchange.respond(200, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: { name: metadata.name ?? info.name, ...(store.info.group ? { group: store.info.group } : {}), kind: store.info.resource, uid: metadata.uid ?? "" },
    });
  }

  /** Serves the `scale` subresource: the object's replicas as an autoscaling/v1 Scale. */
  async function serveScale(exchange: Exchange, store: Store, info: ResourceRequestInfo, query: URLSearchParams, dryRun: boolean): Promise<void> {
    const scaleKind = { group: "autoscaling", version: "v1", kind: "Scale" };
    if (info.verb === "get") return exchange.respond(200, toScale(await store.get(info.namespace, info.name)));
    if (info.verb !== "update" && info.verb !== "patch") throw StatusError.methodNotAllowed(info.verb, "Scale");
    const body = await readBody(exchange.request);
    const manager = managerOf(exchange, query, info.verb === "update" ? "UpdateOptions" : "PatchOptions", false);
    for (let attempt = 0; ; attempt++) {
      const current = await store.get(info.namespace, info.name);
      let scale: ObjectData;
      let pinned: boolean;
      if (info.verb === "update") {
        scale = exchange.decodeBody(body, scaleKind, fieldValidationOf(query));
        pinned = Boolean(scale.metadata?.resourceVersion);
      } else {
        const type = patchTypeOf(String(exchange.request.headers["content-type"] ?? ""), false);
        scale = applyPatch(toScale(current), type, body, config.schemas ?? builtinPatchSchemas());
        pinned = scale.metadata?.resourceVersion !== current.metadata?.resourceVersion;
      }
      // An unpinned write is checked against the object just read, and recomputed if it lost a race.
      const precondition = pinned ? scale : { ...scale, metadata: { ...(scale.metadata ?? {}), resourceVersion: current.metadata?.resourceVersion ?? "" } };
      try {
        const result = await store.update(info.namespace, info.name, applyScale(current, precondition), { dryRun, manager, subresource: "scale" });
        return exchange.respond(200, toScale(result.object));
      } catch (error) {
        if (pinned || !isConflict(error) || attempt >= patchConflictRetries) throw error;
      }
    }
  }

  /** Validates the field manager parameters and returns the manager of a write. */
  function managerOf(exchange: Exchange, query: URLSearchParams, kind: "CreateOptions" | "UpdateOptions" | "PatchOptions", apply: boolean): string {
    const fieldManager = query.get("fieldManager") ?? undefined;
    const forceRaw = query.get("force");
    const force = forceRaw === null ? undefined : forceRaw === "true" || forceRaw === "1";
    const invalid = validateFieldManagerParameters(kind, { ...(fieldManager !== undefined ? { fieldManager } : {}), ...(force !== undefined ? { force } : {}), apply });
    if (invalid) throw invalid;
    return managerOrUserAgent(fieldManager, exchange.request.headers["user-agent"]);
  }

  /**
   * Serves a server-side apply: merges the applied configuration into the live object (or
   * creates it) and records the applier's fields, retrying when another write wins the race.
   */
  async function serveApply(exchange: Exchange, store: Store, info: ResourceRequestInfo, query: URLSearchParams, body: Buffer, manager: string, dryRun: boolean): Promise<void> {
    const fieldManager = config.fieldManager;
    if (!fieldManager) throw StatusError.unsupportedMediaType(applyPatchType, patchTypes.filter((type) => type !== applyPatchType));
    let applied: unknown;
    try {
      applied = parseYaml(body);
    } catch (error) {
      throw StatusError.badRequest(`error decoding YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (applied === null || typeof applied !== "object" || Array.isArray(applied)) throw StatusError.badRequest("error decoding YAML: the applied configuration must be an object");
    const force = query.get("force") === "true" || query.get("force") === "1";
    const options = { manager, force, subresource: info.subresource, gvk: store.gvk() };
    for (let attempt = 0; ; attempt++) {
      const current = await store.get(info.namespace, info.name).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      const configuration = structuredClone(applied) as ObjectData;
      if (!current) {
        if (info.subresource !== "") throw StatusError.notFound({ group: store.info.group, resource: store.info.resource, name: info.name });
        const merged = fieldManager.apply(undefined, configuration, options);
        const metadata = { ...(merged.metadata ?? {}) };
        if (metadata.name === undefined) metadata.name = info.name;
        if (metadata.name !== info.name) throw StatusError.badRequest(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${info.name})`);
        await ensureNamespace(info, store);
        try {
          return respondObject(exchange, 201, store, await store.create(info.namespace, { ...merged, metadata }, { dryRun }), query);
        } catch (error) {
          if (attempt < patchConflictRetries && isAlreadyExists(error)) continue;
          throw error;
        }
      }
      const merged = fieldManager.apply(current, configuration, options);
      try {
        const result = await store.update(info.namespace, info.name, merged, { dryRun, subresource: info.subresource, managedFieldsFromRequest: true });
        return respondObject(exchange, 200, store, result.object, query);
      } catch (error) {
        if (attempt < patchConflictRetries && isConflict(error)) continue;
        throw error;
      }
    }
  }

  async function serveResource(exchange: Exchange, info: ResourceRequestInfo, query: URLSearchParams): Promise<void> {
    const store = byPath.get(`${info.group}/${info.version}/${info.resource}`);
    if (!store) throw notFound();
    if (info.subresource !== "" && !store.info.subresources.includes(info.subresource)) throw notFound();
    if (!store.info.namespaced && info.namespace !== "") throw notFound();
    const labelSelector = query.get("labelSelector") ?? "";
    const fieldSelector = query.get("fieldSelector") ?? "";
    const filter = labelSelector || fieldSelector ? (config.filters ?? selectorFilter)(store.info, labelSelector, fieldSelector) : undefined;
    const dryRun = dryRunOf(query);
    const expected = { group: store.info.group, version: store.info.version, kind: store.info.kind };

    if (info.subresource === "scale") return serveScale(exchange, store, info, query, dryRun);

    switch (info.verb) {
      case "get":
        return respondObject(exchange, 200, store, await store.get(info.namespace, info.name), query);
      case "list":
        intParam(query, "timeoutSeconds");
        includeObjectOf(query);
        return serveList(exchange, store, info, query, filter);
      case "watch":
        return serveWatch(exchange, store, info, query, filter, config.metrics);
      case "create": {
        if (info.name !== "") throw StatusError.methodNotAllowed("POST", store.info.kind);
        const manager = managerOf(exchange, query, "CreateOptions", false);
        const object = exchange.decodeBody(await readBody(exchange.request), expected, fieldValidationOf(query));
        await ensureNamespace(info, store, object.metadata?.name ?? object.metadata?.generateName ?? "");
        return respondObject(exchange, 201, store, await store.create(info.namespace, object, { dryRun, manager }), query);
      }
      case "update": {
        if (info.name === "") throw StatusError.of("MethodNotAllowed", `the server does not allow the method PUT on a collection of ${store.info.resource}`);
        const manager = managerOf(exchange, query, "UpdateOptions", false);
        const object = exchange.decodeBody(await readBody(exchange.request), expected, fieldValidationOf(query));
        // A PUT that creates must meet the same namespace rules as a POST.
        if (info.subresource === "" && store.info.namespaced) {
          const exists = await store.get(info.namespace, info.name).then(
            () => true,
            (error: unknown) => {
              if (isNotFound(error)) return false;
              throw error;
            },
          );
          if (!exists) await ensureNamespace(info, store);
        }
        const result = await store.update(info.namespace, info.name, object, { dryRun, manager, allowCreate: info.subresource === "", subresource: info.subresource });
        return respondObject(exchange, result.created ? 201 : 200, store, result.object, query);
      }
      case "patch": {
        if (info.name === "") throw StatusError.of("MethodNotAllowed", `the server does not allow the method PATCH on a collection of ${store.info.resource}`);
        fieldValidationOf(query);
        const type = patchTypeOf(String(exchange.request.headers["content-type"] ?? ""), config.fieldManager !== undefined);
        const manager = managerOf(exchange, query, "PatchOptions", type === applyPatchType);
        const body = await readBody(exchange.request);
        if (type === applyPatchType) return serveApply(exchange, store, info, query, body, manager, dryRun);
        for (let attempt = 0; ; attempt++) {
          const current = await store.get(info.namespace, info.name);
          const patched = applyPatch(current, type, body, config.schemas ?? builtinPatchSchemas());
          const pinned = patched.metadata?.resourceVersion !== current.metadata?.resourceVersion;
          try {
            const result = await store.update(info.namespace, info.name, patched, { dryRun, manager, subresource: info.subresource });
            return respondObject(exchange, 200, store, result.object, query);
          } catch (error) {
            // A patch that does not name a resourceVersion is recomputed on the newer object.
            if (pinned || !isConflict(error) || attempt >= patchConflictRetries) throw error;
          }
        }
      }
      case "delete":
        return serveDelete(exchange, store, info, query);
      case "deletecollection": {
        const options = readDeleteOptions(deleteOptionsJson(exchange, await readBody(exchange.request)), query);
        intParam(query, "limit");
        intParam(query, "timeoutSeconds");
        const resourceVersion = query.get("resourceVersion");
        if (resourceVersion) parseResourceVersion(resourceVersion);
        const page = await store.list(info.namespace, filter ? { filter } : {});
        for (const object of page.items) {
          if (store.info.resource === "namespaces" && protectedNamespaces.has(object.metadata?.name ?? "")) continue;
          await store.delete(object.metadata?.namespace ?? info.namespace, object.metadata?.name ?? "", options);
        }
        return respondList(exchange, store, page.items, { resourceVersion: page.resourceVersion }, query);
      }
    }
  }

  return (request, response) => {
    const started = performance.now();
    const target = parseTarget(request.url ?? "/");
    const query = target.query;
    const path = target.path;
    const info = parseRequestInfo(request.method ?? "GET", path, query);
    const pretty = query.get("pretty") === "true" || query.get("pretty") === "1";
    const exchange = new Exchange(request, response, config.codecs, pretty);
    const handled = target.error
      ? Promise.reject(target.error)
      : info.isResourceRequest
        ? serveResource(exchange, info, query)
        : !readMethods.has(request.method ?? "GET") && isResourcePath(path)
          ? Promise.reject(StatusError.of("MethodNotAllowed", `the server does not allow the method ${request.method ?? ""} on the requested resource`))
          : serveNonResource(request, response, path, { resources, version: config.version, metrics: config.metrics });
    const finish = () => {
      const code = response.statusCode;
      config.metrics?.observeRequest(info, code, (performance.now() - started) / 1000);
      config.onRequest?.({ info, code, durationMs: performance.now() - started, method: request.method ?? "", path });
    };
    handled.then(finish, (error: unknown) => {
      try {
        exchange.respondError(error);
      } catch {
        // The response cannot carry a Status any more (its headers went out): end the stream.
        response.destroy();
      }
      finish();
    });
  };
}
