/**
 * @packageDocumentation
 * The generic API server library: the storage interface and its in-memory backend, the
 * watch cache, the registry, REST handlers, patches, discovery and OpenAPI.
 */
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
