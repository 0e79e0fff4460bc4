import { allKindSchemas, allMessageSchemas } from "@apimachinery/api";
import { SchemaRegistry, type KindSchema } from "@apimachinery/runtime";
import type { ResourceInfo } from "../registry/resource.js";
import { operationDefinitions, resourcePaths, type PathResource } from "./paths.js";
import { DefinitionBuilder, compareStrings, type GvkExtension, type JsonObject, type OpenApiDialect } from "./schemas.js";

/** The `info` block of every document: the Kubernetes version the server emulates. */
const documentInfo = { title: "Kubernetes", version: "v1.35.0" };

const metaMessages: Readonly<Record<keyof typeof operationDefinitions, string>> = {
  deleteOptions: "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  patch: "k8s.io.apimachinery.pkg.apis.meta.v1.Patch",
  status: "k8s.io.apimachinery.pkg.apis.meta.v1.Status",
  watchEvent: "k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent",
};

/** The built-in message schemas and the kinds each message encodes, built once per process. */
interface BuiltinTables {
  readonly resolver: SchemaRegistry;
  readonly kindsOfMessage: ReadonlyMap<string, readonly GvkExtension[]>;
  readonly kindSchemas: ReadonlyMap<string, KindSchema>;
}

let builtinTables: BuiltinTables | undefined;

function tables(): BuiltinTables {
  if (builtinTables) return builtinTables;
  const kindsOfMessage = new Map<string, GvkExtension[]>();
  const kindSchemas = new Map<string, KindSchema>();
  for (const schema of allKindSchemas) {
    const kinds = kindsOfMessage.get(schema.message) ?? [];
    kinds.push({ group: schema.group, version: schema.version, kind: schema.kind });
    kindsOfMessage.set(schema.message, kinds);
    kindSchemas.set(gvkKey(schema), schema);
  }
  builtinTables = { resolver: new SchemaRegistry().add(allMessageSchemas), kindsOfMessage, kindSchemas };
  return builtinTables;
}

const gvkKey = (gvk: GvkExtension) => `${gvk.group}/${gvk.version}/${gvk.kind}`;

/**
 * Adds the definition of a served kind, or of its list kind, and returns its name. A kind
 * without a built-in schema gets an object definition that keeps unknown fields, named as
 * kube-apiserver names custom resources: the group reversed (`com.example.v1.Widget`).
 */
function addKind(builder: DefinitionBuilder, definitions: Record<string, JsonObject>, gvk: GvkExtension): string {
  const schema = tables().kindSchemas.get(gvkKey(gvk));
  if (schema) return builder.add(schema.message);
  const group = gvk.group === "" ? "core" : gvk.group.split(".").reverse().join(".");
  const name = `${group}.${gvk.version}.${gvk.kind}`;
  definitions[name] = {
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
    "x-kubernetes-group-version-kind": [{ group: gvk.group, kind: gvk.kind, version: gvk.version }],
  };
  return name;
}

/** Builds the paths and definitions of a set of resources in one dialect. */
function pathsAndDefinitions(resources: readonly ResourceInfo[], dialect: OpenApiDialect): { paths: JsonObject; definitions: JsonObject } {
  const { resolver, kindsOfMessage } = tables();
  const builder = new DefinitionBuilder(resolver, dialect, kindsOfMessage);
  const extraDefinitions: Record<string, JsonObject> = {};
  for (const message of Object.values(metaMessages)) builder.add(message);
  const paths: JsonObject = {};
  for (const info of resources) {
    const definition = addKind(builder, extraDefinitions, info);
    const listDefinition = addKind(builder, extraDefinitions, { group: info.group, version: info.version, kind: info.listKind });
    const resource: PathResource = { ...pick(info), definition, listDefinition };
    Object.assign(paths, resourcePaths(resource, dialect));
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([left], [right]) => compareStrings(left, right)));
  return { paths: sortedPaths, definitions: { ...builder.definitions(), ...extraDefinitions } };
}

function pick(info: ResourceInfo): Omit<PathResource, "definition" | "listDefinition"> {
  return {
    group: info.group,
    version: info.version,
    kind: info.kind,
    resource: info.resource,
    namespaced: info.namespaced,
    subresources: info.subresources,
  };
}

/**
 * Builds the OpenAPI v3 document of one group version: the paths of its resources and, under
 * `components.schemas`, every definition that the kinds and operations refer to. Returns
 * undefined when the server serves nothing in that group version.
 */
export function openApiV3Document(resources: readonly ResourceInfo[], group: string, version: string): JsonObject | undefined {
  const served = resources.filter((info) => info.group === group && info.version === version);
  if (served.length === 0) return undefined;
  const { paths, definitions } = pathsAndDefinitions(served, "v3");
  return { openapi: "3.0.0", info: documentInfo, paths, components: { schemas: definitions } };
}

/** Returns the group versions of the served resources as `/openapi/v3` keys (`api/v1`, `apis/apps/v1`), in order. */
export function openApiV3Keys(resources: readonly ResourceInfo[]): string[] {
  const keys = new Set(resources.map((info) => (info.group === "" ? `api/${info.version}` : `apis/${info.group}/${info.version}`)));
  return [...keys].sort();
}

/** Builds the OpenAPI v2 document of every served resource. */
export function openApiV2Document(resources: readonly ResourceInfo[]): JsonObject {
  const { paths, definitions } = pathsAndDefinitions(resources, "v2");
  return { swagger: "2.0", info: documentInfo, paths, definitions };
}
