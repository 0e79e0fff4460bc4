import { Etcd3, type IKeyValue, type IRangeRequest, type IRangeResponse, type ITxnResponse, type IOptions } from "etcd3";
import { noop } from "cockatiel";
import {
  StorageError,
  WatchQueue,
  checkValueSize,
  closedError,
  compactedError,
  conflictError,
  decodeContinue,
  encodeContinue,
  futureRevisionError,
  keyExistsError,
  keyNotFoundError,
  runGuaranteedUpdate,
  type DeleteOptions,
  type GuaranteedUpdateOptions,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type Storage,
  type UpdateFunction,
  type Watch,
  type WatchOptions,
} from "@apimachinery/apiserver";
import { StatusError } from "@apimachinery/meta";
import { ETCD_COMPACTED_MESSAGE, ETCD_FUTURE_REVISION_MESSAGE, toStorageError } from "./errors.js";
import { openEtcdWatch, type EtcdWatch } from "./etcd-watch.js";
import { KeyCodec, prefixRangeEnd } from "./key-range.js";
import { progressRequestsAccurate } from "./progress-support.js";

/** Options of an EtcdStorage. */
export interface EtcdStorageOptions {
  /** etcd client URLs, such as `http://127.0.0.1:2379`. */
  readonly endpoints: readonly string[];
  /** Prepended to every storage key to form the etcd key. Default `/registry`, as kube-apiserver's `--etcd-prefix`. */
  readonly prefix?: string;
  /** The deadline of each unary request, in milliseconds. Default 10000. */
  readonly requestTimeoutMs?: number;
  /** How long a read at a revision newer than the store's waits for it before failing with `Timeout`, in milliseconds. Default 3000. */
  readonly futureRevisionWaitMs?: number;
  /**
   * Unread events at which a watch stops reading its gRPC stream, so that a slow consumer
   * pushes back on etcd instead of filling memory. The watch reads again at a quarter of
   * this. Default 4096.
   */
  readonly watchPauseEvents?: number;
  /**
   * Whether `requestProgress` is available and sends etcd progress requests. By default the
   * store turns it on when the server's version responds to them accurately: etcd 3.4.31 or
   * a later 3.4, or 3.5.13 or later. It checks right after it opens and leaves the method off
   * until then and on older servers.
   */
  readonly progressRequests?: boolean;
  /** A user and password for etcd's authentication (`etcdctl auth enable`). Default: none. */
  readonly auth?: { readonly username: string; readonly password: string };
  /**
   * TLS for `https://` endpoints: the PEM CA certificate that signed etcd's server certificate,
   * and a client certificate and key when etcd runs with `--client-cert-auth`. Default: none.
   */
  readonly tls?: { readonly ca: Uint8Array; readonly cert?: Uint8Array; readonly key?: Uint8Array };
}

const DEFAULT_PREFIX = "/registry";
const FUTURE_REVISION_POLL_MS = 50;

/**
 * Storage on etcd v3 through the `etcd3` client. Writes are transactions that compare an
 * object's revision: `create_revision == 0` for create, `mod_revision == expected` for update
 * and conditional delete. Lists at a revision and continued lists are serializable reads
 * pinned to that revision. Watches are etcd's native watch with `prev_kv`. Revisions are
 * etcd's, so they count the writes of the whole etcd cluster, not only those under the prefix.
 */
export class EtcdStorage implements Storage {
  private readonly client: Etcd3;
  private readonly codec: KeyCodec;
  private readonly futureRevisionWaitMs: number;
  private readonly watchPauseEvents: number;
  private readonly watches = new Set<EtcdWatch>();
  /** Resolves once the store has checked whether the server responds to progress requests accurately; it never rejects. */
  readonly ready: Promise<void>;
  private knownCompacted = 0;
  private closed = false;

  constructor(options: EtcdStorageOptions) {
    if (options.endpoints.length === 0) {
      throw new StorageError("Unreachable", "", "no etcd endpoints given: pass at least one client URL, such as http://127.0.0.1:2379");
    }
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const clientOptions: IOptions = {
      hosts: [...options.endpoints],
      // Lists of many large values exceed gRPC's default 4 MiB response limit.
      grpcOptions: { "grpc.max_receive_message_length": -1 },
      // Unary requests get a deadline; watch streams stay open.
      defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
      // Errors surface at once as StorageErrors, because retries belong to the caller and a
      // circuit breaker would keep failing for seconds after etcd is back.
      faultHandling: { host: () => noop, global: noop },
      ...(options.auth ? { auth: { username: options.auth.username, password: options.auth.password } } : {}),
      ...(options.tls ? { credentials: tlsCredentials(options.tls) } : {}),
    };
    this.client = new Etcd3(clientOptions);
    this.codec = new KeyCodec(options.prefix ?? DEFAULT_PREFIX);
    this.futureRevisionWaitMs = options.futureRevisionWaitMs ?? 3000;
    this.watchPauseEvents = Math.max(1, options.watchPauseEvents ?? 4096);
    if (options.progressRequests === true) this.requestProgress = this.sendProgressRequests;
    this.ready = options.progressRequests === undefined ? this.detectProgressSupport() : Promise.resolve();
  }

