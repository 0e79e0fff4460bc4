import type { BenchRow, Suite, SuiteOptions } from "../harness.js";
import { Client } from "../server/load.js";
import { namespaceToCreate, podToCreate } from "../server/pods.js";
import { startChildServer } from "../server/spawn.js";
import { runFanOut, type FanOutResult, type Framing } from "../server/watchers.js";

const SUITE = "watch";
const NAMESPACE = "bench-watch";
const JSON_STREAM = { accept: "application/json", framing: "newline" as Framing };
const PROTOBUF_STREAM = { accept: "application/vnd.kubernetes.protobuf;stream=watch", framing: "length-prefixed" as Framing };

interface Scale {
  readonly watchers: number;
  readonly updates: number;
  readonly timeoutMs: number;
}

/** Returns the body of update `index`: the watched Pod with a label that changes each time. */
function updateBody(index: number): string {
  const pod = podToCreate(NAMESPACE, "watched");
  (pod["metadata"] as { labels: Record<string, string> }).labels["bench-sequence"] = `update-${index + 1}`;
  return JSON.stringify(pod);
}

/** A fan-out run of the control plane and the watch-event encodes it made. */
interface ServerFanOut extends FanOutResult {
  readonly encodes: number;
}

/**
 * Starts the control plane on memory storage, opens `scale.watchers` watches of one
 * namespace (a share of them in protobuf) and updates the 3 KB Pod there `scale.updates`
 * times.
 */
async function measureServer(scale: Scale, protobufShare: number): Promise<ServerFanOut> {
  const server = await startChildServer({ mode: "control-plane", storage: "memory" });
  const client = new Client(server);
  try {
    await client.expect("POST", "/api/v1/namespaces", namespaceToCreate(NAMESPACE));
    await client.expect("POST", `/api/v1/namespaces/${NAMESPACE}/pods`, updateBody(-1));
    // Watch from the list's resourceVersion, as an informer does, so no update is missed.
    const list = JSON.parse((await client.expect("GET", `/api/v1/namespaces/${NAMESPACE}/pods`)).body) as { metadata?: { resourceVersion?: string } };
    const revision = list.metadata?.resourceVersion;
    if (!revision) throw new Error(`the list of ${NAMESPACE} Pods has no metadata.resourceVersion`);
    const path = `/api/v1/namespaces/${NAMESPACE}/pods?watch=true&resourceVersion=${revision}&timeoutSeconds=600`;
    const protobufWatchers = Math.round(scale.watchers * protobufShare);
    const watchers = Array.from({ length: scale.watchers }, (_, index) => ({ path, ...(index < protobufWatchers ? PROTOBUF_STREAM : JSON_STREAM) }));
    const before = await server.watchEncodes();
    const result = await runFanOut({
      client,
      watchers,
      events: scale.updates,
      write: (index) => client.expect("PUT", `/api/v1/namespaces/${NAMESPACE}/pods/watched`, updateBody(index)),
      timeoutMs: scale.timeoutMs,
    });
    return { ...result, encodes: (await server.watchEncodes()) - before };
  } finally {
    client.close();
    await server.stop();
  }
}

/**
 * Runs the baseline: a bare node:http2 server with the control plane's TLS settings keeps
 * the same number of streams open, and each `POST /broadcast` writes `event` (the bytes the
 * control plane sent for one update, encoded once) to every stream before it answers.
 */
async function measureBaseline(scale: Scale, event: string): Promise<FanOutResult> {
  const server = await startChildServer({ mode: "bare", tls: true, event });
  const client = new Client(server);
  try {
    return await runFanOut({
      client,
      watchers: Array.from({ length: scale.watchers }, () => ({ path: "/watch", ...JSON_STREAM })),
      events: scale.updates,
      write: () => client.expect("POST", "/broadcast", "{}"),
      timeoutMs: scale.timeoutMs,
    });
  } finally {
    client.close();
    await server.stop();
  }
}

/**
 * Watch fan-out over loopback: the control plane (`startControlPlane`, memory storage, TLS,
 * in a child process) with 1,000 HTTP/1.1 watch streams from this process, each its own TLS
 * socket, and 100 sequential PUTs of a 3 KB Pod. The rows give the time until every watcher
 * has every event and events/s, beside a bare server that writes the same pre-encoded bytes
 * to the same number of sockets after each of 100 sequential POSTs. The child counts the
 * watch events its JSON and protobuf serializers encode; the note compares the count with
 * the number of updates. A second run has half the watchers on protobuf, where one encode
 * per update and content type means two per update. Quick runs make only that second run.
 */
export const watchSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const scale: Scale = options.quick ? { watchers: 20, updates: 5, timeoutMs: 60_000 } : { watchers: 1000, updates: 100, timeoutMs: 240_000 };
    const label = `${scale.watchers} watchers x ${scale.updates} updates`;
    // Quick runs skip the JSON-only run: the mixed run covers both stream types.
    const mixed = await measureServer(scale, 0.5);
    const server = options.quick ? mixed : await measureServer(scale, 0);
    if (server.firstFrame === undefined) throw new Error("no JSON watcher received an event frame");
    const baseline = await measureBaseline(scale, server.firstFrame.toString("utf8"));

    const encodeNote = (run: ServerFanOut, types: number) =>
      `${run.encodes} watch-event encodes for ${scale.updates} updates and ${types} content type${types > 1 ? "s" : ""} (${(run.encodes / scale.updates).toFixed(1)} per update)`;
    const bareName = `raw socket writes, ${label}`;
    const frameBytes = server.firstFrame.length;
    const baselineRows: BenchRow[] = [
      { suite: SUITE, name: `${bareName}: time to deliver all`, value: baseline.milliseconds, unit: "ms", higherIsBetter: false, note: `${frameBytes}-byte event` },
      { suite: SUITE, name: `${bareName}: events/s`, value: baseline.eventsPerSecond, unit: "events/s" },
    ];
    const mixedRow: BenchRow = {
      suite: SUITE,
      name: `control plane half JSON half protobuf, ${label}: events/s`,
      value: mixed.eventsPerSecond,
      unit: "events/s",
      baseline: `${bareName}: events/s`,
      note: encodeNote(mixed, 2),
    };
    if (options.quick) return [...baselineRows, mixedRow];
    return [
      ...baselineRows,
      { suite: SUITE, name: `control plane JSON, ${label}: time to deliver all`, value: server.milliseconds, unit: "ms", higherIsBetter: false, baseline: `${bareName}: time to deliver all`, note: encodeNote(server, 1) },
      { suite: SUITE, name: `control plane JSON, ${label}: events/s`, value: server.eventsPerSecond, unit: "events/s", baseline: `${bareName}: events/s` },
      mixedRow,
    ];
  },
};
