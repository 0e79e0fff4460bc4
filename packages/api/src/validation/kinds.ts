import type { StatusCause } from "@apimachinery/meta";
import type { PlainObject } from "../defaults/object-fields.js";
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate } from "./apps.js";
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from "./batch.js";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "./config-data.js";
import {
  validateEvent,
  validateLease,
  validateLeaseUpdate,
  validateNamespace,
  validateNamespaceUpdate,
  validateServiceAccount,
  validateServiceAccountUpdate,
} from "./core.js";
import { validatePod, validatePodUpdate } from "./pod.js";
import { validateService, validateServiceUpdate } from "./service.js";

/** The validation of one built-in kind: on create, and on update against the stored object. */
export interface KindValidation {
  readonly validate: (object: PlainObject) => StatusCause[];
  readonly validateUpdate: (object: PlainObject, old: PlainObject) => StatusCause[];
}

const validations: ReadonlyMap<string, KindValidation> = new Map([
  ["/Namespace", { validate: validateNamespace, validateUpdate: validateNamespaceUpdate }],
  ["/ConfigMap", { validate: validateConfigMap, validateUpdate: validateConfigMapUpdate }],
  ["/Secret", { validate: validateSecret, validateUpdate: validateSecretUpdate }],
  ["/ServiceAccount", { validate: validateServiceAccount, validateUpdate: validateServiceAccountUpdate }],
  ["/Event", { validate: validateEvent, validateUpdate: (event: PlainObject) => validateEvent(event) }],
  ["/Pod", { validate: validatePod, validateUpdate: validatePodUpdate }],
  ["/Service", { validate: validateService, validateUpdate: validateServiceUpdate }],
  ["coordination.k8s.io/Lease", { validate: validateLease, validateUpdate: validateLeaseUpdate }],
  ["apps/Deployment", { validate: validateDeployment, validateUpdate: validateDeploymentUpdate }],
  ["apps/ReplicaSet", { validate: validateReplicaSet, validateUpdate: validateReplicaSetUpdate }],
  ["batch/Job", { validate: validateJob, validateUpdate: validateJobUpdate }],
  ["batch/CronJob", { validate: validateCronJob, validateUpdate: validateCronJobUpdate }],
]);

/**
 * Returns the validation of a built-in kind (`group` empty for the core group), or
 * undefined for a kind without one.
 */
export function kindValidation(group: string, kind: string): KindValidation | undefined {
  return validations.get(`${group}/${kind}`);
}
