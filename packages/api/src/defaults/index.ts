/**
 * Defaulting and canonicalization of the built-in kinds that the server serves, with the
 * values that kube-apiserver (Kubernetes 1.35) fills in when it decodes a typed object.
 */
export { kindDefaulter, type Defaulter } from "./kinds.js";
export { defaultPod, defaultPodSpec, defaultPodTemplate, defaultContainer, defaultProbe, defaultVolume, imageTag, DEFAULT_VOLUME_MODE } from "./pod-spec.js";
export { defaultDeployment, defaultReplicaSet, defaultJob, defaultCronJob } from "./workloads.js";
export { defaultService, defaultServiceIPFamilies, defaultSecret, defaultNamespace, NAMESPACE_NAME_LABEL } from "./core.js";
export { QuantityCanonicalizer, canonicalQuantityString, roundUpToMilli } from "./quantities.js";
export { deepEqual, isZeroValue, isPlainObject, type PlainObject } from "./object-fields.js";
export { podQOSClass, type PodQOSClass } from "./pod-status.js";
