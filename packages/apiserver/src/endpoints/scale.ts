import { StatusError, labelSelectorAsSelector, type LabelSelector } from "@apimachinery/meta";
import type { ObjectData } from "../registry/strategy.js";

/** Returns the autoscaling/v1 Scale of an object with `spec.replicas` and a label selector, as its `scale` subresource shows it. */
export function toScale(object: ObjectData): ObjectData {
  const spec = (object["spec"] ?? {}) as Record<string, unknown>;
  const status = (object["status"] ?? {}) as Record<string, unknown>;
  const metadata = object.metadata ?? {};
  const selector = spec["selector"] as LabelSelector | undefined;
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: {
      ...(metadata.name !== undefined ? { name: metadata.name } : {}),
      ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
      ...(metadata.uid !== undefined ? { uid: metadata.uid } : {}),
      ...(metadata.resourceVersion !== undefined ? { resourceVersion: metadata.resourceVersion } : {}),
      ...(metadata.creationTimestamp !== undefined ? { creationTimestamp: metadata.creationTimestamp } : {}),
    },
    spec: { replicas: typeof spec["replicas"] === "number" ? spec["replicas"] : 0 },
    status: {
      replicas: typeof status["replicas"] === "number" ? status["replicas"] : 0,
      ...(selector ? { selector: labelSelectorAsSelector(selector).toString() } : {}),
    },
  };
}

/**
 * Returns `object` with the replicas of a Scale written into `spec.replicas`, and the
 * Scale's resourceVersion as the precondition of the write. A negative or non-integer
 * count is Invalid, as kube-apiserver's Scale validation rejects it.
 */
export function applyScale(object: ObjectData, scale: ObjectData): ObjectData {
  const replicas = (scale["spec"] as Record<string, unknown> | undefined)?.["replicas"] ?? 0;
  if (typeof replicas !== "number" || !Number.isSafeInteger(replicas) || replicas < 0) {
    throw StatusError.invalid({ group: "autoscaling", resource: "scales", kind: "Scale", ...(object.metadata?.name !== undefined ? { name: object.metadata.name } : {}) }, [
      { reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`, field: "spec.replicas" },
    ]);
  }
  // The Scale's resourceVersion is the precondition; without one the write is unconditional.
  const metadata = { ...(object.metadata ?? {}) };
  const resourceVersion = scale.metadata?.resourceVersion;
  if (resourceVersion) metadata.resourceVersion = resourceVersion;
  else delete metadata.resourceVersion;
  return {
    ...object,
    metadata,
    spec: { ...((object["spec"] as Record<string, unknown> | undefined) ?? {}), replicas },
  };
}
