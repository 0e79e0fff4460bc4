import { StatusError } from "@apimachinery/meta";
import { cloneJson, isJsonObject, jsonEqual, jsonTypeName, setJsonKey } from "./json-value.js";

/** The maximum number of operations in a JSON patch, the same limit kube-apiserver sets. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Operation = { op: string; path: string[]; from?: string[]; value?: unknown; raw: Record<string, unknown> };

/**
 * Applies an RFC 6902 JSON Patch to a copy of `target`. Neither input is changed, and the
 * result shares no objects with them. Integers decoded as `bigint` pass through unchanged.
 * A malformed or failing operation is a BadRequest naming its index and path.
 */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw StatusError.badRequest(`the JSON patch must be a list of operations, got ${jsonTypeName(patch)}`);
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw StatusError.badRequest(`the allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`);
  }
  const operations = patch.map((raw, index) => parseOperation(raw, index));
  let document = cloneJson(target);
  operations.forEach((operation, index) => {
    try {
      document = applyOperation(document, operation);
    } catch (cause) {
      if (!(cause instanceof PatchFailure)) throw cause;
      throw StatusError.badRequest(`the JSON patch could not be applied: operation ${index} (${operation.op} ${String(operation.raw.path)}): ${cause.message}`);
    }
  });
  return document;
}

/** A failed operation; turned into a BadRequest that names the operation. */
class PatchFailure extends Error {}

function parseOperation(raw: unknown, index: number): Operation {
  const invalid = (reason: string) => StatusError.badRequest(`invalid JSON patch: operation ${index}: ${reason}`);
  if (!isJsonObject(raw)) throw invalid(`expected an object, got ${jsonTypeName(raw)}`);
  const { op, path, from } = raw;
  if (typeof op !== "string") throw invalid(`missing "op"`);
  if (!["add", "remove", "replace", "move", "copy", "test"].includes(op)) throw invalid(`unknown op "${op}"`);
  if (typeof path !== "string") throw invalid(`missing "path"`);
  const operation: Operation = { op, path: parsePointer(path, invalid), raw };
  if (op === "move" || op === "copy") {
    if (typeof from !== "string") throw invalid(`missing "from"`);
    operation.from = parsePointer(from, invalid);
  }
  if (op === "add" || op === "replace" || op === "test") {
    if (!Object.hasOwn(raw, "value")) throw invalid(`missing "value"`);
    operation.value = raw.value;
  }
  return operation;
}

/** Splits an RFC 6901 JSON pointer into its unescaped reference tokens. */
function parsePointer(pointer: string, invalid: (reason: string) => StatusError): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw invalid(`the path "${pointer}" must be empty or start with "/"`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw invalid(`the path "${pointer}" has an invalid "~" escape`);
      return token.replaceAll("~1", "/").replaceAll("~0", "~");
    });
}

function applyOperation(document: unknown, operation: Operation): unknown {
  switch (operation.op) {
    case "add":
      return add(document, operation.path, cloneJson(operation.value));
    case "remove":
      return remove(document, operation.path).document;
    case "replace":
      return add(remove(document, operation.path).document, operation.path, cloneJson(operation.value));
    case "move": {
      const from = operation.from ?? [];
      if (from.length < operation.path.length && from.every((token, index) => token === operation.path[index])) {
        throw new PatchFailure("a value cannot be moved into one of its own children");
      }
      const removed = remove(document, from);
      return add(removed.document, operation.path, removed.value);
    }
    case "copy":
      return add(document, operation.path, cloneJson(resolve(document, operation.from ?? [])));
    default: {
      if (!jsonEqual(resolve(document, operation.path), operation.value)) throw new PatchFailure("the test failed: the value differs");
      return document;
    }
  }
}

function resolve(document: unknown, path: readonly string[]): unknown {
  let current = document;
  for (const token of path) {
    if (Array.isArray(current)) {
      const index = arrayIndex(token, current.length - 1);
      current = current[index];
    } else if (isJsonObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      throw new PatchFailure(`the path does not exist at "${token}"`);
    }
  }
  return current;
}

/** Parses an array index token; `-` and leading zeros are invalid here. */
function arrayIndex(token: string, max: number): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchFailure(`"${token}" is not a list index`);
  const index = Number(token);
  if (index > max) throw new PatchFailure(`the index ${token} is out of range`);
  return index;
}

function add(document: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = resolve(document, path.slice(0, -1));
  const token = path[path.length - 1] ?? "";
  if (Array.isArray(parent)) {
    const index = token === "-" ? parent.length : arrayIndex(token, parent.length);
    parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    setJsonKey(parent, token, value);
  } else {
    throw new PatchFailure(`the parent of "${token}" is a ${jsonTypeName(parent)}, not an object or list`);
  }
  return document;
}

function remove(document: unknown, path: readonly string[]): { document: unknown; value: unknown } {
  if (path.length === 0) return { document: null, value: document };
  const parent = resolve(document, path.slice(0, -1));
  const token = path[path.length - 1] ?? "";
  if (Array.isArray(parent)) {
    const index = arrayIndex(token, parent.length - 1);
    const [value] = parent.splice(index, 1);
    return { document, value };
  }
  if (isJsonObject(parent) && Object.hasOwn(parent, token)) {
    const value = parent[token];
    delete parent[token];
    return { document, value };
  }
  throw new PatchFailure(`the path does not exist at "${token}"`);
}
