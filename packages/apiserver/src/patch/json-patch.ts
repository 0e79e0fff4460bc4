import fastJsonPatch, { type Operation } from "fast-json-patch";
import { StatusError } from "@apimachinery/meta";

/** Applies an RFC 6902 JSON Patch to a copy of `target`. A malformed or failing patch is a BadRequest naming the operation. */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw StatusError.badRequest("the JSON patch must be an array of operations");
  const error = fastJsonPatch.validate(patch as Operation[], target);
  if (error) throw StatusError.badRequest(`invalid JSON patch: ${error.name}: operation ${error.index ?? 0}: ${error.message.split("\n")[0] ?? ""}`);
  try {
    return fastJsonPatch.applyPatch(structuredClone(target), patch as Operation[], true, false).newDocument;
  } catch (cause) {
    const message = cause instanceof Error ? (cause.message.split("\n")[0] ?? "") : String(cause);
    throw StatusError.badRequest(`the JSON patch could not be applied: ${message}`);
  }
}
