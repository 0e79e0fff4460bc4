import type { BenchRow, Suite, SuiteOptions } from "../harness.js";
import { Client } from "../server/load.js";
import { startChildServer, type ChildServer } from "../server/spawn.js";

const SUITE = "list";
const PATH = "/api/v1/namespaces/bench-list/pods";
const CONTENT_TYPES = [
  ["JSON", "application/json"],
  ["protobuf", "application/vnd.kubernetes.protobuf"],
] as const;

/** The figures of the LISTs of one source and content type. */
interface ListResult {
  readonly medianMs: number;
  readonly responseBytes: number;
  /** The highest peak of extra memory in use in the server over the measured LISTs, in bytes. */
  readonly peakExtraBytes: number;
}

/** Sends one LIST and reads the whole response, keeping only its size. */
async function listOnce(client: Client, accept: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await client.open("GET", PATH, undefined, accept);
  let bytes = 0;
  for await (const chunk of response) bytes += (chunk as Buffer).length;
  if (response.statusCode !== 200) throw new Error(`GET ${PATH} failed with HTTP ${response.statusCode ?? 0}`);
  return { ms: performance.now() - started, bytes };
}

async function measure(server: ChildServer, accept: string, rounds: number): Promise<ListResult> {
  const client = new Client(server);
  try {
    await listOnce(client, accept);
    const times: number[] = [];
    let responseBytes = 0;
    let peakExtraBytes = 0;
    for (let round = 0; round < rounds; round++) {
      const peak = await server.samplePeakMemory(async () => {
        const { ms, bytes } = await listOnce(client, accept);
        times.push(ms);
        responseBytes = bytes;
      });
      peakExtraBytes = Math.max(peakExtraBytes, peak);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)] ?? 0, responseBytes, peakExtraBytes };
  } finally {
    client.close();
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * LIST of 10,000 Pods of 3 KB each through the apiserver library's REST handler on memory
 * storage, in a child process over plain HTTP on loopback. The rows give the latency to the
 * last byte (median of 5) and the server's peak extra memory as a multiple of the response
 * size. That memory is V8 heap plus Buffers, sampled every millisecond from a baseline
 * taken after a full garbage collection. Each
 * of JSON and protobuf is listed from storage and from the watch cache.
 */
export const listSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const pods = options.quick ? 500 : 10_000;
    const rounds = options.quick ? 1 : 5;
    const rows: BenchRow[] = [];
    for (const watchCache of [false, true]) {
      const source = watchCache ? "watch cache" : "storage";
      const server = await startChildServer({ mode: "handler", watchCache, pods });
      try {
        for (const [type, accept] of CONTENT_TYPES) {
          const result = await measure(server, accept, rounds);
          const latency = `LIST ${pods} Pods ${type} from ${source}: latency`;
          rows.push({
            suite: SUITE,
            name: latency,
            value: result.medianMs,
            unit: "ms",
            higherIsBetter: false,
            ...(watchCache ? { baseline: `LIST ${pods} Pods ${type} from storage: latency` } : {}),
            note: `response ${megabytes(result.responseBytes)}`,
          });
          rows.push({
            suite: SUITE,
            name: `LIST ${pods} Pods ${type} from ${source}: peak extra memory / response size`,
            value: result.peakExtraBytes / result.responseBytes,
            unit: "x",
            higherIsBetter: false,
            note: `peak extra ${megabytes(result.peakExtraBytes)}`,
          });
        }
      } finally {
        await server.stop();
      }
    }
    return rows;
  },
};
