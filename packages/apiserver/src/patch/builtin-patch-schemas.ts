import type { KindSchemaLookup } from "@apimachinery/runtime";
import { builtinScheme } from "../codecs.js";

let builtin: KindSchemaLookup | undefined;

/**
 * Returns the schemas of the built-in kinds for strategic merge patches, building the Scheme
 * on first use. Objects of other kinds (custom resources) find no schema there and merge as
 * JSON merge patches.
 *
 * NOTE: kube-apiserver rejects a strategic merge patch of a custom resource with 415
 * UnsupportedMediaType, but this server applies it as a JSON merge patch.
 */
export function builtinPatchSchemas(): KindSchemaLookup {
  builtin ??= builtinScheme();
  return builtin;
}
