import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { KeyValue, ListOptions, ListResult, Storage } from "../storage/interface.js";
import type { RequestInfo } from "./request-info.js";

/** The Prometheus metrics of an API server, named as kube-apiserver names them. */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "apiserver_request_total",
    help: "Requests by verb, group, version, resource, subresource, scope and HTTP code.",
    labelNames: ["verb", "group", "version", "resource", "subresource", "scope", "code"] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "apiserver_request_duration_seconds",
    help: "Request latency in seconds by verb, group, version, resource and subresource; watches are excluded.",
    labelNames: ["verb", "group", "version", "resource", "subresource"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60],
    registers: [this.registry],
  });
  readonly watchers = new Gauge({
    name: "apiserver_longrunning_requests",
    help: "Open watch requests by group, version and resource.",
    labelNames: ["verb", "group", "version", "resource"] as const,
    registers: [this.registry],
  });
  readonly watchEvents = new Counter({
    name: "apiserver_watch_events_total",
    help: "Watch events sent, by group, version and resource.",
    labelNames: ["group", "version", "resource"] as const,
    registers: [this.registry],
  });
  readonly storageLatency = new Histogram({
    name: "apiserver_storage_request_duration_seconds",
    help: "Storage operation latency in seconds by operation and key prefix.",
    labelNames: ["operation", "type"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Records one finished request. */
  observeRequest(info: RequestInfo, code: number, seconds: number): void {
    if (!info.isResourceRequest) {
      this.requests.inc({ verb: info.verb.toUpperCase(), group: "", version: "", resource: "", subresource: "", scope: "", code: String(code) });
      return;
    }
    const scope = info.name !== "" ? "resource" : info.namespace !== "" ? "namespace" : "cluster";
    const labels = { verb: info.verb.toUpperCase(), group: info.group, version: info.version, resource: info.resource, subresource: info.subresource };
    this.requests.inc({ ...labels, scope, code: String(code) });
    if (info.verb !== "watch") this.latency.observe(labels, seconds);
  }

  /** Returns a Storage that records the latency of every operation of `storage`. */
  instrumentStorage(storage: Storage): Storage {
    const histogram = this.storageLatency;
    const typeOf = (key: string) => key.split("/")[1] ?? "";
    async function timed<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
      const end = histogram.startTimer({ operation, type: typeOf(key) });
      try {
        return await run();
      } finally {
        end();
      }
    }
    return {
      get: (key) => timed("get", key, () => storage.get(key)),
      list: (prefix: string, options?: ListOptions): Promise<ListResult> => timed("list", prefix, () => storage.list(prefix, options)),
      create: (key, value): Promise<KeyValue> => timed("create", key, () => storage.create(key, value)),
      update: (key, value, revision) => timed("update", key, () => storage.update(key, value, revision)),
      guaranteedUpdate: (key, update, options) => timed("guaranteedUpdate", key, () => storage.guaranteedUpdate(key, update, options)),
      delete: (key, options) => timed("delete", key, () => storage.delete(key, options)),
      watch: (key, options) => storage.watch(key, options),
      count: (prefix) => timed("count", prefix, () => storage.count(prefix)),
      compact: (revision) => storage.compact(revision),
      currentRevision: () => storage.currentRevision(),
      compactedRevision: () => storage.compactedRevision(),
      close: () => storage.close(),
    };
  }
}
