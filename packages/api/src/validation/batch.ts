import { isDNS1123Label, type StatusCause } from "@apimachinery/meta";
import { isPlainObject, numberField, objectField, stringField, stringMapField, deepEqual, type PlainObject } from "../defaults/object-fields.js";
import { cronScheduleError } from "./cron-schedule.js";
import { FIELD_IMMUTABLE, childPath, invalid, notSupported, required, validateNonnegative } from "./field-errors.js";
import { selectorMatches, validateLabelSelector } from "./label-selector.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "./object-meta.js";
import { validatePodTemplateSpec } from "./pod-spec.js";

type Obj = PlainObject;

/** The label that ties a Job's pods to the Job's uid. */
export const JOB_CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
/** The label that carries the Job's name on its pods. */
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
/** The unprefixed forms of the two labels above, which the Job controller still sets. */
export const LEGACY_JOB_LABELS = { controllerUid: "controller-uid", jobName: "job-name" } as const;

/** The longest CronJob name: a Job name of 63 characters minus the 11 characters of its time suffix. */
export const MAX_CRONJOB_NAME_LENGTH = 52;

const completionModes = ["NonIndexed", "Indexed"];
const podReplacementPolicies = ["TerminatingOrFailed", "Failed"];
const concurrencyPolicies = ["Allow", "Forbid", "Replace"];

function specOf(object: Obj): Obj {
  return objectField(object, "spec") ?? {};
}

function validateJobCounts(spec: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"]) {
    causes.push(...validateNonnegative(numberField(spec, key), childPath(path, key)));
  }
  return causes;
}

/** Validates the parts of a JobSpec that a Job and a CronJob's jobTemplate share (Go's `validateJobSpec`). */
export function validateJobSpecCommon(spec: Obj, path: string): StatusCause[] {
  const causes = validateJobCounts(spec, path);
  const completionMode = spec["completionMode"];
  if (typeof completionMode === "string") {
    if (!completionModes.includes(completionMode)) causes.push(notSupported(childPath(path, "completionMode"), completionMode, completionModes));
    if (completionMode === "Indexed" && numberField(spec, "completions") === undefined) {
      causes.push(required(childPath(path, "completions"), "when completion mode is Indexed"));
    }
  }
  const replacement = spec["podReplacementPolicy"];
  if (typeof replacement === "string") {
    if (!podReplacementPolicies.includes(replacement)) causes.push(notSupported(childPath(path, "podReplacementPolicy"), replacement, podReplacementPolicies));
    else if (isPlainObject(spec["podFailurePolicy"]) && replacement !== "Failed") {
      causes.push(notSupported(childPath(path, "podReplacementPolicy"), replacement, ["Failed"]));
    }
  }
  const templatePath = childPath(path, "template");
  causes.push(...validatePodTemplateSpec(spec["template"], templatePath));
  const podSpec = objectField(objectField(spec, "template"), "spec") ?? {};
  const restartPolicy = stringField(podSpec, "restartPolicy");
  if (restartPolicy !== "OnFailure" && restartPolicy !== "Never") {
    causes.push(notSupported(childPath(templatePath, "spec", "restartPolicy"), restartPolicy, ["OnFailure", "Never"]));
  } else if (podSpec["activeDeadlineSeconds"] !== undefined && podSpec["activeDeadlineSeconds"] !== null) {
    causes.push(invalid(childPath(templatePath, "spec", "activeDeadlineSeconds"), podSpec["activeDeadlineSeconds"], "activeDeadlineSeconds in Job is not Supported"));
  }
  return causes;
}

/** Validates a Job's spec: the shared checks, a selector, and a template whose labels the selector matches. */
export function validateJobSpec(spec: Obj, path = "spec"): StatusCause[] {
  const causes = validateJobSpecCommon(spec, path);
  const selector = objectField(spec, "selector");
  if (selector === undefined) causes.push(required(childPath(path, "selector")));
  else causes.push(...validateLabelSelector(selector, childPath(path, "selector")));
  const labels = stringMapField(objectField(objectField(spec, "template"), "metadata"), "labels");
  if (selector !== undefined && selectorMatches(selector, labels) === false) {
    causes.push(invalid(childPath(path, "template", "metadata", "labels"), labels, "`selector` does not match template `labels`"));
  }
  return causes;
}

/** Checks that a Job without `manualSelector: true` selects its own uid, as the generated selector does. */
function validateGeneratedSelector(job: Obj): StatusCause[] {
  const spec = specOf(job);
  const selector = objectField(spec, "selector");
  if (spec["manualSelector"] === true || selector === undefined) return [];
  const uid = stringField(objectField(job, "metadata"), "uid");
  if (uid === "") return [required("metadata.uid")];
  return selectorMatches(selector, { [JOB_CONTROLLER_UID_LABEL]: uid }) === true ? [] : [invalid("spec.selector", selector, "`selector` not auto-generated")];
}

