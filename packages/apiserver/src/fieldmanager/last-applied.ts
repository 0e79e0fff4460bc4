import type { ObjectData } from "../registry/strategy.js";
import { compareObjects } from "./compare.js";
import { FieldSet } from "./field-set.js";
import { toFieldSet } from "./to-field-set.js";
import type { TypeNode } from "./type-node.js";
import { goJson, isObject } from "./value.js";

/** The annotation where client-side `kubectl apply` keeps the configuration it applied last. */
export const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

/** The largest total size of an object's annotations, in bytes, as Kubernetes validates it. */
const maxAnnotationsBytes = 256 * 1024;

/**
 * Returns the fields of the live object that client-side apply set and that still have
 * the values it set. An apply by `kubectl` may take these over without a conflict when it
 * moves an object from client-side to server-side apply. Returns undefined when the
 * object has no readable annotation of its own API version.
 */
export function fieldsFromLastApplied(live: ObjectData, apiVersion: string, type: TypeNode): FieldSet | undefined {
  const text = live.metadata?.annotations?.[lastAppliedAnnotation];
  if (!text) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isObject(lastApplied) || lastApplied["apiVersion"] !== apiVersion) return undefined;
  const comparison = compareObjects(lastApplied, live, type);
  return toFieldSet(lastApplied, type).difference(comparison.modified).difference(comparison.added).difference(comparison.removed);
}

/**
 * Returns the object with its last-applied annotation rewritten to the applied
 * configuration, when it has one, so that a later client-side `kubectl apply` reads what
 * server-side apply set. The annotation is dropped when it would make the annotations
 * larger than Kubernetes allows.
 */
export function syncLastApplied(object: ObjectData, applied: ObjectData): ObjectData {
  const annotations = object.metadata?.annotations;
  if (!annotations || !Object.hasOwn(annotations, lastAppliedAnnotation)) return object;
  const { [lastAppliedAnnotation]: _previous, ...appliedAnnotations } = applied.metadata?.annotations ?? {};
  const appliedMetadata = { ...(applied.metadata ?? {}) };
  if (Object.keys(appliedAnnotations).length > 0) appliedMetadata.annotations = appliedAnnotations;
  else delete appliedMetadata.annotations;
  // Go's JSON encoder sorts map keys and ends the document with a newline.
  const value = `${goJson({ ...applied, metadata: appliedMetadata })}\n`;
  const updated: Record<string, string> = { ...annotations, [lastAppliedAnnotation]: value };
  let size = 0;
  for (const [key, text] of Object.entries(updated)) size += Buffer.byteLength(key) + Buffer.byteLength(text);
  if (size > maxAnnotationsBytes) delete updated[lastAppliedAnnotation];
  return { ...object, metadata: { ...(object.metadata ?? {}), annotations: updated } };
}
