import type { IEvent, IWatchRequest, IWatchResponse, IDuplexStream, WatchClient } from "etcd3";
import { StorageError, WatchQueue, compactedError, type KeyValue, type StorageWatchEvent, type Watch } from "@apimachinery/apiserver";
import type { KeyCodec } from "./key-range.js";
import { toStorageError } from "./errors.js";

/** The key range of an etcd watch and its start revision. */
export interface EtcdWatchRequest {
  /** The storage key or prefix of the request, named in errors. */
  readonly key: string;
  readonly start: Buffer;
  /** The end of the key range; absent for a single key. */
  readonly rangeEnd?: Buffer;
  /** Deliver events after this revision; 0 starts at the current revision. */
  readonly fromRevision: number;
  readonly progressNotify: boolean;
  /** Unread events at which the watch stops reading its stream; it reads again at a quarter of this. */
  readonly pauseAtEvents: number;
}

/** A running etcd watch and the way to ask etcd for its progress. */
export interface EtcdWatch {
  readonly watch: Watch;
  /** Sends etcd a progress request. The response becomes a BOOKMARK when the watch set `progressNotify`. */
  requestProgress(): void;
}

/** The watch id of etcd's response to a progress request, which belongs to no single watch. */
const PROGRESS_REQUEST_WATCH_ID = "-1";

/** Reconnection attempts after the watch stream fails, before the watch ends with `Unreachable`. */
const MAX_RECONNECTS = 10;
/** The delay before reconnection attempt n is n times this, up to MAX_RECONNECT_DELAY_MS. */
const RECONNECT_DELAY_MS = 200;
const MAX_RECONNECT_DELAY_MS = 1000;


type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse> & { cancel?(): void; pause?(): void; resume?(): void };

/**
 * Opens one etcd watch stream for one storage watch, with `prev_kv` so that DELETED events
 * carry the last value. etcd progress notifications become BOOKMARK events; a start
 * revision below the compacted one ends the watch with `Compacted`. When the stream fails,
 * the watch re-opens it from the revision after the last one it delivered, so nothing is
 * lost or repeated, and ends with `Unreachable` after MAX_RECONNECTS failed attempts.
 */
