/**
 * @packageDocumentation
 * OpenAPI v2 and v3 documents of the served resources, generated from the built-in schema
 * tables: definitions named as kube-apiserver names them, paths whose operations carry
 * `x-kubernetes-group-version-kind` and declare `fieldValidation`, and the protobuf form of
 * v2 that kubectl 1.27 and 1.28 request.
 */
export type { CachedDocument, OpenApiDocuments } from "./cache.js";
export { openApiDocuments } from "./cache.js";
export { definitionName } from "./definition-name.js";
export { openApiV2Document, openApiV3Document, openApiV3Keys } from "./documents.js";
export { resourcePaths, type PathResource } from "./paths.js";
export { OPENAPI_V2_PROTOBUF_TYPE, encodeOpenApiV2, openApiV2DocumentType, openApiV2Message } from "./proto-v2.js";
export { DefinitionBuilder, refPrefix, type GvkExtension, type JsonObject, type OpenApiDialect } from "./schemas.js";
export { serveOpenApi } from "./serve.js";
