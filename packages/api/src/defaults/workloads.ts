import { ensureObject, isPlainObject, isUnset, objectField, objectItems, setDefault, stringMapField, type PlainObject } from "./object-fields.js";
import { defaultPodTemplate } from "./pod-spec.js";

/**
 * Fills the defaults of an apps/v1 Deployment: one replica, a RollingUpdate strategy with
 * 25% maxUnavailable and maxSurge, 10 revisions of history, a 600-second progress deadline,
 * and the pod template's defaults.
 */
export function defaultDeployment(deployment: PlainObject): void {
  const spec = ensureObject(deployment, "spec");
  if (isUnset(spec, "replicas")) spec["replicas"] = 1;
  const strategy = ensureObject(spec, "strategy");
  setDefault(strategy, "type", "RollingUpdate");
  if (strategy["type"] === "RollingUpdate") {
    const rollingUpdate = ensureObject(strategy, "rollingUpdate");
    if (isUnset(rollingUpdate, "maxUnavailable")) rollingUpdate["maxUnavailable"] = "25%";
    if (isUnset(rollingUpdate, "maxSurge")) rollingUpdate["maxSurge"] = "25%";
  }
  if (isUnset(spec, "revisionHistoryLimit")) spec["revisionHistoryLimit"] = 10;
  if (isUnset(spec, "progressDeadlineSeconds")) spec["progressDeadlineSeconds"] = 600;
  defaultPodTemplate(objectField(spec, "template"));
}

/** Fills the defaults of an apps/v1 ReplicaSet: one replica and the pod template's defaults. */
export function defaultReplicaSet(replicaSet: PlainObject): void {
  const spec = ensureObject(replicaSet, "spec");
  if (isUnset(spec, "replicas")) spec["replicas"] = 1;
  defaultPodTemplate(objectField(spec, "template"));
}

/** The backoff limit of a Job that sets `backoffLimitPerIndex`: Go's MaxInt32, so that only the per-index limit counts. */
const unlimitedBackoff = 2147483647;

/**
 * Fills the defaults of a batch/v1 Job as Go's `SetDefaults_Job` does. These are
 * completions and parallelism 1, backoff limit 6, NonIndexed completion, not suspended,
 * no manual selector, the pod replacement policy and pod failure policy condition
 * statuses. A Job without labels also takes its template's labels, and the pod template
 * gets its defaults.
 */
export function defaultJob(job: PlainObject): void {
  const spec = ensureObject(job, "spec");
  if (isUnset(spec, "completions") && isUnset(spec, "parallelism")) spec["completions"] = 1;
  if (isUnset(spec, "parallelism")) spec["parallelism"] = 1;
  if (isUnset(spec, "backoffLimit")) spec["backoffLimit"] = isUnset(spec, "backoffLimitPerIndex") ? 6 : unlimitedBackoff;
  const templateLabels = stringMapField(objectField(objectField(spec, "template"), "metadata"), "labels");
  const metadata = ensureObject(job, "metadata");
  if (Object.keys(templateLabels).length > 0 && Object.keys(stringMapField(metadata, "labels")).length === 0) metadata["labels"] = { ...templateLabels };
  setDefault(spec, "completionMode", "NonIndexed");
  if (isUnset(spec, "suspend")) spec["suspend"] = false;
  if (isUnset(spec, "manualSelector")) spec["manualSelector"] = false;
  const podFailurePolicy = objectField(spec, "podFailurePolicy");
  for (const rule of objectItems(podFailurePolicy, "rules")) {
    for (const pattern of objectItems(rule, "onPodConditions")) setDefault(pattern, "status", "True");
  }
  if (isUnset(spec, "podReplacementPolicy")) spec["podReplacementPolicy"] = isPlainObject(podFailurePolicy) ? "Failed" : "TerminatingOrFailed";
  defaultPodTemplate(objectField(spec, "template"));
}

/**
 * Fills the defaults of a batch/v1 CronJob: concurrency policy Allow, not suspended, 3
 * successful and 1 failed Jobs kept, and the defaults of the job template's pod template.
 * The job template's own spec gets no Job defaults, as in Go.
 */
export function defaultCronJob(cronJob: PlainObject): void {
  const spec = ensureObject(cronJob, "spec");
  setDefault(spec, "concurrencyPolicy", "Allow");
  if (isUnset(spec, "suspend")) spec["suspend"] = false;
  if (isUnset(spec, "successfulJobsHistoryLimit")) spec["successfulJobsHistoryLimit"] = 3;
  if (isUnset(spec, "failedJobsHistoryLimit")) spec["failedJobsHistoryLimit"] = 1;
  defaultPodTemplate(objectField(objectField(objectField(spec, "jobTemplate"), "spec"), "template"));
}
