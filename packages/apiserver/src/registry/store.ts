import { randomUUID } from "node:crypto";
import { StatusError, isConflict, isStatusError, type StatusCause } from "@apimachinery/meta";
import { isDeepEqual } from "@apimachinery/serializer-json";
import type { CacheWatcher, WatchCacheListener } from "../storage/cache-watcher.js";
import type { KeyValue, Storage, StorageWatchEvent } from "../storage/interface.js";
import { decodeContinue, encodeContinue } from "../storage/continue.js";
import { storageErrorToStatus } from "../storage/errors.js";
import { bytesEqual } from "../storage/guaranteed-update.js";
import { isStorageError } from "../storage/interface.js";
import { WatchCache } from "../storage/watch-cache.js";
import type { FieldManager } from "../fieldmanager/field-manager.js";
import type { WatchCacheOptions } from "../storage/watch-cache-options.js";
import { apiVersionOf, qualifiedResource, type ResourceInfo } from "./resource.js";
import type { ObjectData, ObjectMetaData, Strategy } from "./strategy.js";

/** Turns objects into stored bytes and back. */
export interface StorageCodec {
  encode(object: ObjectData): Uint8Array;
  decode(value: Uint8Array): ObjectData;
}

/** Options shared by writes. */
export interface WriteOptions {
  /** `dryRun=All`: run every step but the storage write. */
  readonly dryRun?: boolean;
  /** The field manager credited in `metadata.managedFields`; absent leaves managedFields to the caller. */
  readonly manager?: string;
}

/** A predicate over objects, built from label and field selectors. */
export type ObjectFilter = (object: ObjectData) => boolean;

/** Options of a list. */
export interface ListRequest {
  readonly filter?: ObjectFilter;
  readonly limit?: number;
  readonly continue?: string;
  /** Read at exactly this revision (`resourceVersionMatch=Exact`). */
  readonly exactRevision?: number;
  /** Read at this revision or later (`resourceVersionMatch=NotOlderThan`). */
  readonly minRevision?: number;
}

