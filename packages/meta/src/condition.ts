import type { Time } from "./time.js";

/** The status of a condition. */
export type ConditionStatus = "True" | "False" | "Unknown";

/** One aspect of an object's state (meta/v1 Condition), as `status.conditions` lists them. */
export interface Condition {
  /** The condition type in CamelCase, such as `Available`. */
  type: string;
  status: ConditionStatus | (string & {});
  /** The `metadata.generation` that the condition was computed from. */
  observedGeneration?: number;
  /** When `status` last changed. */
  lastTransitionTime: Time;
  /** A machine-readable reason in CamelCase. */
  reason: string;
  /** A human-readable message, possibly empty. */
  message: string;
}
