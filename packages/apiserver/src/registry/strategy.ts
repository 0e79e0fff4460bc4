import type { StatusCause } from "@apimachinery/meta";

/** A plain Kubernetes object as the registry handles it. */
export type ObjectData = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetaData;
};

/** The fields of ObjectMeta that the registry reads and writes. */
export interface ObjectMetaData {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/**
 * The per-kind behaviour of a registry (kube-apiserver's strategy pattern): defaulting,
 * preparation for create and update, and validation. Every hook is optional.
 */
export interface Strategy {
  /** Fills defaults in place, as decoding a typed object does upstream. */
  applyDefaults?(object: ObjectData): void;
  /** Clears what a client may not set on create, such as `status` for kinds with a status subresource. */
  prepareForCreate?(object: ObjectData): void;
  /** Carries over what a client may not change on update of the main resource. */
  prepareForUpdate?(object: ObjectData, old: ObjectData): void;
  /** Returns one cause per invalid field of a new object. */
  validate?(object: ObjectData): StatusCause[];
  /** Returns one cause per invalid field of an update. */
  validateUpdate?(object: ObjectData, old: ObjectData): StatusCause[];
  /**
   * Reports whether the object waits for finalizers that are not in `metadata.finalizers`,
   * such as a namespace's `spec.finalizers`.
   */
  hasPendingFinalizers?(object: ObjectData): boolean;
  /** Marks an object whose deletion waits for finalizers, such as a namespace's `Terminating` phase. */
  prepareForDelete?(object: ObjectData): void;
  /** Rewrites values into their canonical form, such as Quantity strings. */
  canonicalize?(object: ObjectData): void;
}
