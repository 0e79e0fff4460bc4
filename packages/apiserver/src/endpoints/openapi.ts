import { createHash } from "node:crypto";
import { apiVersionOf, type ResourceInfo } from "../registry/resource.js";
import { groupResources } from "./discovery.js";

type Json = Record<string, unknown>;

const queryParameter = (name: string, description: string, type = "string"): Json => ({ name, in: "query", description, schema: { type }, uniqueItems: true });

const writeParameters = [
  queryParameter("dryRun", "When present, the write is processed but not persisted. The only valid value is All."),
  queryParameter("fieldManager", "The name of the actor or entity making the change."),
  queryParameter(
    "fieldValidation",
    "How the server treats unknown and duplicate fields in the request: Ignore, Warn or Strict.",
  ),
];

const listParameters = [
  queryParameter("labelSelector", "A selector that restricts the list by label."),
  queryParameter("fieldSelector", "A selector that restricts the list by field."),
  queryParameter("limit", "The maximum number of items in one page.", "integer"),
  queryParameter("continue", "The token of the next page."),
  queryParameter("resourceVersion", "The resource version to read at or after."),
  queryParameter("resourceVersionMatch", "How resourceVersion applies: Exact or NotOlderThan."),
  queryParameter("watch", "Stream changes instead of listing.", "boolean"),
  queryParameter("timeoutSeconds", "How long a list or watch may take.", "integer"),
];

/** The OpenAPI v3 component name of a kind: the Go package path style that kubectl expects (`io.k8s.api.apps.v1.Deployment`). */
export function definitionName(info: { readonly group: string; readonly version: string; readonly kind: string }): string {
  const group = info.group === "" ? "core" : info.group.replace(/\.k8s\.io$/, "");
  return `io.k8s.api.${group}.${info.version}.${info.kind}`;
}

function operation(info: ResourceInfo, action: string, parameters: Json[], responseRef: string): Json {
  return {
    operationId: `${action}${info.kind}`,
    parameters,
    responses: { "200": { description: "OK", content: { "application/json": { schema: { $ref: responseRef } } } } },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: info.group, version: info.version, kind: info.kind },
  };
}

function pathsOf(info: ResourceInfo): Record<string, Json> {
  const prefix = info.group === "" ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  const scope = info.namespaced ? `${prefix}/namespaces/{namespace}/${info.resource}` : `${prefix}/${info.resource}`;
  const ref = `#/components/schemas/${definitionName(info)}`;
  const body = { content: { "application/json": { schema: { $ref: ref } } }, required: true };
  const pathParameters = info.namespaced ? [{ name: "namespace", in: "path", required: true, schema: { type: "string" } }] : [];
  const named = [...pathParameters, { name: "name", in: "path", required: true, schema: { type: "string" } }];
  const paths: Record<string, Json> = {
    [scope]: {
      parameters: pathParameters,
      get: operation(info, "list", listParameters, ref),
      post: { ...operation(info, "post", writeParameters, ref), requestBody: body },
      delete: operation(info, "deletecollection", [...listParameters, ...writeParameters.slice(0, 1)], ref),
    },
    [`${scope}/{name}`]: {
      parameters: named,
      get: operation(info, "get", [], ref),
      put: { ...operation(info, "put", writeParameters, ref), requestBody: body },
      patch: { ...operation(info, "patch", [...writeParameters, queryParameter("force", "Take over conflicting fields in an apply.", "boolean")], ref), requestBody: { content: { "application/merge-patch+json": { schema: { type: "object" } } } } },
      delete: operation(info, "delete", [queryParameter("gracePeriodSeconds", "Seconds before the object is deleted.", "integer"), queryParameter("propagationPolicy", "Orphan, Background or Foreground."), ...writeParameters.slice(0, 1)], ref),
    },
  };
  for (const subresource of info.subresources) {
    paths[`${scope}/{name}/${subresource}`] = {
      parameters: named,
      get: operation(info, "get", [], ref),
      put: { ...operation(info, "put", writeParameters, ref), requestBody: body },
      patch: operation(info, "patch", writeParameters, ref),
    };
  }
  return paths;
}

/**
 * The OpenAPI v3 document of one group version: its paths with the
 * `x-kubernetes-group-version-kind` of each operation and the `fieldValidation` and
 * `dryRun` parameters, which tell kubectl to validate on the server.
 */
export function openApiV3Document(resources: readonly ResourceInfo[], group: string, version: string): Json | undefined {
  const served = groupResources(resources).get(group)?.get(version);
  if (!served) return undefined;
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};
  for (const info of served) {
    Object.assign(paths, pathsOf(info));
    // NOTE: component schemas carry only the GroupVersionKind; field schemas are not generated yet,
    // so `kubectl explain` shows no fields.
    schemas[definitionName(info)] = {
      type: "object",
      "x-kubernetes-group-version-kind": [{ group: info.group, version: info.version, kind: info.kind }],
    };
  }
  return { openapi: "3.0.0", info: { title: "Kubernetes", version: "v1.35.0" }, paths, components: { schemas } };
}

/** The `/openapi/v3` index: one entry per group version with a hash that changes with its document. */
export function openApiV3Index(resources: readonly ResourceInfo[]): Json {
  const paths: Record<string, Json> = {};
  for (const [group, versions] of groupResources(resources)) {
    for (const version of versions.keys()) {
      const key = group === "" ? `api/${version}` : `apis/${group}/${version}`;
      const document = JSON.stringify(openApiV3Document(resources, group, version));
      const hash = createHash("sha512").update(document).digest("hex").toUpperCase().slice(0, 128);
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
  }
  return { paths };
}

/** The OpenAPI v2 document of every served resource, in JSON. */
export function openApiV2Document(resources: readonly ResourceInfo[]): Json {
  const definitions: Record<string, Json> = {};
  for (const info of resources) {
    definitions[definitionName(info)] = { type: "object", "x-kubernetes-group-version-kind": [{ group: info.group, version: info.version, kind: info.kind }] };
  }
  return { swagger: "2.0", info: { title: "Kubernetes", version: "v1.35.0" }, paths: {}, definitions, "x-apiVersions": resources.map(apiVersionOf) };
}
