import { readFileSync } from "node:fs";
import { request, type RequestOptions } from "node:https";
import path from "node:path";

/** The admin credentials and address of a control plane, read from its data directory. */
export interface AdminClient {
  /** The `https://host:port` URL of the server. */
  readonly url: string;
  readonly ca: string;
  /** The client certificate in PEM, or undefined to send none. */
  readonly cert: string | undefined;
  readonly key: string | undefined;
}

/** A complete response: status, headers and the body as bytes. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Uint8Array;
}

/** A request to send with the admin client certificate. */
export interface RawRequest {
  readonly method?: string;
  /** The path and query, such as `/api/v1/namespaces/default/configmaps?limit=1`. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
}

/** A streaming response, such as a watch, that the caller reads until it stops it. */
export interface RawStream {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Registers a listener for each chunk of the body. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Closes the connection. */
  close(): void;
}

/** Reads the CA, the admin certificate and key from `<dataDir>/pki`, as the server writes them on first start. */
export function adminClient(url: string, dataDir: string): AdminClient {
  const pki = path.join(dataDir, "pki");
  return {
    url,
    ca: readFileSync(path.join(pki, "ca.crt"), "utf8"),
    cert: readFileSync(path.join(pki, "admin.crt"), "utf8"),
    key: readFileSync(path.join(pki, "admin.key"), "utf8"),
  };
}

function requestOptions(client: AdminClient, raw: RawRequest): RequestOptions {
  const url = new URL(raw.path, client.url);
  const headers: Record<string, string> = { ...raw.headers };
  if (raw.body !== undefined) headers["Content-Length"] = String(raw.body.length);
  return {
    method: raw.method ?? "GET",
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers,
    ca: client.ca,
    ...(client.cert === undefined ? {} : { cert: client.cert }),
    ...(client.key === undefined ? {} : { key: client.key }),
    timeout: 20_000,
  };
}

/** Sends one request and buffers the whole response. Fails after 20 seconds without progress. */
export function sendRaw(client: AdminClient, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(requestOptions(client, raw), (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`request ${raw.path} timed out`)));
    req.on("error", reject);
    req.end(raw.body === undefined ? undefined : Buffer.from(raw.body));
  });
}

/** Opens a request whose response body streams, such as a watch, and resolves once the headers arrive. */
export function openRawStream(client: AdminClient, raw: RawRequest): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const req = request(requestOptions(client, raw), (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        onData: (listener) => res.on("data", (chunk: Buffer) => listener(new Uint8Array(chunk))),
        close: () => req.destroy(),
      });
    });
    // An error after the headers, such as the one that close() causes, settles nothing.
    req.on("error", reject);
    req.end(raw.body === undefined ? undefined : Buffer.from(raw.body));
  });
}
