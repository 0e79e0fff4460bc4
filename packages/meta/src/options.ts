import type { TypeMeta } from "./object-meta.js";

/** The server's treatment of unknown or duplicate fields in a request body. */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/** The meaning of `resourceVersion` in a list request. */
export type ResourceVersionMatch = "NotOlderThan" | "Exact";

/** The handling of dependents when their owner is deleted. */
export type DeletionPropagation = "Orphan" | "Background" | "Foreground";

/** The `dryRun` value that makes the server validate without persisting. */
export type DryRun = "All";

/** Query options of a list or watch request (meta/v1 ListOptions). */
export interface ListOptions extends TypeMeta {
  kind?: "ListOptions";
  /** A label selector string; empty selects everything. */
  labelSelector?: string;
  /** A field selector string; empty selects everything. */
  fieldSelector?: string;
  /** Turns the request into a watch that streams changes. */
  watch?: boolean;
  /** Asks the server to send BOOKMARK events during a watch. */
  allowWatchBookmarks?: boolean;
  /** The revision to list or watch from; its meaning depends on `resourceVersionMatch`. */
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch | (string & {});
  /** The time limit of a list or watch, in seconds. */
  timeoutSeconds?: number;
  /** The page size of a list; 0 means no limit. */
  limit?: number;
  /** The token from the previous page's ListMeta.continue. */
  continue?: string;
  /** For a watch: send the current objects as synthetic ADDED events first, then a bookmark. */
  sendInitialEvents?: boolean;
  /** A selector of a shard of the objects, on servers that split lists by shard. */
  shardSelector?: string;
}

/** Query options of a get request (meta/v1 GetOptions). */
export interface GetOptions extends TypeMeta {
  kind?: "GetOptions";
  /** The revision to read at least; `"0"` allows any cached copy. */
  resourceVersion?: string;
}

/** Query options of a create request (meta/v1 CreateOptions). */
export interface CreateOptions extends TypeMeta {
  kind?: "CreateOptions";
  dryRun?: DryRun[];
  /** The field manager that records this change in managedFields. */
  fieldManager?: string;
  fieldValidation?: FieldValidation | (string & {});
}

/** Query options of an update request (meta/v1 UpdateOptions). */
export interface UpdateOptions extends TypeMeta {
  kind?: "UpdateOptions";
  dryRun?: DryRun[];
  fieldManager?: string;
  fieldValidation?: FieldValidation | (string & {});
}

/** Query options of a patch request (meta/v1 PatchOptions). */
export interface PatchOptions extends TypeMeta {
  kind?: "PatchOptions";
  dryRun?: DryRun[];
  /** For apply patches: take ownership of fields that other managers own. */
  force?: boolean;
  /** The field manager; required for apply patches. */
  fieldManager?: string;
  fieldValidation?: FieldValidation | (string & {});
}

/** Options of a server-side apply request (meta/v1 ApplyOptions). */
export interface ApplyOptions extends TypeMeta {
  kind?: "ApplyOptions";
  dryRun?: DryRun[];
  force: boolean;
  fieldManager: string;
}

/** Conditions that must hold for a delete to proceed (meta/v1 Preconditions). */
export interface Preconditions {
  /** The UID that the object must have. */
  uid?: string;
  /** The resourceVersion that the object must have. */
  resourceVersion?: string;
}

/** The body or query of a delete request (meta/v1 DeleteOptions). */
export interface DeleteOptions extends TypeMeta {
  kind?: "DeleteOptions";
  /** Seconds before the object is deleted; 0 deletes at once. */
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  /** @deprecated Use `propagationPolicy`. */
  orphanDependents?: boolean;
  propagationPolicy?: DeletionPropagation | (string & {});
  dryRun?: DryRun[];
  /** Deletes an object that cannot be decoded from storage; may break the cluster. */
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean;
}

/** The object that a Table row carries (meta/v1 IncludeObjectPolicy). */
export type IncludeObjectPolicy = "None" | "Metadata" | "Object";

/** Query options of a request for a Table (meta/v1 TableOptions). */
export interface TableOptions extends TypeMeta {
  kind?: "TableOptions";
  /** The object that each row carries. The default is `Metadata`. */
  includeObject?: IncludeObjectPolicy | (string & {});
}
