import { refPrefix, type GvkExtension, type JsonObject, type OpenApiDialect } from "./schemas.js";

/** The fields of a served resource that its paths and operations use. */
export interface PathResource extends GvkExtension {
  /** The plural resource name in paths (`deployments`). */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly subresources: readonly string[];
  /** The definition names of the kind and of its list kind. */
  readonly definition: string;
  readonly listDefinition: string;
}

const metaV1 = "io.k8s.apimachinery.pkg.apis.meta.v1";
/** Definitions that the operations refer to besides the kinds. */
export const operationDefinitions = {
  deleteOptions: `${metaV1}.DeleteOptions`,
  patch: `${metaV1}.Patch`,
  status: `${metaV1}.Status`,
  watchEvent: `${metaV1}.WatchEvent`,
} as const;

const responseTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
const patchTypes = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];

interface ParameterSpec {
  readonly name: string;
  readonly type: "string" | "integer" | "boolean";
  readonly description: string;
}

const parameter = (name: string, type: ParameterSpec["type"], description: string): ParameterSpec => ({ name, type, description });

const dryRun = parameter("dryRun", "string", "When present, the request is processed without persisting it. The only valid value is All.");
const fieldManager = parameter("fieldManager", "string", "Name of the actor that makes the change.");
const fieldValidation = parameter(
  "fieldValidation",
  "string",
  "How the server treats unknown and duplicate fields of the request body: Ignore, Warn or Strict.",
);
const writeParameters = [dryRun, fieldManager, fieldValidation];
const listParameters = [
  parameter("allowWatchBookmarks", "boolean", "Request BOOKMARK events in a watch."),
  parameter("continue", "string", "Token of the next page of a list."),
  parameter("fieldSelector", "string", "Restricts the list by fields."),
  parameter("labelSelector", "string", "Restricts the list by labels."),
  parameter("limit", "integer", "Maximum number of items in one page."),
  parameter("resourceVersion", "string", "Resource version that the list is read at."),
  parameter("resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan."),
  parameter("sendInitialEvents", "boolean", "Start a watch with the current objects."),
  parameter("timeoutSeconds", "integer", "Timeout of the list or watch call."),
  parameter("watch", "boolean", "Stream changes instead of listing."),
];
const deleteParameters = [
  dryRun,
  parameter("gracePeriodSeconds", "integer", "Seconds before the object is deleted."),
  parameter("propagationPolicy", "string", "Orphan, Background or Foreground."),
];
const patchParameters = [...writeParameters, parameter("force", "boolean", "Take over conflicting fields in an apply patch.")];

/** Writes a query parameter in the dialect's form. */
function queryParameter(spec: ParameterSpec, dialect: OpenApiDialect): JsonObject {
  const base = { name: spec.name, in: "query", description: spec.description, uniqueItems: true };
  return dialect === "v2" ? { ...base, type: spec.type } : { ...base, schema: { type: spec.type } };
}

function pathParameter(name: string, dialect: OpenApiDialect): JsonObject {
  const base = { name, in: "path", required: true, uniqueItems: true };
  return dialect === "v2" ? { ...base, type: "string" } : { ...base, schema: { type: "string" } };
}

/** The `parameters` entry of a path item; omitted when the path has none. */
const pathParameters = (parameters: JsonObject[]): JsonObject => (parameters.length > 0 ? { parameters } : {});

/** The operationId segment of a group version, as kube-apiserver writes it (`AppsV1`, `CoordinationV1`, `CoreV1`). */
function groupVersionId(group: string, version: string): string {
  const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const groupWords = group === "" ? ["core"] : group.replace(/\.k8s\.io$/, "").split(/[.-]/);
  return [...groupWords, version].map(capitalize).join("");
}

interface OperationSpec {
  readonly action: string;
  readonly operationId: string;
  readonly parameters: readonly ParameterSpec[];
  /** Definition names by response code. */
  readonly responses: Readonly<Record<string, string>>;
  /** The definition of the request body, if the operation takes one. */
  readonly body?: string;
  readonly patch?: boolean;
}

/** Builds the operations of the resources of one document in one dialect. */
class OperationWriter {
  readonly dialect: OpenApiDialect;
  readonly gvk: GvkExtension;

  constructor(dialect: OpenApiDialect, gvk: GvkExtension) {
    this.dialect = dialect;
    this.gvk = gvk;
  }

