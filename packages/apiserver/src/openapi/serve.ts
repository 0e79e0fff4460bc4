import type { ServerResponse } from "node:http";
import { StatusError } from "@apimachinery/meta";
import { send, type ApiRequest, type ApiResponse } from "../endpoints/http-util.js";
import type { ResourceInfo } from "../registry/resource.js";
import { openApiDocuments, type CachedDocument } from "./cache.js";
import { OPENAPI_V2_PROTOBUF_TYPE } from "./proto-v2.js";

const jsonType = "application/json";
/** The spelling of the protobuf type that clients before Kubernetes 1.14 sent. */
const legacyProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/** Returns the media types of an Accept header without their parameters; `*\/*` when the header is absent. */
function acceptedTypes(accept: string | undefined): string[] {
  if (!accept || accept.trim() === "") return ["*/*"];
  return accept.split(",").map((entry) => (entry.split(";")[0] ?? "").trim().toLowerCase());
}

const acceptsJson = (types: readonly string[]) => types.some((type) => type === jsonType || type === "application/*" || type === "*/*");

const acceptsGzip = (request: ApiRequest) =>
  String(request.headers["accept-encoding"] ?? "")
    .split(",")
    .some((entry) => (entry.split(";")[0] ?? "").trim().toLowerCase() === "gzip");

/** Returns true when an If-None-Match header names the document's ETag. */
function notModified(request: ApiRequest, document: CachedDocument): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  return header === "*" || header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === document.etag);
}

/** Writes a cached document: 304 when the client has it, gzip when the client accepts it. */
function sendDocument(request: ApiRequest, response: ApiResponse, document: CachedDocument, contentType: string, cacheControl: string): void {
  const headers: Record<string, string> = { etag: document.etag, "cache-control": cacheControl, vary: "Accept, Accept-Encoding" };
  if (notModified(request, document)) {
    (response as ServerResponse).writeHead(304, headers);
    response.end();
    return;
  }
  if (acceptsGzip(request)) {
    send(response, 200, contentType, document.gzipped(), { ...headers, "content-encoding": "gzip" });
    return;
  }
  send(response, 200, contentType, document.body, headers);
}

function serveV2(request: ApiRequest, response: ApiResponse, resources: readonly ResourceInfo[]): void {
  const types = acceptedTypes(request.headers.accept);
  const documents = openApiDocuments(resources);
  if (types.includes(OPENAPI_V2_PROTOBUF_TYPE) || types.includes(legacyProtobufType)) {
    // kube-apiserver responds with application/octet-stream. The requested type contains an `@`,
    // which Go's mime.ParseMediaType rejects, so client-go fails on a response that names it.
    sendDocument(request, response, documents.v2Protobuf(), "application/octet-stream", "no-cache, private");
    return;
  }
  if (!acceptsJson(types)) throw StatusError.notAcceptable([jsonType, OPENAPI_V2_PROTOBUF_TYPE]);
  sendDocument(request, response, documents.v2Json(), jsonType, "no-cache, private");
}

function serveV3(request: ApiRequest, response: ApiResponse, key: string, resources: readonly ResourceInfo[]): boolean {
  const documents = openApiDocuments(resources);
  const document = key === "" ? documents.v3Index() : documents.v3Document(key);
  if (!document) return false;
  if (!acceptsJson(acceptedTypes(request.headers.accept))) throw StatusError.notAcceptable([jsonType]);
  const requestedHash = new URL(request.url ?? "/", "http://localhost").searchParams.get("hash");
  // A URL that names the current hash never changes, so clients may keep it for good.
  const cacheControl = key !== "" && requestedHash === document.hash ? "public, immutable" : "no-cache, private";
  sendDocument(request, response, document, jsonType, cacheControl);
  return true;
}

/**
 * Serves `/openapi/v2` (JSON or protobuf, as the Accept header requests), the `/openapi/v3` index
 * and the v3 document of each group version. Returns false for a path under `/openapi` that
 * names no document, so that the caller responds with NotFound. Fails with NotAcceptable when the
 * Accept header allows none of the document's media types.
 */
export function serveOpenApi(request: ApiRequest, response: ApiResponse, path: string, resources: readonly ResourceInfo[]): boolean {
  if (path === "/openapi/v2") {
    serveV2(request, response, resources);
    return true;
  }
  if (path === "/openapi/v3") return serveV3(request, response, "", resources);
  if (path.startsWith("/openapi/v3/")) return serveV3(request, response, path.slice("/openapi/v3/".length), resources);
  return false;
}
