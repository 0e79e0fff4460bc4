/** The type of a watch event. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

/**
 * One event of a watch stream (meta/v1 WatchEvent). `object` is the changed object; for
 * `ERROR` a Status, for `BOOKMARK` an object of the watched kind with only
 * `metadata.resourceVersion` (and annotations) set.
 */
export interface WatchEvent<T = unknown> {
  type: WatchEventType | (string & {});
  object: T;
}