  write(spec: OperationSpec): JsonObject {
    const parameters = spec.parameters.map((entry) => queryParameter(entry, this.dialect));
    const operation: JsonObject = { operationId: spec.operationId };
    if (this.dialect === "v2") {
      operation["consumes"] = spec.patch ? patchTypes : ["*/*"];
      operation["produces"] = responseTypes;
      operation["schemes"] = ["https"];
      if (spec.body) parameters.unshift({ name: "body", in: "body", required: true, schema: this.#ref(spec.body) });
    } else if (spec.body) {
      const types = spec.patch ? patchTypes : ["*/*"];
      operation["requestBody"] = { content: Object.fromEntries(types.map((type) => [type, { schema: this.#ref(spec.body ?? "") }])), required: true };
    }
    operation["parameters"] = parameters;
    operation["responses"] = this.#responses(spec.responses);
    operation["x-kubernetes-action"] = spec.action;
    operation["x-kubernetes-group-version-kind"] = { group: this.gvk.group, kind: this.gvk.kind, version: this.gvk.version };
    return operation;
  }

  #ref(definition: string): JsonObject {
    return { $ref: `${refPrefix(this.dialect)}${definition}` };
  }

  #responses(responses: Readonly<Record<string, string>>): JsonObject {
    const written: JsonObject = {};
    for (const [code, definition] of Object.entries(responses)) {
      const description = code === "201" ? "Created" : code === "202" ? "Accepted" : "OK";
      written[code] =
        this.dialect === "v2"
          ? { description, schema: this.#ref(definition) }
          : { description, content: Object.fromEntries(responseTypes.map((type) => [type, { schema: this.#ref(definition) }])) };
    }
    written["401"] = { description: "Unauthorized" };
    return written;
  }
}

/**
 * Returns the paths of one resource in the dialect's form: the collection, the object, the
 * list across namespaces of a namespaced resource, and each subresource. Every operation
 * carries `x-kubernetes-action` and `x-kubernetes-group-version-kind`. Every write declares
 * `dryRun`, `fieldManager` and `fieldValidation`, because kubectl looks for `fieldValidation`
 * on the PATCH operation of a kind to decide that the server validates fields.
 */
export function resourcePaths(resource: PathResource, dialect: OpenApiDialect): Record<string, JsonObject> {
  const writer = new OperationWriter(dialect, resource);
  const prefix = resource.group === "" ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const scope = resource.namespaced ? "Namespaced" : "";
  const idSuffix = `${groupVersionId(resource.group, resource.version)}${scope}${resource.kind}`;
  const collection = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.resource}` : `${prefix}/${resource.resource}`;
  const namespaceParameters = resource.namespaced ? [pathParameter("namespace", dialect)] : [];
  const objectParameters = [pathParameter("name", dialect), ...namespaceParameters];
  const { definition, listDefinition } = resource;

  const paths: Record<string, JsonObject> = {
    [collection]: {
      get: writer.write({ action: "list", operationId: `list${idSuffix}`, parameters: listParameters, responses: { "200": listDefinition } }),
      post: writer.write({
        action: "post",
        operationId: `create${idSuffix}`,
        parameters: writeParameters,
        body: definition,
        responses: { "200": definition, "201": definition, "202": definition },
      }),
      delete: writer.write({
        action: "deletecollection",
        operationId: `delete${groupVersionId(resource.group, resource.version)}Collection${scope}${resource.kind}`,
        parameters: [...deleteParameters, ...listParameters],
        body: operationDefinitions.deleteOptions,
        responses: { "200": operationDefinitions.status },
      }),
      ...pathParameters(namespaceParameters),
    },
    [`${collection}/{name}`]: {
      get: writer.write({ action: "get", operationId: `read${idSuffix}`, parameters: [], responses: { "200": definition } }),
      put: writer.write({ action: "put", operationId: `replace${idSuffix}`, parameters: writeParameters, body: definition, responses: { "200": definition, "201": definition } }),
      delete: writer.write({
        action: "delete",
        operationId: `delete${idSuffix}`,
        parameters: deleteParameters,
        body: operationDefinitions.deleteOptions,
        responses: { "200": operationDefinitions.status, "202": operationDefinitions.status },
      }),
      patch: writer.write({
        action: "patch",
        operationId: `patch${idSuffix}`,
        parameters: patchParameters,
        body: operationDefinitions.patch,
        patch: true,
        responses: { "200": definition, "201": definition },
      }),
      ...pathParameters(objectParameters),
    },
  };
  if (resource.namespaced) {
    paths[`${prefix}/${resource.resource}`] = {
      get: writer.write({
        action: "list",
        operationId: `list${groupVersionId(resource.group, resource.version)}${resource.kind}ForAllNamespaces`,
        parameters: listParameters,
        responses: { "200": listDefinition },
      }),
    };
  }
  for (const subresource of resource.subresources) {
    const suffix = `${idSuffix}${subresource.charAt(0).toUpperCase()}${subresource.slice(1)}`;
    paths[`${collection}/{name}/${subresource}`] = {
      get: writer.write({ action: "get", operationId: `read${suffix}`, parameters: [], responses: { "200": definition } }),
      put: writer.write({ action: "put", operationId: `replace${suffix}`, parameters: writeParameters, body: definition, responses: { "200": definition, "201": definition } }),
      patch: writer.write({
        action: "patch",
        operationId: `patch${suffix}`,
        parameters: patchParameters,
        body: operationDefinitions.patch,
        patch: true,
        responses: { "200": definition, "201": definition },
      }),
      ...pathParameters(objectParameters),
    };
  }
  return paths;
}
