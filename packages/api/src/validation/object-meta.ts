import {
  isQualifiedName,
  nameIsDNSSubdomain,
  parseGroupVersion,
  validateLabels,
  validateObjectMetaName,
  validateObjectMetaNamespace,
  type ObjectMeta,
  type StatusCause,
  type ValidateNameFunc,
} from "@apimachinery/meta";
import { isPlainObject, objectItems, stringField, stringMapField, type PlainObject } from "../defaults/object-fields.js";
import { FIELD_IMMUTABLE, childPath, invalid, tooLong, validateNonnegative } from "./field-errors.js";

/** The maximum size in bytes of an object's annotation keys and values together (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const encoder = new TextEncoder();

/** Returns the number of UTF-8 bytes of a string, as Go's `len` counts them. */
export function byteLength(value: string): number {
  return encoder.encode(value).length;
}

/** The metadata rules of one kind: its scope and its name check. */
export interface ObjectMetaRules {
  readonly namespaced: boolean;
  /** The name check; defaults to a DNS-1123 subdomain. */
  readonly nameFn?: ValidateNameFunc;
}

/**
 * Validates annotation keys (qualified names, checked in lower case) and their total size,
 * as Go's `ValidateAnnotations` does.
 */
export function validateAnnotations(annotations: Record<string, string>, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const message of isQualifiedName(key.toLowerCase())) causes.push(invalid(path, key, message));
    total += byteLength(key) + byteLength(value);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) causes.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return causes;
}

const orphanFinalizer = "orphan";
const foregroundFinalizer = "foregroundDeletion";

/** Validates finalizer names (qualified names), as Go's `ValidateFinalizers` does. */
export function validateFinalizers(finalizers: readonly unknown[], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const finalizer of finalizers) {
    const name = typeof finalizer === "string" ? finalizer : "";
    for (const message of isQualifiedName(name)) causes.push(invalid(path, name, message));
  }
  if (finalizers.includes(orphanFinalizer) && finalizers.includes(foregroundFinalizer)) {
    causes.push(invalid(path, finalizers, `finalizer ${orphanFinalizer} and ${foregroundFinalizer} cannot be both set`));
  }
  return causes;
}

/** Validates owner references: apiVersion with a version, kind, name and uid, and at most one controller. */
export function validateOwnerReferences(references: readonly PlainObject[], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const controllers: string[] = [];
  for (const reference of references) {
    const apiVersion = stringField(reference, "apiVersion");
    let version = "";
    try {
      version = parseGroupVersion(apiVersion).version;
    } catch {
      version = "";
    }
    if (version === "") causes.push(invalid(childPath(path, "apiVersion"), apiVersion, "version must not be empty"));
    for (const key of ["kind", "name", "uid"]) {
      const value = stringField(reference, key);
      if (value === "") causes.push(invalid(childPath(path, key), value, "must not be empty"));
    }
    if (reference["controller"] === true) controllers.push(stringField(reference, "name"));
  }
  if (controllers.length > 1) {
    const names = controllers.map((name) => JSON.stringify(name)).join(", ");
    causes.push(invalid(path, references, `Only one reference can have Controller set to true. Found "true" in references for ${names}`));
  }
  return causes;
}

/**
 * Validates ObjectMeta on create as Go's `ValidateObjectMeta` does: name or generateName,
 * namespace, labels, annotations, finalizers, owner references and generation.
 */
export function validateObjectMeta(metadata: unknown, rules: ObjectMetaRules, path = "metadata"): StatusCause[] {
  const meta: PlainObject = isPlainObject(metadata) ? metadata : {};
  const causes: StatusCause[] = [];
  causes.push(...validateObjectMetaName(meta as ObjectMeta, rules.nameFn ?? nameIsDNSSubdomain, path));
  causes.push(...validateObjectMetaNamespace(meta as ObjectMeta, rules.namespaced, path));
  causes.push(...validateNonnegative(typeof meta["generation"] === "number" ? meta["generation"] : undefined, childPath(path, "generation")));
  causes.push(...validateLabels(stringMapField(meta, "labels"), childPath(path, "labels")));
  causes.push(...validateAnnotations(stringMapField(meta, "annotations"), childPath(path, "annotations")));
  causes.push(...validateOwnerReferences(objectItems(meta, "ownerReferences"), childPath(path, "ownerReferences")));
  causes.push(...validateFinalizers(Array.isArray(meta["finalizers"]) ? meta["finalizers"] : [], childPath(path, "finalizers")));
  return causes;
}

/**
 * Validates ObjectMeta on update: what {@link validateObjectMeta} checks, minus the name
 * format (the name cannot change), plus the fields that an update may not change.
 */
export function validateObjectMetaUpdate(metadata: unknown, old: unknown, path = "metadata"): StatusCause[] {
  const meta: PlainObject = isPlainObject(metadata) ? metadata : {};
  const previous: PlainObject = isPlainObject(old) ? old : {};
  const causes: StatusCause[] = [];
  for (const key of ["name", "namespace", "uid", "creationTimestamp"]) {
    const value = stringField(meta, key);
    if (value !== stringField(previous, key)) causes.push(invalid(childPath(path, key), value, FIELD_IMMUTABLE));
  }
  causes.push(...validateLabels(stringMapField(meta, "labels"), childPath(path, "labels")));
  causes.push(...validateAnnotations(stringMapField(meta, "annotations"), childPath(path, "annotations")));
  causes.push(...validateOwnerReferences(objectItems(meta, "ownerReferences"), childPath(path, "ownerReferences")));
  causes.push(...validateFinalizers(Array.isArray(meta["finalizers"]) ? meta["finalizers"] : [], childPath(path, "finalizers")));
  return causes;
}
