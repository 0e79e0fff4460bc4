import type { ServerResponse } from "node:http";
import { StatusError } from "@apimachinery/meta";
import { apiVersionOf } from "../registry/resource.js";
import type { ObjectFilter, Store } from "../registry/store.js";
import type { WatchCacheEvent } from "../storage/watch-cache-event.js";
import { storageErrorToStatus } from "../storage/errors.js";
import type { ObjectData } from "../registry/strategy.js";
import { statusOf } from "./http-util.js";
import type { ApiMetrics } from "./metrics.js";
import type { Exchange } from "./negotiation.js";
import type { ResourceRequestInfo } from "./request-info.js";
import { toTable, type IncludeObject } from "./table.js";

/** The annotation of the bookmark that ends the initial events of `sendInitialEvents=true`. */
export const initialEventsEndAnnotation = "k8s.io/initial-events-end";

/** How long a watch lasts when the client gives no `timeoutSeconds`: kube-apiserver's default minimum request timeout. */
const defaultWatchSeconds = 1800;

function parseRevision(value: string): number {
  if (value === "" || value === "0") return 0;
  const revision = Number(value);
  if (!Number.isSafeInteger(revision) || revision < 0) throw StatusError.badRequest(`invalid resourceVersion "${value}": it must be a non-negative integer`);
  return revision;
}

/**
 * Serves `?watch=true`: optional initial events (the current objects as ADDED, for
 * `resourceVersion` 0 or absent, or `sendInitialEvents=true`), then every change after the
 * start revision, framed for the negotiated stream type. A start revision that storage has
 * compacted gets HTTP 200 and an ERROR event carrying a 410 Expired Status.
 */
