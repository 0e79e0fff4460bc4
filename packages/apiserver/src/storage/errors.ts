/**
 * Constructors of the StorageErrors that every backend raises, with uniform messages, and
 * the mapping of a StorageError to the StatusError the API server sends.
 */
import { StatusError, type QualifiedName } from "@apimachinery/meta";
import { MAX_VALUE_BYTES, StorageError, isStorageError } from "./interface.js";

/** The message kube-apiserver gives for an update that lost an optimistic-concurrency race. */
export const OPTIMISTIC_LOCK_MESSAGE = "the object has been modified; please apply your changes to the latest version and try again";

/** The message of a list continued with a token whose revision has been compacted. */
export const CONTINUE_EXPIRED_MESSAGE =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

const TOO_LARGE_RESOURCE_VERSION = "Too large resource version";

/** Returns the `KeyNotFound` error of `key`. */
export function keyNotFoundError(key: string): StorageError {
  return new StorageError("KeyNotFound", key, `key "${key}" not found`);
}

/** Returns the `KeyExists` error of a create of `key`. */
export function keyExistsError(key: string): StorageError {
  return new StorageError("KeyExists", key, `key "${key}" already exists`);
}

/** Returns the `Conflict` error of a write to `key` that expected `expected` but found `current` (0: absent). */
export function conflictError(key: string, expected: number, current: number): StorageError {
  return new StorageError("Conflict", key, `revision conflict on key "${key}": expected ${expected}, current ${current}`, current, expected);
}

/** Returns the `Compacted` error of a read of `key` at `requested`, below the compacted revision `compacted`. */
export function compactedError(key: string, requested: number, compacted: number): StorageError {
  return new StorageError("Compacted", key, `too old resource version: ${requested} (${compacted})`, compacted, requested);
}

/** Returns the `TooLarge` error of a value of `size` bytes written to `key`. */
export function tooLargeError(key: string, size: number): StorageError {
  return new StorageError("TooLarge", key, `the value of key "${key}" is ${size} bytes, over the limit of ${MAX_VALUE_BYTES} bytes`);
}

/** Returns the `Timeout` error of a read at `requested` while the store is still at `current`. */
export function futureRevisionError(key: string, requested: number, current: number): StorageError {
  return new StorageError("Timeout", key, `${TOO_LARGE_RESOURCE_VERSION}: ${requested}, current: ${current}`, current, requested);
}

/** Returns the `Closed` error of an operation on `key` after the store was closed. */
export function closedError(key: string): StorageError {
  return new StorageError("Closed", key, `storage is closed: cannot access key "${key}"`);
}

/** Throws `TooLarge` when `value` is over MAX_VALUE_BYTES. */
export function checkValueSize(key: string, value: Uint8Array): void {
  if (value.byteLength > MAX_VALUE_BYTES) throw tooLargeError(key, value.byteLength);
}

/** The resource and object a failed storage operation concerned, named in the Status. */
export interface StorageErrorTarget extends QualifiedName {
  /** The `resourceVersion` of the request, used when the error does not carry it. */
  readonly resourceVersion?: number | string;
  /** Whether the request was a list continued with a token (changes the Compacted message). */
  readonly continued?: boolean;
}

/**
 * Maps a storage failure to the StatusError kube-apiserver sends for it.
 *
 * - KeyNotFound → 404 NotFound, KeyExists → 409 AlreadyExists, Conflict → 409 Conflict
 * - Compacted → 410 Expired, TooLarge → 413 RequestEntityTooLarge, InvalidContinue → 400 BadRequest
 * - Timeout → 504 Timeout, with the ResourceVersionTooLarge cause for a future revision
 * - Unreachable → 503 ServiceUnavailable, Closed → 500 InternalError
 *
 * A StatusError passes through unchanged, and any other error becomes InternalError.
 */
export function storageErrorToStatus(error: unknown, target: StorageErrorTarget): StatusError {
  if (error instanceof StatusError) return error;
  if (!isStorageError(error)) return StatusError.internal(error);
  switch (error.code) {
    case "KeyNotFound":
      return StatusError.notFound(target);
    case "KeyExists":
      return StatusError.alreadyExists(target);
    case "Conflict":
      return StatusError.conflict(target, OPTIMISTIC_LOCK_MESSAGE);
    case "Compacted":
      return compactedStatus(error, target);
    case "TooLarge":
      return StatusError.requestEntityTooLarge(`limit is ${MAX_VALUE_BYTES}`);
    case "InvalidContinue":
      return StatusError.badRequest(error.message);
    case "Timeout":
      return timeoutStatus(error);
    case "Unreachable":
      return StatusError.serviceUnavailable(error.message);
    case "Closed":
      return StatusError.internal(error);
  }
}

function compactedStatus(error: StorageError, target: StorageErrorTarget): StatusError {
  if (target.continued) return StatusError.expired(CONTINUE_EXPIRED_MESSAGE);
  const requested = error.requestedRevision ?? target.resourceVersion;
  if (requested === undefined || error.revision === undefined) return StatusError.expired(error.message);
  return StatusError.expired(`too old resource version: ${requested} (${error.revision})`);
}

function timeoutStatus(error: StorageError): StatusError {
  if (error.requestedRevision === undefined || error.revision === undefined) return StatusError.timeout(error.message);
  // kube-apiserver tells the client to retry a read at a future revision after one second.
  const status = StatusError.timeout(`${TOO_LARGE_RESOURCE_VERSION}: ${error.requestedRevision}, current: ${error.revision}`, 1);
  return new StatusError({
    ...status.status,
    details: { ...status.status.details, causes: [{ reason: "ResourceVersionTooLarge", message: TOO_LARGE_RESOURCE_VERSION }] },
  });
}