  /** The prefix of every etcd key this store reads and writes. */
  get prefix(): string {
    return this.codec.prefix;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const response = await this.range(key, { key: this.codec.encode(key) });
    const kv = response.kvs[0];
    return kv ? this.codec.keyValue(kv) : undefined;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    let start = this.codec.encode(prefix);
    const end = prefixRangeEnd(start);
    let revision = checkCount("revision", options.revision);
    if (options.continue !== undefined && options.continue !== "") {
      const position = decodeContinue(options.continue, prefix);
      start = this.codec.encode(position.startKey);
      revision = position.revision;
    }
    const limit = checkCount("limit", options.limit);
    const request: IRangeRequest = {
      key: start,
      range_end: end,
      ...(limit > 0 ? { limit } : {}),
      ...(revision > 0 ? { revision, serializable: true } : {}),
    };
    const response = await this.rangeAt(prefix, request, revision);
    const items = response.kvs.map((kv) => this.codec.keyValue(kv));
    const listRevision = revision > 0 ? revision : Number(response.header.revision);
    const last = items[items.length - 1];
    if (!response.more || last === undefined) return { items, revision: listRevision };
    return {
      items,
      revision: listRevision,
      continue: encodeContinue(`${last.key}\u0000`, prefix, listRevision),
      remainingItemCount: Number(response.count) - items.length,
    };
  }

  async create(key: string, value: Uint8Array): Promise<KeyValue> {
    checkValueSize(key, value);
    const etcdKey = this.codec.encode(key);
    const response = await this.txn(key, {
      compare: [{ key: etcdKey, target: "Create", result: "Equal", create_revision: 0 }],
      success: [{ request_put: { key: etcdKey, value: Buffer.from(value.buffer, value.byteOffset, value.byteLength) } }],
    });
    if (!response.succeeded) throw keyExistsError(key);
    const revision = Number(response.header.revision);
    return { key, value: value.slice(), createRevision: revision, modRevision: revision };
  }

  async update(key: string, value: Uint8Array, expectedRevision: number): Promise<KeyValue> {
    checkValueSize(key, value);
    const etcdKey = this.codec.encode(key);
    const response = await this.txn(key, {
      compare: [
        { key: etcdKey, target: "Version", result: "Greater", version: 0 },
        { key: etcdKey, target: "Mod", result: "Equal", mod_revision: expectedRevision },
      ],
      success: [{ request_put: { key: etcdKey, value: Buffer.from(value.buffer, value.byteOffset, value.byteLength), prev_kv: true } }],
      failure: [{ request_range: { key: etcdKey } }],
    });
    if (!response.succeeded) throw this.preconditionFailure(key, expectedRevision, response);
    const previous = response.responses[0]?.response_put.prev_kv;
    const revision = Number(response.header.revision);
    return { key, value: value.slice(), createRevision: previous ? Number(previous.create_revision) : revision, modRevision: revision };
  }