export async function serveWatch(
  exchange: Exchange,
  store: Store,
  info: ResourceRequestInfo,
  query: URLSearchParams,
  filter: ObjectFilter | undefined,
  metrics: ApiMetrics | undefined,
): Promise<void> {
  const stream = exchange.outputStream();
  const frames = stream.framer.newFrameWriter();
  const conversion = stream.options.convert;
  const include = (query.get("includeObject") || "Metadata") as IncludeObject;
  const resourceVersion = query.get("resourceVersion") ?? "";
  let from = parseRevision(resourceVersion);
  const sendInitialEvents = query.get("sendInitialEvents") === "true";
  const bookmarks = query.get("allowWatchBookmarks") === "true";
  const timeoutRaw = query.get("timeoutSeconds");
  const timeoutSeconds = timeoutRaw === null || timeoutRaw === "" ? defaultWatchSeconds : Number(timeoutRaw);
  if (!Number.isSafeInteger(timeoutSeconds) || timeoutSeconds < 0) throw StatusError.badRequest(`invalid timeoutSeconds "${timeoutRaw ?? ""}"`);
  if (sendInitialEvents && !bookmarks) throw StatusError.invalid({ resource: "ListOptions", kind: "ListOptions" }, [
    { reason: "FieldValueForbidden", message: "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true", field: "allowWatchBookmarks" },
  ]);

  const convert = (object: ObjectData): object => {
    if (conversion?.kind === "Table") return toTable(store.info, [object], { resourceVersion: object.metadata?.resourceVersion ?? "" }, include);
    if (conversion?.kind === "PartialObjectMetadata" || conversion?.kind === "PartialObjectMetadataList") {
      return { kind: "PartialObjectMetadata", apiVersion: `meta.k8s.io/${conversion.version}`, metadata: object.metadata ?? {} };
    }
    return object;
  };
  const bookmark = (revision: string, annotations?: Record<string, string>): ObjectData => ({
    kind: store.info.kind,
    apiVersion: apiVersionOf(store.info),
    metadata: { resourceVersion: revision, ...(annotations ? { annotations } : {}) },
  });

  const response = exchange.response as ServerResponse;
  const controller = new AbortController();
  // setTimeout accepts at most 2^31 - 1 ms (about 24.8 days), so a longer timeout is capped there.
  const timer = setTimeout(() => controller.abort(), Math.min(timeoutSeconds * 1000, 2 ** 31 - 1));
  exchange.request.on("close", () => controller.abort());
  const watchLabels = { verb: "WATCH", group: info.group, version: info.version, resource: info.resource };
  const eventLabels = { group: info.group, version: info.version, resource: info.resource };
  metrics?.watchers.inc(watchLabels);
  response.writeHead(200, { "content-type": stream.streamMediaType, "cache-control": "no-cache, private", ...exchange.warningHeaders() });
  response.flushHeaders();
  const write = (type: string, object: object) => {
    metrics?.watchEvents.inc(eventLabels);
    response.write(frames.frame(stream.streamSerializer.encode({ type, object } as object)));
  };

  if (store.cache) {
    try {
      await watchFromCache();
    } finally {
      clearTimeout(timer);
      metrics?.watchers.dec(watchLabels);
      response.end();
    }
    return;
  }

  /**
   * Serves the watch from the Store's watch cache. Each event's frame is encoded once per
   * stream serializer and conversion, and the same bytes go to every watcher that asked for them.
   */
  async function watchFromCache(): Promise<void> {
    const legacyInitialEvents = !sendInitialEvents && (resourceVersion === "" || resourceVersion === "0");
    const memoKey = `${stream.streamSerializer.identifier}|${conversion ? `${conversion.kind}/${conversion.version}/${include}` : ""}`;
    const frameOf = (type: string, object: () => object) => frames.frame(stream.streamSerializer.encode({ type, object: object() } as object));
    const writeBytes = (bytes: Uint8Array): void | Promise<void> => {
      metrics?.watchEvents.inc(eventLabels);
      if (response.write(bytes)) return;
      return new Promise<void>((resolve) => {
        const done = () => {
          response.off("drain", done);
          response.off("close", done);
          resolve();
        };
        response.on("drain", done);
        response.on("close", done);
      });
    };
    let finished: (() => void) | undefined;
    const ended = new Promise<void>((resolve) => (finished = resolve));
    const listener = (event: WatchCacheEvent<ObjectData>): void | Promise<void> => {
      if (event.type === "ERROR") {
        const status = storageErrorToStatus(event.error, { group: info.group, resource: info.resource });
        write("ERROR", status.status);
        finished?.();
        return;
      }
      if (event.type === "BOOKMARK") {
        if (event.initialEventsEnd && !sendInitialEvents) return;
        if (!event.initialEventsEnd && !bookmarks) return;
        const annotations = event.initialEventsEnd ? { [initialEventsEndAnnotation]: "true" } : undefined;
        return writeBytes(event.encoded(memoKey, () => frameOf("BOOKMARK", () => bookmark(String(event.revision), annotations))));
      }
      return writeBytes(event.encoded(memoKey, () => frameOf(event.type, () => convert(event.object))));
    };
    const single = info.name ? (object: ObjectData) => object.metadata?.name === info.name : undefined;
    const combined = single && filter ? (object: ObjectData) => single(object) && filter(object) : (filter ?? single);
    const watcher = store.watchCached(
      info.namespace,
      {
        fromRevision: from,
        sendInitialEvents: sendInitialEvents || legacyInitialEvents,
        bookmarks,
        ...(info.name ? { name: info.name } : {}),
        ...(combined ? { filter: combined } : {}),
      },
      listener,
    );
    if (!watcher) return;
    controller.signal.addEventListener("abort", () => finished?.(), { once: true });
    void watcher.done.then(() => finished?.());
    await ended;
    watcher.stop();
  }

  try {
    const single = info.name ? (object: ObjectData) => object.metadata?.name === info.name : undefined;
    const initialFilter = single && filter ? (object: ObjectData) => single(object) && filter(object) : (single ?? filter);
    if (sendInitialEvents || resourceVersion === "" || resourceVersion === "0") {
      const page = await store.list(info.namespace, {
        ...(initialFilter ? { filter: initialFilter } : {}),
        ...(from > 0 ? { minRevision: from } : {}),
      });
      for (const object of page.items) write("ADDED", convert(object));
      from = Number(page.resourceVersion);
      if (sendInitialEvents) write("BOOKMARK", bookmark(page.resourceVersion, { [initialEventsEndAnnotation]: "true" }));
    }
    const events = store.watch(info.namespace, {
      fromRevision: from,
      ...(filter ? { filter } : {}),
      ...(info.name ? { name: info.name } : {}),
      signal: controller.signal,
      progressNotify: bookmarks,
    });
    for await (const event of events) {
      if (event.type === "ERROR") {
        write("ERROR", event.error.status);
        break;
      }
      if (event.type === "BOOKMARK") {
        if (bookmarks) write("BOOKMARK", bookmark(String(event.revision)));
        continue;
      }
      write(event.type, convert(event.object));
    }
  } catch (error) {
    if (!controller.signal.aborted) write("ERROR", statusOf(error));
  } finally {
    clearTimeout(timer);
    metrics?.watchers.dec(watchLabels);
    response.end();
  }
}