export function openEtcdWatch(client: WatchClient, codec: KeyCodec, request: EtcdWatchRequest, onStop: () => void): EtcdWatch {
  let stream: WatchStream | undefined;
  let stopped = false;
  let reconnects = 0;
  /** The newest revision whose events were all delivered; -1 until the first response. */
  let delivered = request.fromRevision > 0 ? request.fromRevision : -1;
  /** The store's revision when etcd created the current stream's watch; -1 until then. */
  let createdAt = -1;
  /** Whether etcd has sent every event up to `createdAt`, so its progress responses are accurate. */
  let caughtUp = false;

  const queue = new WatchQueue(() => {
    stopped = true;
    closeStream();
    onStop();
  });

  let buffered = 0;
  let paused = false;
  const deliver = (event: StorageWatchEvent): void => {
    queue.push(event);
    buffered++;
    if (buffered >= request.pauseAtEvents && !paused) {
      paused = true;
      stream?.pause?.();
    }
  };
  const consumed = (): void => {
    buffered = Math.max(0, buffered - 1);
    if (paused && buffered <= Math.floor(request.pauseAtEvents / 4)) {
      paused = false;
      stream?.resume?.();
    }
  };

  const closeStream = (): void => {
    const current = stream;
    stream = undefined;
    if (!current) return;
    try {
      current.end();
      current.cancel?.();
    } catch {
      // A stream that already failed may refuse further calls; it is being dropped anyway.
    }
  };

  const fail = (error: StorageError): void => {
    if (stopped) return;
    queue.push({ type: "ERROR", error });
  };

  const handleResponse = (response: IWatchResponse): void => {
    if (stopped) return;
    reconnects = 0;
    const revision = Number(response.header.revision);
    if (response.canceled || Number(response.compact_revision) > 0) {
      handleCancel(response);
      return;
    }
    if (response.created) {
      createdAt = revision;
      // A watch from the current revision delivers everything after the creation revision.
      if (delivered < 0) delivered = revision;
      caughtUp = delivered >= createdAt;
      return;
    }
    if (response.events.length === 0) {
      handleProgress(response.watch_id === PROGRESS_REQUEST_WATCH_ID, revision);
      return;
    }
    for (const event of response.events) {
      const converted = convertEvent(codec, event);
      if (converted.revision <= delivered) continue;
      deliver(converted);
    }
    const last = response.events[response.events.length - 1] as IEvent;
    delivered = Math.max(delivered, Number(last.kv.mod_revision));
    if (delivered >= createdAt) caughtUp = true;
  };

  const handleProgress = (requested: boolean, revision: number): void => {
    // etcd sends its periodic notifications only to watches that have caught up.
    if (!requested) caughtUp = true;
    // NOTE: older etcd servers (the code that returns WatchId -1 from the stream's control
    // channel) can send the response to a progress request ahead of events not sent yet.
    // The response is trusted only once the watch has caught up with its creation revision.
    // That rules out the long catch-up of a watch from an old revision, but not a short race
    // with events written at the same moment. A progress revision never moves `delivered`,
    // so such a race yields an early BOOKMARK but loses no event.
    if (requested && !caughtUp) return;
    if (request.progressNotify) deliver({ type: "BOOKMARK", revision: Math.max(delivered, revision) });
  };

  const handleCancel = (response: IWatchResponse): void => {
    const compacted = Number(response.compact_revision);
    if (compacted > 0) {
      const requested = delivered >= 0 ? delivered : request.fromRevision;
      fail(compactedError(request.key, requested, compacted));
      return;
    }
    fail(new StorageError("Unreachable", request.key, `etcd canceled the watch of ${request.key}: ${response.cancel_reason || "no reason given"}`));
  };

  const handleStreamFailure = (error: unknown): void => {
    if (stopped) return;
    closeStream();
    if (reconnects >= MAX_RECONNECTS) {
      fail(toStorageError(error, { key: request.key }));
      return;
    }
    reconnects++;
    setTimeout(connect, Math.min(RECONNECT_DELAY_MS * reconnects, MAX_RECONNECT_DELAY_MS));
  };

  const connect = (): void => {
    if (stopped) return;
    client
      .watch()
      .then((opened) => {
        if (stopped) {
          (opened as WatchStream).cancel?.();
          return;
        }
        const current = opened as WatchStream;
        stream = current;
        if (paused) current.pause?.();
        // A replaced stream may still emit data, `error` and `end`; only the current one counts.
        current.on("data", (response) => {
          if (stream === current) handleResponse(response);
        });
        current.on("error", (error) => {
          if (stream === current) handleStreamFailure(error);
        });
        current.on("end", () => {
          if (stream === current) handleStreamFailure(new StorageError("Unreachable", request.key, "etcd ended the watch stream"));
        });
        current.write({
          create_request: {
            key: request.start,
            ...(request.rangeEnd ? { range_end: request.rangeEnd } : {}),
            ...(delivered >= 0 ? { start_revision: delivered + 1 } : {}),
            prev_kv: true,
            progress_notify: request.progressNotify,
          },
        });
      })
      .catch(handleStreamFailure);
  };

  connect();
  const watch: Watch = {
    stop: () => queue.stop(),
    [Symbol.asyncIterator]: () => {
      const inner = queue[Symbol.asyncIterator]();
      return {
        next: async () => {
          const result = await inner.next();
          if (!result.done) consumed();
          return result;
        },
        return: () => inner.return?.() ?? Promise.resolve({ value: undefined, done: true }),
      };
    },
  };
  return {
    watch,
    requestProgress: () => {
      if (!stopped && request.progressNotify) stream?.write({ progress_request: {} });
    },
  };
}

/** A watch event that carries a key's value. */
type ChangeEvent = Extract<StorageWatchEvent, { kv: KeyValue }>;

/** Converts one etcd event: PUT of a new key → ADDED, other PUT → MODIFIED, DELETE → DELETED with the last value. */
function convertEvent(codec: KeyCodec, event: IEvent): ChangeEvent {
  const kv = codec.keyValue(event.kv);
  const prev = event.prev_kv ? codec.keyValue(event.prev_kv) : undefined;
  if (event.type === "Delete") {
    const last = {
      key: kv.key,
      value: prev?.value ?? new Uint8Array(0),
      createRevision: prev?.createRevision ?? 0,
      modRevision: kv.modRevision,
    };
    return { type: "DELETED", kv: last, ...(prev ? { prev } : {}), revision: kv.modRevision };
  }
  if (kv.createRevision === kv.modRevision) return { type: "ADDED", kv, revision: kv.modRevision };
  return { type: "MODIFIED", kv, ...(prev ? { prev } : {}), revision: kv.modRevision };
}
