import type { PlainObject } from "./object-fields.js";
import { defaultNamespace, defaultSecret, defaultService } from "./core.js";
import { defaultPod } from "./pod-spec.js";
import { defaultCronJob, defaultDeployment, defaultJob, defaultReplicaSet } from "./workloads.js";

/** Fills the defaults of one kind in place. */
export type Defaulter = (object: PlainObject) => void;

const defaulters: ReadonlyMap<string, Defaulter> = new Map([
  ["/Namespace", defaultNamespace],
  ["/Secret", defaultSecret],
  ["/Pod", defaultPod],
  ["/Service", defaultService],
  ["apps/Deployment", defaultDeployment],
  ["apps/ReplicaSet", defaultReplicaSet],
  ["batch/Job", defaultJob],
  ["batch/CronJob", defaultCronJob],
]);

/**
 * Returns the defaulter of a built-in kind (`group` empty for the core group), or
 * undefined for a kind that has no defaults, such as ConfigMap or ServiceAccount.
 */
export function kindDefaulter(group: string, kind: string): Defaulter | undefined {
  return defaulters.get(`${group}/${kind}`);
}
