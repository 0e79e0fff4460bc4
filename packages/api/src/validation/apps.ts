import { regexError, type StatusCause } from "@apimachinery/meta";
import { isPlainObject, numberField, objectField, stringField, stringMapField, deepEqual, type PlainObject } from "../defaults/object-fields.js";
import { FIELD_IMMUTABLE, childPath, forbidden, invalid, notSupported, required, validateNonnegative } from "./field-errors.js";
import { isEmptySelector, selectorMatches, validateLabelSelector } from "./label-selector.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { validatePodTemplateSpec } from "./pod-spec.js";

type Obj = PlainObject;

function specOf(object: Obj): Obj {
  return objectField(object, "spec") ?? {};
}

/** Validates a workload selector: required, valid and not empty. */
function validateWorkloadSelector(spec: Obj, path: string): StatusCause[] {
  const selector = objectField(spec, "selector");
  if (selector === undefined) return [required(childPath(path, "selector"))];
  const causes = validateLabelSelector(selector, childPath(path, "selector"));
  if (isEmptySelector(selector)) causes.push(invalid(childPath(path, "selector"), selector, "empty selector is invalid for deployment"));
  return causes;
}

/**
 * Validates the pod template of a Deployment or ReplicaSet: the selector must match its
 * labels, its restart policy must be Always, and it may not set activeDeadlineSeconds.
 */
