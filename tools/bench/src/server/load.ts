import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import autocannon from "autocannon";
import { withTimeout } from "../harness.js";
import type { ChildServer } from "./spawn.js";

/** Connections autocannon keeps open, each with one request in flight. */
export const LOAD_CONNECTIONS = 10;

/** The figures of one autocannon run. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses outside 2xx, connection errors and timeouts. */
  readonly failures: number;
  /** The statuses outside 2xx and their counts, such as `409: 12`. */
  readonly failedStatuses: string;
  readonly total: number;
}

/** One kind of request for autocannon. */
export interface LoadRequest {
  readonly method: "GET" | "POST" | "PUT";
  readonly path: string;
  /** Builds the JSON body of each request, so that each create can carry its own name. */
  readonly body?: () => string;
  /** The media type of the response, sent as Accept. Default application/json. */
  readonly accept?: string;
}

/** Drives `request` at `server` from LOAD_CONNECTIONS connections for `seconds`. */
export async function runLoad(server: ChildServer, request: LoadRequest, seconds: number): Promise<LoadResult> {
  const result = await withTimeout(
    autocannon({
      url: server.url + request.path,
      method: request.method,
      connections: LOAD_CONNECTIONS,
      pipelining: 1,
      duration: seconds,
      headers: { accept: request.accept ?? "application/json", ...(request.body ? { "content-type": "application/json" } : {}) },
      // NOTE: autocannon 8's idReplacement left creates without a response here, so each
      // body is built by setupRequest instead.
      ...(request.body ? { requests: [{ setupRequest: (sent: autocannon.Request) => ({ ...sent, body: request.body?.() }) }] } : {}),
      ...(server.tls ? { tlsOptions: { ...server.tls } } : {}),
    }),
    (seconds + 30) * 1000,
    `autocannon ${request.method} ${request.path}`,
  );
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    failedStatuses: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, stats]) => `${code}: ${stats.count}`)
      .join(", "),
    total: result.requests.total,
  };
}

/** A response read whole. */
export interface Response {
  readonly status: number;
  readonly body: string;
}

/** A keep-alive client of one child server, for setup requests and watch streams. */
export class Client {
  readonly agent: HttpAgent;

  constructor(readonly server: ChildServer) {
    const options = { keepAlive: true, maxSockets: Infinity };
    this.agent = server.tls ? new HttpsAgent({ ...options, ...server.tls }) : new HttpAgent(options);
  }

  /** Opens a request and resolves with the response head; the caller reads the body. */
  open(method: string, path: string, body?: string, accept = "application/json"): Promise<IncomingMessage> {
    const url = new URL(path, this.server.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method, agent: this.agent, headers: { accept, ...(body ? { "content-type": "application/json" } : {}) } }, resolve);
      request.on("error", reject);
      request.end(body);
    });
  }

  /** Sends a request and reads the whole response, failing after 60 s. */
  async send(method: string, path: string, body?: string): Promise<Response> {
    const exchange = (async () => {
      const response = await this.open(method, path, body);
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      return { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") };
    })();
    return withTimeout(exchange, 60_000, `${method} ${path}`);
  }

  /** Like `send`, but fails unless the status is 2xx or one of `alsoAccepted`. */
  async expect(method: string, path: string, body?: string, alsoAccepted: readonly number[] = []): Promise<Response> {
    const response = await this.send(method, path, body);
    if ((response.status < 200 || response.status > 299) && !alsoAccepted.includes(response.status)) throw new Error(`${method} ${path} failed with HTTP ${response.status}: ${response.body.slice(0, 300)}`);
    return response;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `task` for each index below `count`, `concurrency` at a time. */
export async function forEachConcurrently(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