/** One page of a list. */
export interface ListPage {
  readonly items: ObjectData[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** One event of a resource watch, decoded. */
export type ObjectEvent =
  | { readonly type: "ADDED" | "MODIFIED" | "DELETED"; readonly object: ObjectData; readonly revision: number }
  | { readonly type: "BOOKMARK"; readonly revision: number }
  | { readonly type: "ERROR"; readonly error: StatusError };

/** Options of a watch served by the watch cache. */
export interface CachedWatchRequest {
  /** Deliver every change after this revision; 0 starts at the cache's current revision. */
  readonly fromRevision?: number;
  /** First send every current object as ADDED, then a bookmark that ends the initial events. */
  readonly sendInitialEvents?: boolean;
  readonly filter?: ObjectFilter;
  /** Watch one object instead of the namespace. */
  readonly name?: string;
  readonly bookmarks?: boolean;
}

/** Settings of a Store beyond its resource, storage, codec and strategy. */
export interface StoreOptions {
  /**
   * Serve lists and watches from a watch cache in front of the storage. Either true for the
   * defaults or the cache's settings (its prefix and decoder are the Store's). Default false.
   */
  readonly watchCache?: boolean | Omit<WatchCacheOptions<ObjectData>, "prefix" | "decode">;
  /** Records field ownership in `metadata.managedFields` for writes that name a manager. */
  readonly fieldManager?: FieldManager;
}

/** Options of an update. */
export interface UpdateRequest extends WriteOptions {
  /** Write through this subresource (`status`, `finalize`, `scale`) rather than the object itself. */
  readonly subresource?: string;
  /** Create the object when it is absent, as PUT does for most resources. */
  readonly allowCreate?: boolean;
  /** Keep the request's managedFields as they are, even through a subresource (server-side apply computed them). */
  readonly managedFieldsFromRequest?: boolean;
}

/** The outcome of an update: the object as stored, and whether the update created it. */
export interface UpdateResult {
  readonly object: ObjectData;
  readonly created: boolean;
}

/** Options of a delete. */
export interface DeleteRequest extends WriteOptions {
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly gracePeriodSeconds?: number;
}

/** The outcome of a delete: the object is gone, or it waits for finalizers. */
export interface DeleteResult {
  readonly object: ObjectData;
  /** False when the object stays with a `deletionTimestamp` until its finalizers are removed. */
  readonly deleted: boolean;
}

/** How many times an update without a resourceVersion is retried when another write wins the race. */
const unconditionalUpdateRetries = 10;

const generateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
const generateNameSuffixLength = 5;
const maxGenerateNamePrefix = 63 - generateNameSuffixLength;

/** Formats a Date as a meta/v1 Time: RFC 3339 in UTC with whole seconds. */
function nowTime(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

function metadataOf(object: ObjectData): ObjectMetaData {
  if (object.metadata === undefined || object.metadata === null || typeof object.metadata !== "object") object.metadata = {};
  return object.metadata;
}

/** ObjectMeta fields that Go stores by value and leaves out of JSON when empty. */
const omitEmptyMetadataStrings = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion"] as const;
const omitEmptyMetadataCollections = ["labels", "annotations", "finalizers", "ownerReferences"] as const;

/**
 * Removes the empty values that a Go client's protobuf body carries for every by-value
 * ObjectMeta field (`generateName: ""`, `generation: 0`, `labels: {}`), so that the object
 * reads as Go's JSON would show it.
 */
function dropEmptyMetadata(metadata: ObjectMetaData): void {
  for (const field of omitEmptyMetadataStrings) if (metadata[field] === "") delete metadata[field];
  for (const field of omitEmptyMetadataCollections) {
    const value = metadata[field];
    if (value !== undefined && value !== null && typeof value === "object" && Object.keys(value).length === 0) delete metadata[field];
  }
  if (metadata.generation === 0) delete metadata.generation;
  if (metadata.creationTimestamp === null) delete metadata.creationTimestamp;
}

/**
 * Parses a resourceVersion sent by a client: decimal digits only. Anything else is a
 * BadRequest naming the value.
 */
export function parseResourceVersion(value: string): number {
  const revision = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(revision)) throw StatusError.badRequest(`invalid resourceVersion "${value}": it must be a non-negative integer`);
  return revision;
}

/** Returns the causes that make a name unusable as a URL path segment: `.`, `..`, `/` and `%`. */
function pathSegmentNameCauses(name: string): StatusCause[] {
  const invalid = (why: string): StatusCause => ({ reason: "FieldValueInvalid", message: `Invalid value: "${name}": ${why}`, field: "metadata.name" });
  if (name === "." || name === "..") return [invalid(`may not be '${name}'`)];
  const causes: StatusCause[] = [];
  if (name.includes("/")) causes.push(invalid("may not contain '/'"));
  if (name.includes("%")) causes.push(invalid("may not contain '%'"));
  return causes;
}

function randomSuffix(): string {
  let suffix = "";
  for (let i = 0; i < generateNameSuffixLength; i++) {
    suffix += generateNameAlphabet[Math.floor(Math.random() * generateNameAlphabet.length)];
  }
  return suffix;
}

/**
 * The generic registry of one resource over revisioned storage: object metadata
 * (`uid`, `creationTimestamp`, `generation`, `resourceVersion`), optimistic concurrency,
 * `generateName`, finalizers and the status subresource.
 */
export class Store {
  /** The watch cache that serves lists and watches, when the Store has one. */
  readonly cache: WatchCache<ObjectData> | undefined;
  private readonly fieldManager: FieldManager | undefined;

  constructor(
    readonly info: ResourceInfo,
    private readonly storage: Storage,
    private readonly codec: StorageCodec,
    private readonly strategy: Strategy = {},
    options: StoreOptions = {},
  ) {
    this.fieldManager = options.fieldManager;
    if (options.watchCache) {
      const settings = options.watchCache === true ? {} : options.watchCache;
      this.cache = new WatchCache(storage, { ...settings, prefix: this.keyPrefix(), decode: (kv) => this.fromKeyValue(kv) });
    }
  }

  /** Fills the watch cache, if any. The first list or watch starts it too, so calling this only warms it up. */
  async start(): Promise<void> {
    await this.cache?.start();
  }

  /** Stops the watch cache, if any; its watchers end. */
  async stop(): Promise<void> {
    await this.cache?.stop();
  }

  /** Returns the storage key prefix of the resource, optionally narrowed to a namespace. */
  keyPrefix(namespace = ""): string {
    const base = this.info.group === "" || isBuiltinGroup(this.info.group) ? `/${this.info.resource}/` : `/${this.info.group}/${this.info.resource}/`;
    return this.info.namespaced && namespace !== "" ? `${base}${namespace}/` : base;
  }

  /** Returns the storage key of one object. */
  key(namespace: string, name: string): string {
    return `${this.keyPrefix(this.info.namespaced ? namespace : "")}${name}`;
  }

  /** Decodes a stored value and sets `metadata.resourceVersion` from its revision. */
  fromKeyValue(kv: KeyValue): ObjectData {
    const object = this.codec.decode(kv.value);
    metadataOf(object).resourceVersion = String(kv.modRevision);
    return object;
  }

  private encodeForStorage(object: ObjectData): Uint8Array {
    const metadata = metadataOf(object);
    const resourceVersion = metadata.resourceVersion;
    delete metadata.resourceVersion;
    try {
      return this.codec.encode(object);
    } catch (error) {
      // A value of the wrong type (a string where the schema has an integer) first fails here.
      // The client sent JSON or YAML, so the error names the field rather than the codec.
      if (isStatusError(error) && error.reason === "BadRequest") {
        const detail = error.message.replace(/^failed to encode protobuf: /, "");
        throw StatusError.badRequest(`${qualifiedResource(this.info)} "${metadata.name ?? ""}": invalid value: ${detail}`);
      }
      throw error;
    } finally {
      if (resourceVersion !== undefined) metadata.resourceVersion = resourceVersion;
    }
  }

  /** The group, version and kind of the resource. */
  gvk(): { group: string; version: string; kind: string } {
    return { group: this.info.group, version: this.info.version, kind: this.info.kind };
  }

  private target(name: string | undefined) {
    return { group: this.info.group, resource: this.info.resource, ...(name === undefined ? {} : { name }) };
  }

  /** Throws the StatusError that a client receives for a storage failure. */
  private translate(error: unknown, name: string | undefined, context: { continued?: boolean } = {}): never {
    if (!isStorageError(error)) throw error;
    throw storageErrorToStatus(error, { ...this.target(name), ...context });
  }

  private checkTypeMeta(object: ObjectData): void {
    dropEmptyMetadata(metadataOf(object));
    const expected = apiVersionOf(this.info);
    if (object.apiVersion !== undefined && object.apiVersion !== expected) {
      throw StatusError.badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`);
    }
    if (object.kind !== undefined && object.kind !== this.info.kind) {
      throw StatusError.badRequest(`the kind in the data (${String(object.kind)}) does not match the expected kind (${this.info.kind})`);
    }
    object.apiVersion = expected;
    object.kind = this.info.kind;
  }

  private checkNamespace(metadata: ObjectMetaData, namespace: string): void {
    if (!this.info.namespaced) {
      delete metadata.namespace;
      return;
    }
    if (metadata.namespace !== undefined && metadata.namespace !== "" && metadata.namespace !== namespace) {
      throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    metadata.namespace = namespace;
  }

  private validate(causes: StatusCause[] | undefined, name: string | undefined): void {
    if (causes && causes.length > 0) throw StatusError.invalid({ ...this.target(name), kind: this.info.kind }, causes);
  }

  /** Creates an object in `namespace` (ignored for cluster-scoped resources). */
  async create(namespace: string, object: ObjectData, options: WriteOptions = {}): Promise<ObjectData> {
    this.checkTypeMeta(object);
    const metadata = metadataOf(object);
    this.checkNamespace(metadata, namespace);
    if ((metadata.name === undefined || metadata.name === "") && metadata.generateName) {
      metadata.name = metadata.generateName.slice(0, maxGenerateNamePrefix) + randomSuffix();
    }
    if (metadata.name === undefined || metadata.name === "") {
      this.validate([{ reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name" }], "");
    }
    metadata.uid = randomUUID();
    metadata.creationTimestamp = nowTime();
    if (this.info.tracksGeneration) metadata.generation = 1;
    else delete metadata.generation;
    delete metadata.resourceVersion;
    delete metadata.deletionTimestamp;
    delete metadata.deletionGracePeriodSeconds;
    // A resource with a status subresource takes its status only through that subresource.
    if (this.info.subresources.includes("status")) delete object["status"];
    this.strategy.prepareForCreate?.(object);
    this.strategy.applyDefaults?.(object);
    this.strategy.canonicalize?.(object);
    this.validate([...pathSegmentNameCauses(metadata.name ?? ""), ...(this.strategy.validate?.(object) ?? [])], metadata.name);
    let stored = object;
    if (options.manager !== undefined && this.fieldManager) {
      stored = this.fieldManager.updateManagedFields(undefined, object, { manager: options.manager, gvk: this.gvk() });
    }

    const name = metadata.name ?? "";
    // Encoding checks every field against the schema, so a dry run encodes too.
    const value = this.encodeForStorage(stored);
    if (options.dryRun) {
      if (await this.storage.get(this.key(namespace, name))) throw StatusError.alreadyExists(this.target(name));
      return this.codec.decode(value);
    }
    try {
      const kv = await this.storage.create(this.key(namespace, name), value);
      return this.fromKeyValue(kv);
    } catch (error) {
      this.translate(error, name);
    }
  }

  /** Reads one object; NotFound when absent. */
  async get(namespace: string, name: string): Promise<ObjectData> {
    let kv: KeyValue | undefined;
    try {
      kv = await this.storage.get(this.key(namespace, name));
    } catch (error) {
      this.translate(error, name);
    }
    if (!kv) throw StatusError.notFound(this.target(name));
    return this.fromKeyValue(kv);
  }

  /**
   * Lists objects of a namespace (all namespaces when empty). With a filter and a limit,
   * pages are read until the limit is filled, as kube-apiserver does, so a page may hold
   * fewer items than the limit only when it is the last one.
   */
  async list(namespace: string, request: ListRequest = {}): Promise<ListPage> {
    const prefix = this.keyPrefix(namespace);
    if (this.cache) return this.listFromCache(this.cache, prefix, request);
    const items: ObjectData[] = [];
    const limit = request.limit ?? 0;
    let token = request.continue;
    let revision = request.exactRevision;
    if (request.minRevision !== undefined && token === undefined) {
      const current = await this.storage.currentRevision();
      if (request.minRevision > current) {
        throw StatusError.timeout(`Too large resource version: ${request.minRevision}, current: ${current}`, 1);
      }
    }
    try {
      for (;;) {
        const page = await this.storage.list(prefix, {
          ...(revision !== undefined && token === undefined ? { revision } : {}),
          ...(limit > 0 ? { limit: limit - items.length } : {}),
          ...(token !== undefined ? { continue: token } : {}),
        });
        revision = page.revision;
        for (const kv of page.items) {
          const object = this.fromKeyValue(kv);
          if (!request.filter || request.filter(object)) items.push(object);
        }
        token = page.continue;
        if (limit === 0 || token === undefined || items.length >= limit) {
          return {
            items,
            resourceVersion: String(page.revision),
            ...(token !== undefined ? { continue: token } : {}),
            ...(token !== undefined && page.remainingItemCount !== undefined && !request.filter ? { remainingItemCount: page.remainingItemCount } : {}),
          };
        }
      }
    } catch (error) {
      return await this.translateListError(error, prefix, request);
    }
  }

  private async listFromCache(cache: WatchCache<ObjectData>, prefix: string, request: ListRequest): Promise<ListPage> {
    void cache.start().catch(() => undefined);
    try {
      const revision = request.exactRevision ?? request.minRevision;
      const page = await cache.list({
        prefix,
        ...(request.limit ? { limit: request.limit } : {}),
        ...(request.continue !== undefined ? { continue: request.continue } : {}),
        ...(request.filter ? { filter: request.filter } : {}),
        ...(revision !== undefined ? { revision, revisionMatch: request.exactRevision !== undefined ? "Exact" : "NotOlderThan" } : { consistent: true }),
      });
      return {
        items: page.items.map((entry) => entry.object),
        resourceVersion: String(page.revision),
        ...(page.continue !== undefined ? { continue: page.continue } : {}),
        ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
      };
    } catch (error) {
      return await this.translateListError(error, prefix, request);
    }
  }

  /**
   * Throws the StatusError of a list failure. A continue token whose revision was compacted
   * gets 410 Expired with a fresh token in `metadata.continue`, as kube-apiserver sends one.
   * The fresh token continues from the same key at the current revision, so the rest of the
   * list is consistent with itself but not with the earlier pages.
   */
  private async translateListError(error: unknown, prefix: string, request: ListRequest): Promise<never> {
    if (request.continue !== undefined && isStorageError(error, "Compacted")) {
      const { startKey } = decodeContinue(request.continue, prefix);
      const fresh = encodeContinue(startKey, prefix, await this.storage.currentRevision());
      const message =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, " +
        "or continue with the token in this response's metadata.continue, which lists the remaining objects as they are now.";
      throw new StatusError({ ...StatusError.expired(message).status, metadata: { continue: fresh } });
    }
    this.translate(error, undefined, { continued: request.continue !== undefined });
  }

  /**
   * Watches through the watch cache: events go to `listener` in order, and one event object
   * is shared by every watcher it reaches, so its encodings can be shared too. Returns
   * undefined when the Store has no cache.
   */
  watchCached(namespace: string, request: CachedWatchRequest, listener: WatchCacheListener<ObjectData>): CacheWatcher | undefined {
    if (!this.cache) return undefined;
    void this.cache.start().catch(() => undefined);
    return this.cache.watch(
      {
        key: request.name ? this.key(namespace, request.name) : this.keyPrefix(namespace),
        recursive: !request.name,
        ...(request.fromRevision ? { fromRevision: request.fromRevision } : {}),
        ...(request.sendInitialEvents ? { sendInitialEvents: true } : {}),
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.bookmarks ? { bookmarks: true } : {}),
      },
      listener,
    );
  }

  /**
   * Watches the objects of a namespace (all when empty), or one object when `name` is set,
   * from `fromRevision` (exclusive; 0 starts now). Events that the filter rejects are
   * skipped; an object that stops matching is sent as DELETED, one that starts matching as ADDED.
   */
  async *watch(
    namespace: string,
    options: { readonly fromRevision?: number; readonly filter?: ObjectFilter; readonly name?: string; readonly signal?: AbortSignal; readonly progressNotify?: boolean } = {},
  ): AsyncGenerator<ObjectEvent> {
    const key = options.name ? this.key(namespace, options.name) : this.keyPrefix(namespace);
    const watch = this.storage.watch(key, {
      recursive: !options.name,
      ...(options.fromRevision ? { fromRevision: options.fromRevision } : {}),
      ...(options.progressNotify ? { progressNotify: true } : {}),
    });
    const stop = () => watch.stop();
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      for await (const event of watch) {
        const decoded = this.decodeEvent(event, options.filter);
        if (decoded) yield decoded;
        if (event.type === "ERROR") return;
      }
    } finally {
      options.signal?.removeEventListener("abort", stop);
      watch.stop();
    }
  }

  private decodeEvent(event: StorageWatchEvent, filter: ObjectFilter | undefined): ObjectEvent | undefined {
    if (event.type === "BOOKMARK") return event;
    if (event.type === "ERROR") {
      const code = event.error.code;
      const message = code === "Compacted" ? `too old resource version: ${event.error.message}` : event.error.message;
      return { type: "ERROR", error: code === "Compacted" ? StatusError.expired(message) : StatusError.internal(event.error) };
    }
    const object = this.fromKeyValue(event.kv);
    if (!filter) return { type: event.type, object, revision: event.revision };
    const matches = filter(object);
    const previous = event.prev ? this.fromKeyValue(event.prev) : undefined;
    const matched = previous !== undefined && filter(previous);
    if (event.type === "DELETED") return matches || matched ? { type: "DELETED", object, revision: event.revision } : undefined;
    if (matches && !matched && event.type === "MODIFIED" && previous !== undefined) return { type: "ADDED", object, revision: event.revision };
    if (!matches && matched) {
      metadataOf(object).resourceVersion = String(event.revision);
      return { type: "DELETED", object, revision: event.revision };
    }
    return matches ? { type: event.type, object, revision: event.revision } : undefined;
  }

  /**
   * Replaces an object, or the status of it when `subresource` is `status`. A
   * `metadata.resourceVersion` in the object is a precondition (409 Conflict when stale).
   * With `allowCreate`, an absent object is created, as PUT does for most resources.
   */
  async update(
    namespace: string,
    name: string,
    object: ObjectData,
    options: UpdateRequest = {},
  ): Promise<UpdateResult> {
    // Without a resourceVersion the client requested an unconditional update. kube-apiserver
    // retries such an update when another write wins the race, rather than returning 409.
    const unconditional = !object.metadata?.resourceVersion;
    const original = unconditional ? structuredClone(object) : object;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.updateOnce(namespace, name, attempt === 0 ? object : structuredClone(original), options);
      } catch (error) {
        if (!unconditional || !isConflict(error) || attempt >= unconditionalUpdateRetries) throw error;
      }
    }
  }

  private async updateOnce(
    namespace: string,
    name: string,
    object: ObjectData,
    options: UpdateRequest = {},
  ): Promise<UpdateResult> {
    this.checkTypeMeta(object);
    const metadata = metadataOf(object);
    this.checkNamespace(metadata, namespace);
    if (metadata.name !== undefined && metadata.name !== name) {
      throw StatusError.badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    }
    metadata.name = name;
    const expected = metadata.resourceVersion ? parseResourceVersion(metadata.resourceVersion) : undefined;

    const current = await this.storage.get(this.key(namespace, name)).catch((error: unknown) => this.translate(error, name));
    if (!current) {
      if (!options.allowCreate || options.subresource) throw StatusError.notFound(this.target(name));
      delete metadata.resourceVersion;
      return { object: await this.create(namespace, object, options), created: true };
    }
    if (expected !== undefined && expected !== current.modRevision) {
      throw StatusError.conflict(this.target(name), "the object has been modified; please apply your changes to the latest version and try again");
    }
    const old = this.fromKeyValue(current);
    const requestedUid = object.metadata?.uid;
    if (requestedUid !== undefined && requestedUid !== "" && requestedUid !== old.metadata?.uid) {
      // kube-apiserver treats the uid of an update as a precondition.
      throw StatusError.conflict(this.target(name), `Precondition failed: UID in precondition: ${requestedUid}, UID in object meta: ${old.metadata?.uid ?? ""}`);
    }
    let next = this.mergeUpdate(object, old, options.subresource);
    this.validate(this.strategy.validateUpdate?.(next, old) ?? this.strategy.validate?.(next), name);
    if (options.manager !== undefined && this.fieldManager) {
      next = this.fieldManager.updateManagedFields(old, next, { manager: options.manager, gvk: this.gvk(), subresource: options.subresource ?? "" });
    } else if (options.managedFieldsFromRequest) {
      const managedFields = object.metadata?.managedFields;
      if (managedFields === undefined) delete metadataOf(next).managedFields;
      else metadataOf(next).managedFields = managedFields;
    }
    // Encoding checks every field against the schema, so a dry run encodes too.
    const value = this.encodeForStorage(next);
    // An update that changes nothing writes nothing, as kube-apiserver skips it, so the
    // resourceVersion stays and kubectl reports "(no change)". A dry run keeps it too.
    if (options.dryRun || bytesEqual(value, current.value)) {
      return { object: this.fromKeyValue({ ...current, value }), created: false };
    }
    if (this.finalizersDone(next)) {
      await this.storage.delete(this.key(namespace, name), { expectedRevision: current.modRevision }).catch((error: unknown) => this.translate(error, name));
      return { object: this.codec.decode(value), created: false };
    }
    try {
      const kv = await this.storage.update(this.key(namespace, name), value, current.modRevision);
      return { object: this.fromKeyValue(kv), created: false };
    } catch (error) {
      this.translate(error, name);
    }
  }

  /** Builds the stored object of an update from the new and the old object. */
  private mergeUpdate(object: ObjectData, old: ObjectData, subresource: string | undefined): ObjectData {
    const oldMeta = metadataOf(old);
    let next: ObjectData;
    if (subresource === "status") {
      next = { ...old, status: object["status"] };
      if (object["status"] === undefined) delete next["status"];
      next.metadata = { ...oldMeta };
    } else if (subresource === "finalize") {
      const spec = { ...((old["spec"] as Record<string, unknown> | undefined) ?? {}) };
      const finalizers = (object["spec"] as Record<string, unknown> | undefined)?.["finalizers"];
      if (finalizers === undefined) delete spec["finalizers"];
      else spec["finalizers"] = finalizers;
      next = { ...old, spec };
      next.metadata = { ...oldMeta };
    } else {
      next = object;
      if (this.info.subresources.includes("status")) {
        if (old["status"] === undefined) delete next["status"];
        else next["status"] = old["status"];
      }
      this.strategy.prepareForUpdate?.(next, old);
      this.strategy.applyDefaults?.(next);
      this.strategy.canonicalize?.(next);
    }

    const metadata = metadataOf(next);
    if (oldMeta.uid !== undefined) metadata.uid = oldMeta.uid;
    if (oldMeta.creationTimestamp !== undefined) metadata.creationTimestamp = oldMeta.creationTimestamp;
    if (oldMeta.deletionTimestamp !== undefined) metadata.deletionTimestamp = oldMeta.deletionTimestamp;
    else delete metadata.deletionTimestamp;
    if (oldMeta.deletionGracePeriodSeconds !== undefined) metadata.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;

    const specChanged = !isDeepEqual(next["spec"], old["spec"]);
    // Writes through `scale` change the spec like writes to the object itself.
    const mainResource = subresource === undefined || subresource === "" || subresource === "scale";
    const bumpGeneration = mainResource && specChanged && next["spec"] !== undefined;
    if (this.info.tracksGeneration) metadata.generation = (oldMeta.generation ?? 1) + (bumpGeneration ? 1 : 0);
    else delete metadata.generation;

    delete metadata.resourceVersion;
    return next;
  }

  /** Reports whether an object waiting for deletion has lost its last finalizer. */
  private finalizersDone(object: ObjectData): boolean {
    return metadataOf(object).deletionTimestamp !== undefined && !this.hasFinalizers(object);
  }

  private hasFinalizers(object: ObjectData): boolean {
    return (metadataOf(object).finalizers ?? []).length > 0 || this.strategy.hasPendingFinalizers?.(object) === true;
  }

  /**
   * Deletes an object. One with finalizers gets a `deletionTimestamp` and stays until
   * the last finalizer is removed.
   */
  async delete(namespace: string, name: string, request: DeleteRequest = {}): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    const current = await this.storage.get(key).catch((error: unknown) => this.translate(error, name));
    if (!current) throw StatusError.notFound(this.target(name));
    const object = this.fromKeyValue(current);
    const metadata = metadataOf(object);
    const preconditions = request.preconditions;
    if (preconditions?.uid !== undefined && preconditions.uid !== metadata.uid) {
      throw StatusError.conflict(
        this.target(name),
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${metadata.uid ?? ""}`,
      );
    }
    if (preconditions?.resourceVersion !== undefined && preconditions.resourceVersion !== metadata.resourceVersion) {
      throw StatusError.conflict(
        this.target(name),
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${metadata.resourceVersion ?? ""}`,
      );
    }

    if (this.hasFinalizers(object)) {
      if (metadata.deletionTimestamp === undefined) {
        metadata.deletionTimestamp = nowTime();
        metadata.deletionGracePeriodSeconds = request.gracePeriodSeconds ?? 0;
        this.strategy.prepareForDelete?.(object);
        if (!request.dryRun) {
          const kv = await this.storage
            .update(key, this.encodeForStorage(object), current.modRevision)
            .catch((error: unknown) => this.translate(error, name));
          metadata.resourceVersion = String(kv.modRevision);
        }
      }
      return { object, deleted: false };
    }
    if (!request.dryRun) {
      await this.storage.delete(key, { expectedRevision: current.modRevision }).catch((error: unknown) => this.translate(error, name));
    }
    return { object, deleted: true };
  }
}

/**
 * Built-in groups whose storage keys omit the group (`/registry/deployments/...`), as
 * kube-apiserver lays them out. Custom resources are stored under `/<group>/<resource>/`.
 */
function isBuiltinGroup(group: string): boolean {
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io");
}