export function validateReplicaSetTemplate(spec: Obj, path: string): StatusCause[] {
  const templatePath = childPath(path, "template");
  const template = objectField(spec, "template");
  if (template === undefined) return [required(templatePath)];
  const causes: StatusCause[] = [];
  const labels = stringMapField(objectField(template, "metadata"), "labels");
  const matches = selectorMatches(spec["selector"], labels);
  if (matches === undefined) causes.push(invalid(childPath(path, "selector"), spec["selector"], "invalid label selector"));
  else if (!matches) causes.push(invalid(childPath(templatePath, "metadata", "labels"), labels, "`selector` does not match template `labels`"));
  causes.push(...validatePodTemplateSpec(template, templatePath));
  const podSpec = objectField(template, "spec") ?? {};
  const restartPolicy = stringField(podSpec, "restartPolicy");
  if (restartPolicy !== "Always") causes.push(notSupported(childPath(templatePath, "spec", "restartPolicy"), restartPolicy, ["Always"]));
  if (podSpec["activeDeadlineSeconds"] !== undefined && podSpec["activeDeadlineSeconds"] !== null) {
    causes.push(forbidden(childPath(templatePath, "spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }
  return causes;
}

const percentPattern = /^[0-9]+%$/;

/** Validates an IntOrString that must be a non-negative integer or a percentage. */
function validatePositiveIntOrPercent(value: unknown, path: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "number") return validateNonnegative(value, path);
  if (typeof value === "string") {
    if (percentPattern.test(value)) return [];
    return [invalid(path, value, regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"))];
  }
  return [invalid(path, value, "must be an integer or percentage (e.g '5%')")];
}

/** Returns the number of an IntOrString integer or percentage, or undefined when it is neither. */
function intOrPercentValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && percentPattern.test(value)) return Number(value.slice(0, -1));
  return undefined;
}

function validateDeploymentStrategy(strategy: Obj, path: string): StatusCause[] {
  const type = stringField(strategy, "type");
  const rollingUpdate = strategy["rollingUpdate"];
  if (type === "Recreate") {
    return rollingUpdate === undefined || rollingUpdate === null ? [] : [forbidden(childPath(path, "rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")];
  }
  if (type !== "RollingUpdate") return [notSupported(childPath(path, "type"), type, ["Recreate", "RollingUpdate"])];
  if (!isPlainObject(rollingUpdate)) return [required(childPath(path, "rollingUpdate"), "this should be defaulted and never be nil")];
  const rollingPath = childPath(path, "rollingUpdate");
  const causes = [
    ...validatePositiveIntOrPercent(rollingUpdate["maxUnavailable"], childPath(rollingPath, "maxUnavailable")),
    ...validatePositiveIntOrPercent(rollingUpdate["maxSurge"], childPath(rollingPath, "maxSurge")),
  ];
  const maxUnavailable = intOrPercentValue(rollingUpdate["maxUnavailable"]);
  if (maxUnavailable === 0 && intOrPercentValue(rollingUpdate["maxSurge"]) === 0) {
    causes.push(invalid(childPath(rollingPath, "maxUnavailable"), rollingUpdate["maxUnavailable"], "may not be 0 when `maxSurge` is 0"));
  }
  const unavailable = rollingUpdate["maxUnavailable"];
  if (typeof unavailable === "string" && maxUnavailable !== undefined && maxUnavailable > 100) {
    causes.push(invalid(childPath(rollingPath, "maxUnavailable"), unavailable, "must not be greater than 100%"));
  }
  return causes;
}

/** Validates a DeploymentSpec as Go's `ValidateDeploymentSpec` does. */
export function validateDeploymentSpec(spec: Obj, path = "spec"): StatusCause[] {
  const causes = [...validateNonnegative(numberField(spec, "replicas"), childPath(path, "replicas")), ...validateWorkloadSelector(spec, path)];
  causes.push(...validateReplicaSetTemplate(spec, path));
  causes.push(...validateDeploymentStrategy(objectField(spec, "strategy") ?? {}, childPath(path, "strategy")));
  const minReadySeconds = numberField(spec, "minReadySeconds") ?? 0;
  causes.push(...validateNonnegative(minReadySeconds, childPath(path, "minReadySeconds")));
  causes.push(...validateNonnegative(numberField(spec, "revisionHistoryLimit"), childPath(path, "revisionHistoryLimit")));
  const progressDeadline = numberField(spec, "progressDeadlineSeconds");
  if (progressDeadline !== undefined) {
    causes.push(...validateNonnegative(progressDeadline, childPath(path, "progressDeadlineSeconds")));
    if (progressDeadline <= minReadySeconds) causes.push(invalid(childPath(path, "progressDeadlineSeconds"), progressDeadline, "must be greater than minReadySeconds"));
  }
  return causes;
}

/** Validates a ReplicaSetSpec as Go's `ValidateReplicaSetSpec` does. */
export function validateReplicaSetSpec(spec: Obj, path = "spec"): StatusCause[] {
  return [
    ...validateNonnegative(numberField(spec, "replicas"), childPath(path, "replicas")),
    ...validateNonnegative(numberField(spec, "minReadySeconds"), childPath(path, "minReadySeconds")),
    ...validateWorkloadSelector(spec, path),
    ...validateReplicaSetTemplate(spec, path),
  ];
}

/** Validates a new apps/v1 Deployment. */
export function validateDeployment(deployment: Obj): StatusCause[] {
  return [...validateObjectMeta(deployment["metadata"], { namespaced: true }), ...validateDeploymentSpec(specOf(deployment))];
}

/** Validates a new apps/v1 ReplicaSet. */
export function validateReplicaSet(replicaSet: Obj): StatusCause[] {
  return [...validateObjectMeta(replicaSet["metadata"], { namespaced: true }), ...validateReplicaSetSpec(specOf(replicaSet))];
}

/** Returns one FieldValueInvalid cause when `spec.selector` changed: apps/v1 selectors are immutable. */
function validateSelectorUnchanged(object: Obj, old: Obj): StatusCause[] {
  const selector = specOf(object)["selector"];
  return deepEqual(selector, specOf(old)["selector"]) ? [] : [invalid("spec.selector", selector, FIELD_IMMUTABLE)];
}

/** Validates an update of an apps/v1 Deployment. */
export function validateDeploymentUpdate(deployment: Obj, old: Obj): StatusCause[] {
  return [
    ...validateObjectMetaUpdate(deployment["metadata"], old["metadata"]),
    ...validateDeploymentSpec(specOf(deployment)),
    ...validateSelectorUnchanged(deployment, old),
  ];
}

/** Validates an update of an apps/v1 ReplicaSet. */
export function validateReplicaSetUpdate(replicaSet: Obj, old: Obj): StatusCause[] {
  return [
    ...validateObjectMetaUpdate(replicaSet["metadata"], old["metadata"]),
    ...validateReplicaSetSpec(specOf(replicaSet)),
    ...validateSelectorUnchanged(replicaSet, old),
  ];
}
