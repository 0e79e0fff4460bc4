import type { ListMeta } from "./list-meta.js";
import type { Time } from "./time.js";

/** The `apiVersion` and `kind` that identify the schema of a serialized object. */
export interface TypeMeta {
  /** The group and version, such as `apps/v1`, or `v1` for the core group. */
  apiVersion?: string;
  /** The kind in CamelCase, such as `Deployment`. */
  kind?: string;
}

/** Metadata that every persisted object carries (meta/v1 ObjectMeta). */
export interface ObjectMeta {
  /** Unique within a namespace; required on create unless `generateName` is set. */
  name?: string;
  /** A prefix from which the server generates `name` when `name` is empty. */
  generateName?: string;
  /** The namespace; empty for cluster-scoped objects. */
  namespace?: string;
  /** @deprecated Kubernetes no longer sets selfLink. */
  selfLink?: string;
  /** The server-assigned identifier, unique across the object's lifetime. */
  uid?: string;
  /** The storage revision of the object's last write; opaque to clients. */
  resourceVersion?: string;
  /** A sequence number of the desired state, set by the server. */
  generation?: number;
  /** When the server created the object. */
  creationTimestamp?: Time | null;
  /** When the server will delete the object, set when a graceful deletion starts. */
  deletionTimestamp?: Time | null;
  /** The grace period, in seconds, that applies to the pending deletion. */
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  /** Names that must be removed before the object is deleted. */
  finalizers?: string[];
  /** The fields that each field manager owns, as server-side apply tracks them. */
  managedFields?: ManagedFieldsEntry[];
}

/** A reference from a dependent object to its owner, used by garbage collection. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** True for the owner that manages the object; at most one owner is the controller. */
  controller?: boolean;
  /** True when the owner cannot be deleted in the foreground before this object. */
  blockOwnerDeletion?: boolean;
}

/** The set of fields that one field manager owns, at one API version. */
export interface ManagedFieldsEntry {
  /** The field manager, such as `kubectl-client-side-apply`. */
  manager?: string;
  /** `Apply` or `Update`. */
  operation?: ManagedFieldsOperation | (string & {});
  /** The API version of the fields in `fieldsV1`. */
  apiVersion?: string;
  /** When the entry last changed. */
  time?: Time | null;
  /** The format of the field set; only `FieldsV1` is defined. */
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  /** The subresource that the operation went through, such as `status`; empty for the main resource. */
  subresource?: string;
}

/** The operation that wrote a managed fields entry. */
export type ManagedFieldsOperation = "Apply" | "Update";

/**
 * A set of field paths in the FieldsV1 format: a JSON object whose keys are `f:<name>`,
 * `k:<json key>`, `v:<json value>` or `i:<index>`, and `.` for the field itself.
 */
export interface FieldsV1 {
  [key: string]: FieldsV1;
}

/** A list of objects of any kinds (meta/v1 List), as `kubectl get -o json` prints several resources. */
export interface List<T = unknown> {
  apiVersion: "v1";
  kind: "List";
  metadata?: ListMeta;
  items: T[];
}

/** Any object with metadata, as the API server stores it. */
export interface ObjectWithMeta extends TypeMeta {
  metadata?: ObjectMeta;
}
