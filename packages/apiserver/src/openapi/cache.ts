import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { ResourceInfo } from "../registry/resource.js";
import { openApiV2Document, openApiV3Document, openApiV3Keys } from "./documents.js";
import { encodeOpenApiV2 } from "./proto-v2.js";

/** One encoded document with the hash that identifies its bytes. */
export class CachedDocument {
  readonly body: Buffer;
  /** The uppercase hex SHA-512 of `body`, as kube-apiserver hashes OpenAPI documents. */
  readonly hash: string;
  #gzipped: Buffer | undefined;

  constructor(body: Buffer) {
    this.body = body;
    this.hash = createHash("sha512").update(body).digest("hex").toUpperCase();
  }

  /** The quoted entity tag of the document. */
  get etag(): string {
    return `"${this.hash}"`;
  }

  /** Returns the gzip encoding of `body`, compressing it on first use. */
  gzipped(): Buffer {
    this.#gzipped ??= gzipSync(this.body);
    return this.#gzipped;
  }
}

/**
 * The OpenAPI documents of one set of served resources. Each document is built on its first
 * request and kept, so the bytes, hashes and ETags stay the same for the life of the server.
 */
export class OpenApiDocuments {
  readonly #resources: readonly ResourceInfo[];
  #v2Json: CachedDocument | undefined;
  #v2Protobuf: CachedDocument | undefined;
  #v3Index: CachedDocument | undefined;
  readonly #v3Documents = new Map<string, CachedDocument | undefined>();

  constructor(resources: readonly ResourceInfo[]) {
    this.#resources = resources;
  }

  /** Returns `/openapi/v2` in JSON. */
  v2Json(): CachedDocument {
    this.#v2Json ??= new CachedDocument(Buffer.from(JSON.stringify(openApiV2Document(this.#resources))));
    return this.#v2Json;
  }

  /** Returns `/openapi/v2` as a protobuf `openapi.v2.Document`. */
  v2Protobuf(): CachedDocument {
    this.#v2Protobuf ??= new CachedDocument(Buffer.from(encodeOpenApiV2(openApiV2Document(this.#resources))));
    return this.#v2Protobuf;
  }

  /** Returns the v3 document of a key such as `api/v1` or `apis/apps/v1`, or undefined when none is served there. */
  v3Document(key: string): CachedDocument | undefined {
    if (this.#v3Documents.has(key)) return this.#v3Documents.get(key);
    const document = this.#buildV3Document(key);
    // Only served keys are kept, so that requests for arbitrary paths cannot grow the map.
    if (document) this.#v3Documents.set(key, document);
    return document;
  }

  /** Returns `/openapi/v3`: each group version with the URL of its document, which carries the document's hash. */
  v3Index(): CachedDocument {
    if (this.#v3Index) return this.#v3Index;
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const key of openApiV3Keys(this.#resources)) {
      const document = this.v3Document(key);
      if (document) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${document.hash}` };
    }
    this.#v3Index = new CachedDocument(Buffer.from(JSON.stringify({ paths })));
    return this.#v3Index;
  }

  #buildV3Document(key: string): CachedDocument | undefined {
    const parts = key.split("/");
    let document: Record<string, unknown> | undefined;
    if (parts.length === 2 && parts[0] === "api") document = openApiV3Document(this.#resources, "", parts[1] ?? "");
    if (parts.length === 3 && parts[0] === "apis") document = openApiV3Document(this.#resources, parts[1] ?? "", parts[2] ?? "");
    return document ? new CachedDocument(Buffer.from(JSON.stringify(document))) : undefined;
  }
}

const documentsByResources = new WeakMap<readonly ResourceInfo[], OpenApiDocuments>();

/**
 * Returns the documents of a resource list, creating them on first use. One server passes the
 * same list on every request, so its documents are built once.
 */
export function openApiDocuments(resources: readonly ResourceInfo[]): OpenApiDocuments {
  let documents = documentsByResources.get(resources);
  if (!documents) {
    documents = new OpenApiDocuments(resources);
    documentsByResources.set(resources, documents);
  }
  return documents;
}