  guaranteedUpdate(key: string, update: UpdateFunction, options?: GuaranteedUpdateOptions): Promise<KeyValue> {
    return runGuaranteedUpdate(this, key, update, options);
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<KeyValue> {
    const etcdKey = this.codec.encode(key);
    const expected = options.expectedRevision;
    const response = await this.txn(key, {
      compare: [
        { key: etcdKey, target: "Version", result: "Greater", version: 0 },
        ...(expected !== undefined ? [{ key: etcdKey, target: "Mod" as const, result: "Equal" as const, mod_revision: expected }] : []),
      ],
      success: [{ request_delete_range: { key: etcdKey, prev_kv: true } }],
      failure: [{ request_range: { key: etcdKey } }],
    });
    if (!response.succeeded) throw this.preconditionFailure(key, expected, response);
    const previous = response.responses[0]?.response_delete_range.prev_kvs[0];
    if (!previous) throw keyNotFoundError(key);
    return this.codec.keyValue(previous);
  }

  watch(key: string, options: WatchOptions = {}): Watch {
    if (this.closed) {
      const failed = new WatchQueue();
      failed.push({ type: "ERROR", error: closedError(key) });
      return failed;
    }
    const fromRevision = checkCount("fromRevision", options.fromRevision);
    const start = this.codec.encode(key);
    const recursive = options.recursive ?? false;
    const opened = openEtcdWatch(
      this.client.watchClient,
      this.codec,
      {
        key,
        start,
        ...(recursive ? { rangeEnd: prefixRangeEnd(start) } : {}),
        fromRevision,
        progressNotify: options.progressNotify ?? false,
        pauseAtEvents: this.watchPauseEvents,
      },
      () => this.watches.delete(opened),
    );
    this.watches.add(opened);
    return opened.watch;
  }

  /**
   * Requests a progress notification for every running watch that set `progressNotify`.
   * Each watch then sends a BOOKMARK at etcd's current revision, once it has caught up.
   * Present only while progress requests are enabled (see `progressRequests`), because a
   * watch cache serves consistent reads from storage when a backend lacks this method.
   */
  requestProgress?: () => Promise<void>;

  private readonly sendProgressRequests = async (): Promise<void> => {
    this.checkOpen("");
    for (const watch of this.watches) watch.requestProgress();
  };

  /** Enables `requestProgress` when the server's version responds to progress requests accurately. */
  private async detectProgressSupport(): Promise<void> {
    try {
      const status = await this.client.maintenance.status();
      if (!this.closed && progressRequestsAccurate(status.version)) this.requestProgress = this.sendProgressRequests;
    } catch {
      // Without the version, progress requests stay off, which is the safe choice.
    }
  }

  async count(prefix: string): Promise<number> {
    const start = this.codec.encode(prefix);
    const response = await this.range(prefix, { key: start, range_end: prefixRangeEnd(start), count_only: true });
    return Number(response.count);
  }

  /** Compacts etcd at `revision`, or at the current revision when `revision` is newer; older revisions are a no-op. */
  async compact(revision: number): Promise<void> {
    this.checkOpen("");
    const target = Math.min(checkCount("revision", revision), await this.currentRevision());
    if (target <= this.knownCompacted) return;
    try {
      await this.client.kv.compact({ revision: target, physical: true });
      this.knownCompacted = target;
    } catch (error) {
      // Compacting at or below the compacted revision changes nothing.
      if (error instanceof Error && error.message.includes(ETCD_COMPACTED_MESSAGE)) return;
      throw toStorageError(error, { key: "", revision: target });
    }
  }

  async currentRevision(): Promise<number> {
    const response = await this.range("", { key: this.codec.encode(""), limit: 1, keys_only: true });
    return Number(response.header.revision);
  }

  /**
   * Finds the compacted revision by binary search over reads at a revision, since etcd's API
   * does not report it: the smallest readable revision, or 0 when revision 1 is readable.
   */
  async compactedRevision(): Promise<number> {
    const current = await this.currentRevision();
    let low = Math.max(this.knownCompacted, 1);
    if (low === 1 && (await this.readableAt(1))) return 0;
    let high = current;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (await this.readableAt(middle)) high = middle;
      else low = middle + 1;
    }
    this.knownCompacted = Math.max(this.knownCompacted, low);
    return low;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const opened of [...this.watches]) opened.watch.stop();
    this.client.close();
  }

  private async readableAt(revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: this.codec.encode(""), limit: 1, keys_only: true, revision, serializable: true });
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes(ETCD_COMPACTED_MESSAGE)) return false;
      throw toStorageError(error, { key: "", revision });
    }
  }

  /** Reads at `revision` (0: latest), waiting up to `futureRevisionWaitMs` for a revision the store has not reached. */
  private async rangeAt(key: string, request: IRangeRequest, revision: number): Promise<IRangeResponse> {
    const deadline = Date.now() + this.futureRevisionWaitMs;
    for (;;) {
      try {
        return await this.range(key, request, true);
      } catch (error) {
        if (!(error instanceof Error) || revision <= 0) throw toStorageError(error, { key, revision });
        if (error.message.includes(ETCD_COMPACTED_MESSAGE)) {
          throw compactedError(key, revision, await this.compactedRevision());
        }
        if (!error.message.includes(ETCD_FUTURE_REVISION_MESSAGE)) throw toStorageError(error, { key, revision });
        if (Date.now() >= deadline) throw futureRevisionError(key, revision, await this.currentRevision());
        await new Promise((resolve) => setTimeout(resolve, FUTURE_REVISION_POLL_MS));
      }
    }
  }

  private async range(key: string, request: IRangeRequest, raw = false): Promise<IRangeResponse> {
    this.checkOpen(key);
    try {
      return await this.client.kv.range(request);
    } catch (error) {
      if (raw) throw error;
      throw toStorageError(error, { key });
    }
  }

  private async txn(key: string, request: Parameters<Etcd3["kv"]["txn"]>[0]): Promise<ITxnResponse> {
    this.checkOpen(key);
    try {
      return await this.client.kv.txn(request);
    } catch (error) {
      throw toStorageError(error, { key });
    }
  }

  /** Explains a failed conditional write from the key's current value, read in the transaction's failure branch. */
  private preconditionFailure(key: string, expected: number | undefined, response: ITxnResponse): StorageError {
    const current: IKeyValue | undefined = response.responses[0]?.response_range.kvs[0];
    if (!current) return keyNotFoundError(key);
    return conflictError(key, expected ?? 0, Number(current.mod_revision));
  }

  private checkOpen(key: string): void {
    if (this.closed) throw closedError(key);
  }
}

/**
 * Returns `value` (0 when absent or negative), or throws a BadRequest StatusError when it is
 * not an integer, because etcd would truncate it silently.
 */
function checkCount(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value)) {
    throw StatusError.badRequest(`invalid ${name} ${value}: it must be an integer`);
  }
  return Math.max(value, 0);
}

function tlsCredentials(tls: NonNullable<EtcdStorageOptions["tls"]>): NonNullable<IOptions["credentials"]> {
  return {
    rootCertificate: Buffer.from(tls.ca),
    ...(tls.key ? { privateKey: Buffer.from(tls.key) } : {}),
    ...(tls.cert ? { certChain: Buffer.from(tls.cert) } : {}),
  };
}
