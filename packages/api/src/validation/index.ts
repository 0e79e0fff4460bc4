/**
 * Validation of the built-in kinds that the server serves, with the rules, StatusCause
 * reasons, field paths and messages of kube-apiserver (Kubernetes 1.35). Every function
 * returns one cause per invalid field and an empty list for a valid object.
 */
export { kindValidation, type KindValidation } from "./kinds.js";
export {
  formatBadValue,
  invalid,
  required,
  notSupported,
  duplicate,
  forbidden,
  tooLong,
  notFound,
  validateNonnegative,
  FIELD_IMMUTABLE,
  NEGATIVE_ERROR,
} from "./field-errors.js";
export {
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateAnnotations,
  validateFinalizers,
  validateOwnerReferences,
  TOTAL_ANNOTATION_SIZE_LIMIT,
  type ObjectMetaRules,
} from "./object-meta.js";
export { validateLabelSelector, selectorMatches } from "./label-selector.js";
export { validatePodSpec, validatePodTemplateSpec, RESTART_POLICIES } from "./pod-spec.js";
export { validateContainer, validateContainerPorts, validateEnv, validateResourceRequirements, validateProbe } from "./container.js";
export { isValidPortName, isValidPortNum, validatePortNumOrName } from "./ports.js";
export { validatePod, validatePodUpdate } from "./pod.js";
export { validateService, validateServiceUpdate } from "./service.js";
export { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate, isConfigMapKey, MAX_SECRET_SIZE } from "./config-data.js";
export {
  validateNamespace,
  validateNamespaceUpdate,
  validateServiceAccount,
  validateServiceAccountUpdate,
  validateEvent,
  validateLease,
  validateLeaseUpdate,
} from "./core.js";
export { validateDeployment, validateDeploymentUpdate, validateDeploymentSpec, validateReplicaSet, validateReplicaSetUpdate, validateReplicaSetSpec } from "./apps.js";
export {
  validateJob,
  validateJobUpdate,
  validateJobSpec,
  validateCronJob,
  validateCronJobUpdate,
  validateCronJobSpec,
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_JOB_LABELS,
  MAX_CRONJOB_NAME_LENGTH,
} from "./batch.js";
export { cronScheduleError } from "./cron-schedule.js";
