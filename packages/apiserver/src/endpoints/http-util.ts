import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { StatusError, isStatusError, type Status } from "@apimachinery/meta";

/** A request from node:http or the HTTP/2 compatibility API. */
export type ApiRequest = IncomingMessage | Http2ServerRequest;
/** A response of node:http or the HTTP/2 compatibility API. */
export type ApiResponse = ServerResponse | Http2ServerResponse;

/** Request bodies larger than this are rejected with 413 before they are buffered, as kube-apiserver does (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole request body, rejecting one over `limit` bytes with RequestEntityTooLarge. */
export async function readBody(request: ApiRequest, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) {
    throw StatusError.requestEntityTooLarge(`limit is ${limit} bytes, the request declares ${declared}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw StatusError.requestEntityTooLarge(`limit is ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Returns the Status body of an error; errors that are not StatusErrors become InternalError. */
export function statusOf(error: unknown): Status & { code: number } {
  const statusError = isStatusError(error) ? error : StatusError.internal(error);
  return statusError.status;
}

/** Writes `body` with a status code and content type, unless the response has started. */
export function send(
  response: ApiResponse,
  code: number,
  contentType: string,
  body: Uint8Array | string,
  headers: Record<string, string | string[]> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  (response as ServerResponse).writeHead(code, { "content-type": contentType, "content-length": String(bytes.length), ...headers });
  response.end(bytes);
}
