import { cloneJson, isJsonObject, setJsonKey, type JsonObject } from "./json-value.js";

/**
 * Applies an RFC 7386 JSON Merge Patch: objects merge key by key, `null` deletes, anything
 * else replaces. Neither input is changed, and the result shares no objects with them.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return mergeJson(cloneJson(target), cloneJson(patch));
}

/** Merges a patch into a target that the caller owns: objects of both may end up in the result. */
export function mergeJson(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setJsonKey(result, key, mergeJson(result[key], value));
  }
  return result;
}
