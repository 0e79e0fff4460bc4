import type { IncomingMessage } from "node:http";
import { withTimeout } from "../harness.js";
import { forEachConcurrently, type Client } from "./load.js";

/** The framing of a watch stream: JSON events end with a newline; protobuf frames start with a 4-byte big-endian length. */
export type Framing = "newline" | "length-prefixed";

/** Returns a function that counts the frames that end in each chunk of a stream. */
function frameCounter(framing: Framing): (chunk: Buffer) => number {
  if (framing === "newline") {
    return (chunk) => {
      let count = 0;
      for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) count++;
      return count;
    };
  }
  let header = Buffer.alloc(0);
  let remaining = 0;
  return (chunk) => {
    let count = 0;
    let offset = 0;
    while (offset < chunk.length) {
      if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - offset);
        remaining -= take;
        offset += take;
        if (remaining === 0) count++;
        continue;
      }
      const need = 4 - header.length;
      header = Buffer.concat([header, chunk.subarray(offset, offset + need)]);
      offset += Math.min(need, chunk.length - offset);
      if (header.length === 4) {
        remaining = header.readUInt32BE(0);
        header = Buffer.alloc(0);
        if (remaining === 0) count++;
      }
    }
    return count;
  };
}

/** One open watch stream and the frames it has received. */
export interface OpenWatcher {
  readonly response: IncomingMessage;
  /** Resolves once the stream has delivered `expected` frames. */
  readonly done: Promise<void>;
  /** The bytes of the first frame, for streams with newline framing. */
  firstFrame(): Buffer | undefined;
}

/** Opens one watch stream and counts its frames until `expected` have arrived. */
async function openWatcher(client: Client, path: string, accept: string, framing: Framing, expected: number): Promise<OpenWatcher> {
  const response = await client.open("GET", path, undefined, accept);
  if (response.statusCode !== 200) throw new Error(`GET ${path} failed with HTTP ${response.statusCode ?? 0}`);
  const count = frameCounter(framing);
  let received = 0;
  let first: Buffer | undefined;
  let firstChunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    response.on("data", (chunk: Buffer) => {
      if (first === undefined && framing === "newline") {
        firstChunks.push(chunk);
        const end = chunk.indexOf(10);
        if (end !== -1) {
          const joined = Buffer.concat(firstChunks);
          first = joined.subarray(0, joined.length - chunk.length + end + 1);
          firstChunks = [];
        }
      }
      received += count(chunk);
      if (received >= expected) resolve();
    });
    response.on("end", () => (received >= expected ? resolve() : reject(new Error(`the watch ${path} ended after ${received} of ${expected} events`))));
    response.on("error", reject);
  });
  return { response, done, firstFrame: () => first };
}

/** The figures of one fan-out run. */
export interface FanOutResult {
  /** Milliseconds from the first write until every watcher had every event. */
  readonly milliseconds: number;
  readonly eventsPerSecond: number;
  /** The first frame a newline-framed watcher received. */
  readonly firstFrame: Buffer | undefined;
}

/** The watch streams to open and the writes that each produce one event on every stream. */
export interface FanOutPlan {
  readonly client: Client;
  readonly watchers: readonly { readonly path: string; readonly accept: string; readonly framing: Framing }[];
  readonly events: number;
  /** Sends the write that produces event `index`; the run waits for each before the next. */
  readonly write: (index: number) => Promise<unknown>;
  readonly timeoutMs: number;
}

/**
 * Opens every watch stream (16 at a time, so TLS handshakes do not time out), then sends
 * the writes one after another and measures until every stream has received every event.
 */
export async function runFanOut(plan: FanOutPlan): Promise<FanOutResult> {
  const open: OpenWatcher[] = [];
  await forEachConcurrently(plan.watchers.length, 16, async (index) => {
    const watcher = plan.watchers[index];
    if (watcher) open.push(await openWatcher(plan.client, watcher.path, watcher.accept, watcher.framing, plan.events));
  });
  try {
    const started = performance.now();
    const delivered = Promise.all(open.map((watcher) => watcher.done));
    for (let index = 0; index < plan.events; index++) await plan.write(index);
    await withTimeout(delivered, plan.timeoutMs, `delivering ${plan.events} events to ${open.length} watchers`);
    const milliseconds = performance.now() - started;
    const firstFrame = open.map((watcher) => watcher.firstFrame()).find((frame) => frame !== undefined);
    return { milliseconds, eventsPerSecond: (open.length * plan.events * 1000) / milliseconds, firstFrame };
  } finally {
    for (const watcher of open) watcher.response.destroy();
  }
}
