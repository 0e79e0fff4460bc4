// TODO: replace these with the equivalents from @apimachinery/apiserver (continue.ts,
// errors.ts) once its index exports them; the signatures and messages match.
import { MAX_VALUE_BYTES, StorageError } from "@apimachinery/apiserver";

export function keyNotFoundError(key: string): StorageError {
  return new StorageError("KeyNotFound", key, `key "${key}" not found`);
}
export function keyExistsError(key: string): StorageError {
  return new StorageError("KeyExists", key, `key "${key}" already exists`);
}
export function conflictError(key: string, expected: number, current: number): StorageError {
  return new StorageError("Conflict", key, `revision conflict on key "${key}": expected ${expected}, current ${current}`, current);
}
export function compactedError(key: string, requested: number, compacted: number): StorageError {
  return new StorageError("Compacted", key, `too old resource version: ${requested} (${compacted})`, compacted);
}
export function futureRevisionError(key: string, requested: number, current: number): StorageError {
  return new StorageError("Timeout", key, `Too large resource version: ${requested}, current: ${current}`, current);
}
export function closedError(key: string): StorageError {
  return new StorageError("Closed", key, `storage is closed: cannot access key "${key}"`);
}
export function checkValueSize(key: string, value: Uint8Array): void {
  if (value.byteLength > MAX_VALUE_BYTES) {
    throw new StorageError("TooLarge", key, `the value of key "${key}" is ${value.byteLength} bytes, over the limit of ${MAX_VALUE_BYTES} bytes`);
  }
}
export interface ContinuePosition {
  readonly startKey: string;
  readonly revision: number;
}
export function encodeContinue(nextKey: string, prefix: string, revision: number): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: revision, start: nextKey.slice(prefix.length) });
  return Buffer.from(json, "utf8").toString("base64url");
}
export function decodeContinue(token: string, prefix: string): ContinuePosition {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { rv: number; start: string };
    if (typeof parsed.rv !== "number" || typeof parsed.start !== "string" || parsed.start === "") throw new Error("fields");
    return { startKey: prefix + parsed.start, revision: parsed.rv };
  } catch {
    throw new StorageError("InvalidContinue", prefix, `continue key is not valid: "${token}"`);
  }
}