/** Validates a new batch/v1 Job. */
export function validateJob(job: Obj): StatusCause[] {
  const metadata = objectField(job, "metadata");
  const causes = [...validateObjectMeta(metadata, { namespaced: true }), ...validateGeneratedSelector(job), ...validateJobSpec(specOf(job))];
  const spec = specOf(job);
  const completions = numberField(spec, "completions");
  if (spec["completionMode"] === "Indexed" && completions !== undefined && completions > 0) {
    const name = stringField(metadata, "name");
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) causes.push(invalid("metadata.name", name, `will not able to create pod with invalid DNS label: ${hostname}`));
  }
  return causes;
}

function unchanged(path: string, value: unknown, old: unknown): StatusCause[] {
  return deepEqual(value, old) ? [] : [invalid(path, value ?? null, FIELD_IMMUTABLE)];
}

/**
 * Validates an update of a batch/v1 Job: the new object, and the fields that may not
 * change. NOTE: Go lets a suspended Job that never started change the scheduling
 * directives of its template. It also lets an Indexed Job change completions together
 * with parallelism. This rejects both.
 */
export function validateJobUpdate(job: Obj, old: Obj): StatusCause[] {
  const spec = specOf(job);
  const oldSpec = specOf(old);
  const causes = [...validateObjectMetaUpdate(job["metadata"], old["metadata"]), ...validateJobSpec(spec)];
  for (const key of ["completions", "selector", "template", "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"]) {
    causes.push(...unchanged(childPath("spec", key), spec[key], oldSpec[key]));
  }
  return causes;
}

function validateTimeZone(timeZone: unknown, path: string): StatusCause[] {
  if (timeZone === undefined || timeZone === null) return [];
  const zone = typeof timeZone === "string" ? timeZone : "";
  if (zone === "") return [invalid(path, zone, "timeZone must be nil or non-empty string")];
  if (zone.toLowerCase() === "local") return [invalid(path, zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")];
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return [];
  } catch {
    return [invalid(path, zone, `unknown time zone ${zone}`)];
  }
}

function validateSchedule(schedule: string, path: string): StatusCause[] {
  if (schedule === "") return [required(path)];
  const causes: StatusCause[] = [];
  const error = cronScheduleError(schedule);
  if (error !== undefined) causes.push(invalid(path, schedule, error));
  if (schedule.includes("TZ")) causes.push(invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  return causes;
}

/** Validates a CronJobSpec: schedule, time zone, concurrency policy, history limits and the job template. */
export function validateCronJobSpec(spec: Obj, path = "spec"): StatusCause[] {
  const causes = validateSchedule(stringField(spec, "schedule"), childPath(path, "schedule"));
  causes.push(...validateNonnegative(numberField(spec, "startingDeadlineSeconds"), childPath(path, "startingDeadlineSeconds")));
  causes.push(...validateTimeZone(spec["timeZone"], childPath(path, "timeZone")));
  const policy = stringField(spec, "concurrencyPolicy");
  if (policy === "") causes.push(required(childPath(path, "concurrencyPolicy")));
  else if (!concurrencyPolicies.includes(policy)) causes.push(notSupported(childPath(path, "concurrencyPolicy"), policy, concurrencyPolicies));
  const jobSpecPath = childPath(path, "jobTemplate", "spec");
  const jobSpec = objectField(objectField(spec, "jobTemplate"), "spec") ?? {};
  causes.push(...validateJobSpecCommon(jobSpec, jobSpecPath));
  if (jobSpec["selector"] !== undefined && jobSpec["selector"] !== null) {
    causes.push(invalid(childPath(jobSpecPath, "selector"), jobSpec["selector"], "`selector` will be auto-generated"));
  }
  if (jobSpec["manualSelector"] === true) causes.push(notSupported(childPath(jobSpecPath, "manualSelector"), true, ["nil", "false"]));
  causes.push(...validateNonnegative(numberField(spec, "successfulJobsHistoryLimit"), childPath(path, "successfulJobsHistoryLimit")));
  causes.push(...validateNonnegative(numberField(spec, "failedJobsHistoryLimit"), childPath(path, "failedJobsHistoryLimit")));
  return causes;
}

/** Validates a new batch/v1 CronJob; its name may have at most 52 characters. */
export function validateCronJob(cronJob: Obj): StatusCause[] {
  const metadata = objectField(cronJob, "metadata");
  const causes = [...validateObjectMeta(metadata, { namespaced: true }), ...validateCronJobSpec(specOf(cronJob))];
  const name = stringField(metadata, "name");
  if (name.length > MAX_CRONJOB_NAME_LENGTH) causes.push(invalid("metadata.name", name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
  return causes;
}

/** Validates an update of a batch/v1 CronJob. */
export function validateCronJobUpdate(cronJob: Obj, old: Obj): StatusCause[] {
  return [...validateObjectMetaUpdate(cronJob["metadata"], old["metadata"]), ...validateCronJobSpec(specOf(cronJob))];
}
