/**
 * @packageDocumentation
 * The generic API server library: the storage interface and its in-memory backend, the
 * watch cache, the registry, REST handlers, patches, discovery and OpenAPI.
 */

// Storage: the interface, shared helpers for backends, the memory backend and the watch cache.
export type {
  KeyValue,
  ListOptions,
  ListResult,
  WatchEventType,
  StorageWatchEvent,
  WatchOptions,
  Watch,
  DeleteOptions,
  UpdateFunction,
  GuaranteedUpdateOptions,
  Storage,
  StorageErrorCode,
} from "./storage/interface.js";
export { MAX_VALUE_BYTES, StorageError, isStorageError } from "./storage/interface.js";
export type { ContinuePosition } from "./storage/continue.js";
export { CONTINUE_TOKEN_VERSION, decodeContinue, encodeContinue } from "./storage/continue.js";
export type { StorageErrorTarget } from "./storage/errors.js";
export {
  CONTINUE_EXPIRED_MESSAGE,
  OPTIMISTIC_LOCK_MESSAGE,
  checkValueSize,
  closedError,
  compactedError,
  conflictError,
  futureRevisionError,
  keyExistsError,
  keyNotFoundError,
  storageErrorToStatus,
  tooLargeError,
} from "./storage/errors.js";
export { MAX_UPDATE_ATTEMPTS, bytesEqual, runGuaranteedUpdate } from "./storage/guaranteed-update.js";
export { compareKeys, keyMatches, lowerBound } from "./storage/keys.js";
export { WatchQueue } from "./storage/watch-queue.js";
export type { KeyVersion, LoggedEvent, MemoryStorageState } from "./storage/memory-state.js";
export { createMemoryState } from "./storage/memory-state.js";
export type { MemoryStorageOptions } from "./storage/memory.js";
export { MemoryStorage } from "./storage/memory.js";
export type { CachePage, CacheSnapshot } from "./storage/cache-snapshot.js";
export type { CacheWatchEnd, CacheWatcher, WatchCacheListener } from "./storage/cache-watcher.js";
export { EventRing } from "./storage/event-ring.js";
export type { CachedObject, CacheErrorEvent, CacheObjectEventType, WatchCacheEvent } from "./storage/watch-cache-event.js";
export { CacheBookmarkEvent, CacheObjectEvent, EncodingMemo } from "./storage/watch-cache-event.js";
export type { CacheListOptions, CacheReadOptions, CacheWatchOptions, RevisionMatch, WatchCacheOptions } from "./storage/watch-cache-options.js";
export { WatchCache } from "./storage/watch-cache.js";
export type { CachedStorageOptions } from "./storage/cached-storage.js";
export { CachedStorage } from "./storage/cached-storage.js";

// REST: request parsing, the API handler, the generic registry, Table output and patches.
export type { Verb, RequestInfo, ResourceRequestInfo } from "./endpoints/request-info.js";
export { parseRequestInfo } from "./endpoints/request-info.js";
export type { ApiRequest, ApiResponse } from "./endpoints/http-util.js";
export { MAX_REQUEST_BODY_BYTES } from "./endpoints/http-util.js";
export type { ApiHandlerConfig, VersionInfo, FilterFactory } from "./endpoints/api-handler.js";
export { createApiHandler } from "./endpoints/api-handler.js";
export { humanAge, toTable, type IncludeObject } from "./endpoints/table.js";
export type { PrintColumn, ResourceInfo } from "./registry/resource.js";
export { allVerbs, apiVersionOf, qualifiedResource } from "./registry/resource.js";
export type { ObjectData, ObjectMetaData, Strategy } from "./registry/strategy.js";
export type { StorageCodec, WriteOptions, UpdateRequest, UpdateResult, DeleteRequest, DeleteResult, ObjectFilter, ListRequest, ListPage, ObjectEvent } from "./registry/store.js";
export { Store } from "./registry/store.js";
export { applyJsonPatch } from "./patch/json-patch.js";
export { applyMergePatch } from "./patch/merge-patch.js";
export { applyStrategicMergePatch, applyStrategicMergePatchTo, messageSchemaOf } from "./patch/strategic-merge-patch.js";
export { ApiMetrics } from "./endpoints/metrics.js";
export { Exchange, fieldValidationOf, type FieldValidation } from "./endpoints/negotiation.js";
export { initialEventsEndAnnotation } from "./endpoints/watch.js";
export { builtinScheme, builtinCodecs, storageCodec } from "./codecs.js";
export { selectorFilter, selectableFieldsOf } from "./registry/selectors.js";
export {
  FieldManager,
  validateFieldManagerParameters,
  managerOrUserAgent,
  type ApplyOptions,
  type FieldManagerConfig,
  type UpdateOptions as FieldManagerUpdateOptions,
} from "./fieldmanager/index.js";
