import { StorageError, MAX_VALUE_BYTES } from "@apimachinery/apiserver";

/** etcd's message for a read or watch at a revision that compaction removed. */
export const ETCD_COMPACTED_MESSAGE = "mvcc: required revision has been compacted";
/** etcd's message for a read at a revision that does not exist yet. */
export const ETCD_FUTURE_REVISION_MESSAGE = "mvcc: required revision is a future revision";
/** etcd's message when a request exceeds `--max-request-bytes`. */
export const ETCD_TOO_LARGE_MESSAGE = "etcdserver: request is too large";

/** The gRPC status codes that the mapping distinguishes. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;

/** Context for mapping an error: the key the operation addressed and, for reads, the revision. */
export interface ErrorContext {
  readonly key: string;
  readonly revision?: number;
}

/**
 * Maps an error from the etcd3 client (gRPC status errors and etcd server messages) to a
 * StorageError: compacted revision → `Compacted`, request too large → `TooLarge`, deadline
 * → `Timeout`, no connection → `Unreachable`, closed client → `Closed`. A StorageError
 * passes through unchanged; anything else becomes `Unreachable` with the original message,
 * since the store cannot tell what the server did.
 */
export function toStorageError(error: unknown, context: ErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = grpcCode(error);
  const name = error instanceof Error ? error.constructor.name : "";
  const { key } = context;

  if (message.includes(ETCD_COMPACTED_MESSAGE)) {
    // etcd does not name the compacted revision, so `revision` stays unset.
    return new StorageError("Compacted", key, `too old resource version: ${context.revision ?? "unknown"} (key ${key})`, undefined, context.revision);
  }
  if (message.includes(ETCD_FUTURE_REVISION_MESSAGE)) {
    return new StorageError("Timeout", key, `revision ${context.revision ?? "requested"} of ${key} is newer than the store's current revision`, undefined, context.revision);
  }
  if (message.includes(ETCD_TOO_LARGE_MESSAGE) || code === GRPC_RESOURCE_EXHAUSTED || name === "GRPCResourceExhastedError" || /larger than max/i.test(message)) {
    return new StorageError("TooLarge", key, `request for ${key} is too large for etcd (limit ${MAX_VALUE_BYTES} bytes): ${message}`);
  }
  if (name === "ClientClosedError") {
    return new StorageError("Closed", key, `etcd storage is closed, so ${key} was not accessed: open a new EtcdStorage`);
  }
  if (code === GRPC_DEADLINE_EXCEEDED || name === "GRPCDeadlineExceededError") {
    return new StorageError("Timeout", key, `etcd request for ${key} timed out: ${message}`);
  }
  if (code === GRPC_UNAVAILABLE || name === "GRPCUnavailableError" || name === "BrokenCircuitError") {
    return new StorageError("Unreachable", key, `etcd is unreachable for ${key}: ${message}`);
  }
  return new StorageError("Unreachable", key, `etcd request for ${key} failed: ${message}`);
}

function grpcCode(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "number" ? code : undefined;
}
