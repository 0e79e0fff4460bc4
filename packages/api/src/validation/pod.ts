import type { StatusCause } from "@apimachinery/meta";
import { objectField, objectItems, deepEqual, type PlainObject } from "../defaults/object-fields.js";
import { forbidden } from "./field-errors.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { validatePodSpec } from "./pod-spec.js";

type Obj = PlainObject;

/** Validates a new Pod: its metadata and spec. */
export function validatePod(pod: Obj): StatusCause[] {
  return [...validateObjectMeta(pod["metadata"], { namespaced: true }), ...validatePodSpec(objectField(pod, "spec") ?? {}, "spec")];
}

const mutableSpecMessage =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/** Returns a copy of a pod spec without the fields that an update may change. */
function immutablePart(spec: Obj): Obj {
  const copy: Obj = { ...spec };
  for (const key of ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates"]) delete copy[key];
  for (const key of ["containers", "initContainers"]) {
    copy[key] = objectItems(spec, key).map((container) => {
      const rest: Obj = { ...container };
      delete rest["image"];
      return rest;
    });
  }
  return copy;
}

/**
 * Validates an update of a Pod: the new object, and a spec that changes only images,
 * `activeDeadlineSeconds`, tolerations, `terminationGracePeriodSeconds` and scheduling
 * gates. NOTE: Go also checks that tolerations are only added and scheduling gates only
 * removed; this accepts any change to them.
 */
export function validatePodUpdate(pod: Obj, old: Obj): StatusCause[] {
  const spec = objectField(pod, "spec") ?? {};
  const causes = [...validateObjectMetaUpdate(pod["metadata"], old["metadata"]), ...validatePodSpec(spec, "spec")];
  if (!deepEqual(immutablePart(spec), immutablePart(objectField(old, "spec") ?? {}))) {
    causes.push(forbidden("spec", mutableSpecMessage));
  }
  return causes;
}
