/**
 * Continue tokens of paginated lists, in kube-apiserver's format: unpadded base64url of
 * the JSON `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key, relative to the
 * list prefix>"}`. The token pins the revision of the first page, so every page of one
 * list reflects the same revision. Every backend encodes and decodes tokens here, so a
 * token from one serves the next page from another (a watch cache falling back to its
 * storage, for example).
 */
import { StorageError } from "./interface.js";

/** The `v` field of every token this module writes and the only one it reads. */
export const CONTINUE_TOKEN_VERSION = "meta.k8s.io/v1";

/** A decoded continue token. */
export interface ContinuePosition {
  /** The full key to start the next page at (inclusive). */
  readonly startKey: string;
  /** The revision that every page of the list reflects. */
  readonly revision: number;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encodes the token of the page that starts at `nextKey`. `nextKey` is a full key under
 * `prefix`, usually the last key of the page followed by `"\u0000"`, the smallest key after it.
 */
export function encodeContinue(nextKey: string, prefix: string, revision: number): string {
  if (!nextKey.startsWith(prefix) || nextKey.length === prefix.length) {
    throw new StorageError("InvalidContinue", nextKey, `cannot encode a continue token: the key "${nextKey}" is not under the prefix "${prefix}"`);
  }
  if (!Number.isSafeInteger(revision) || revision <= 0) {
    throw new StorageError("InvalidContinue", nextKey, `cannot encode a continue token: invalid revision ${revision}`);
  }
  const json = JSON.stringify({ v: CONTINUE_TOKEN_VERSION, rv: revision, start: nextKey.slice(prefix.length) });
  return Buffer.from(json, "utf8").toString("base64url");
}

/**
 * Decodes a continue token of a list of `prefix`. Fails with StorageError `InvalidContinue`
 * when the token is not base64url JSON of the known version, its revision is not positive,
 * or its start key is empty or climbs out of the prefix (`..`, `.` or empty path segments).
 */
export function decodeContinue(token: string, prefix: string): ContinuePosition {
  const invalid = (why: string): StorageError => new StorageError("InvalidContinue", prefix, `continue key is not valid: ${why}`);
  if (token.length === 0 || !BASE64URL.test(token) || token.length % 4 === 1) {
    throw invalid(`"${truncate(token)}" is not unpadded base64url`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch (error) {
    throw invalid(`the decoded token is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid("the decoded token is not a JSON object");
  }
  const fields = parsed as Record<string, unknown>;
  if (fields["v"] !== CONTINUE_TOKEN_VERSION) {
    throw invalid(`server does not recognize this encoded version ${JSON.stringify(fields["v"] ?? null)}`);
  }
  const revision = fields["rv"];
  if (typeof revision !== "number" || !Number.isSafeInteger(revision) || revision <= 0) {
    throw invalid(`incorrect encoded start resourceVersion (version ${CONTINUE_TOKEN_VERSION})`);
  }
  const start = fields["start"];
  if (typeof start !== "string" || start.length === 0) {
    throw invalid(`encoded start key empty (version ${CONTINUE_TOKEN_VERSION})`);
  }
  if (!isCleanPath(start.startsWith("/") ? start : `/${start}`)) {
    throw invalid(`the start key ${JSON.stringify(start)} is not a clean relative path`);
  }
  return { startKey: prefix + start, revision };
}

/** Reports whether `path` (starting with "/") has no empty, `.` or `..` segments, as `path.Clean` would leave it. */
function isCleanPath(path: string): boolean {
  if (path === "/") return true;
  const segments = path.slice(1).split("/");
  return segments.every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}
