import type { GroupVersionKind } from "@apimachinery/meta";
import { joinAPIVersion, kindOfObject } from "./api-version.js";
import { nestedField, removeNestedField, setNestedField, setOwnField, type Unstructured } from "./unstructured-fields.js";

// Metadata accessors over an Unstructured object. Like Go's, getters return the zero value
// when a field is absent or has the wrong type, and setters remove the field when given
// the zero value.

function stringAt(object: Unstructured, ...fields: string[]): string {
  const value = nestedField(object, ...fields);
  return typeof value === "string" ? value : "";
}

function setOrRemoveString(object: Unstructured, value: string, ...fields: string[]): void {
  if (value === "") removeNestedField(object, ...fields);
  else setNestedField(object, value, ...fields);
}

function stringMapAt(object: Unstructured, ...fields: string[]): Record<string, string> {
  const value = nestedField(object, ...fields);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string") setOwnField(result, key, item);
  }
  return result;
}

function setOrRemoveMap(object: Unstructured, value: Readonly<Record<string, string>> | undefined, field: string): void {
  if (value === undefined) removeNestedField(object, "metadata", field);
  else setNestedField(object, { ...value }, "metadata", field);
}

/** Returns `apiVersion`, or "" when absent. */
export function getAPIVersion(object: Unstructured): string {
  return stringAt(object, "apiVersion");
}

/** Sets `apiVersion`; "" removes it. */
export function setAPIVersion(object: Unstructured, apiVersion: string): void {
  setOrRemoveString(object, apiVersion, "apiVersion");
}

/** Returns `kind`, or "" when absent. */
export function getKind(object: Unstructured): string {
  return stringAt(object, "kind");
}

/** Sets `kind`; "" removes it. */
export function setKind(object: Unstructured, kind: string): void {
  setOrRemoveString(object, kind, "kind");
}

/** Returns the group-version-kind that `apiVersion` and `kind` name. */
export function groupVersionKind(object: Unstructured): GroupVersionKind {
  return kindOfObject(object);
}

/** Sets `apiVersion` and `kind` from a group-version-kind. */
export function setGroupVersionKind(object: Unstructured, gvk: GroupVersionKind): void {
  setAPIVersion(object, joinAPIVersion(gvk));
  setKind(object, gvk.kind);
}

/** Returns `metadata.name`, or "". */
export function getName(object: Unstructured): string {
  return stringAt(object, "metadata", "name");
}

/** Sets `metadata.name`; "" removes it. */
export function setName(object: Unstructured, name: string): void {
  setOrRemoveString(object, name, "metadata", "name");
}

/** Returns `metadata.generateName`, or "". */
export function getGenerateName(object: Unstructured): string {
  return stringAt(object, "metadata", "generateName");
}

/** Sets `metadata.generateName`; "" removes it. */
export function setGenerateName(object: Unstructured, generateName: string): void {
  setOrRemoveString(object, generateName, "metadata", "generateName");
}

/** Returns `metadata.namespace`, or "". */
export function getNamespace(object: Unstructured): string {
  return stringAt(object, "metadata", "namespace");
}

/** Sets `metadata.namespace`; "" removes it. */
export function setNamespace(object: Unstructured, namespace: string): void {
  setOrRemoveString(object, namespace, "metadata", "namespace");
}

/** Returns `metadata.uid`, or "". */
export function getUID(object: Unstructured): string {
  return stringAt(object, "metadata", "uid");
}

/** Sets `metadata.uid`; "" removes it. */
export function setUID(object: Unstructured, uid: string): void {
  setOrRemoveString(object, uid, "metadata", "uid");
}

/** Returns `metadata.resourceVersion`, or "". */
export function getResourceVersion(object: Unstructured): string {
  return stringAt(object, "metadata", "resourceVersion");
}

/** Sets `metadata.resourceVersion`; "" removes it. */
export function setResourceVersion(object: Unstructured, resourceVersion: string): void {
  setOrRemoveString(object, resourceVersion, "metadata", "resourceVersion");
}

/** Returns `metadata.generation`, or 0 when absent or not an integer. */
export function getGeneration(object: Unstructured): number | bigint {
  const value = nestedField(object, "metadata", "generation");
  if (typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value))) return value;
  return 0;
}

/** Sets `metadata.generation`; 0 removes it. */
export function setGeneration(object: Unstructured, generation: number | bigint): void {
  if (generation === 0 || generation === 0n) removeNestedField(object, "metadata", "generation");
  else setNestedField(object, generation, "metadata", "generation");
}

/** Returns a copy of `metadata.labels`; {} when absent. Entries that are not strings are skipped. */
export function getLabels(object: Unstructured): Record<string, string> {
  return stringMapAt(object, "metadata", "labels");
}

/** Sets `metadata.labels` to a copy of `labels`; undefined removes them. */
export function setLabels(object: Unstructured, labels: Readonly<Record<string, string>> | undefined): void {
  setOrRemoveMap(object, labels, "labels");
}

/** Returns a copy of `metadata.annotations`; {} when absent. Entries that are not strings are skipped. */
export function getAnnotations(object: Unstructured): Record<string, string> {
  return stringMapAt(object, "metadata", "annotations");
}

/** Sets `metadata.annotations` to a copy of `annotations`; undefined removes them. */
export function setAnnotations(object: Unstructured, annotations: Readonly<Record<string, string>> | undefined): void {
  setOrRemoveMap(object, annotations, "annotations");
}

/** Returns `metadata.creationTimestamp` (RFC 3339), or "". */
export function getCreationTimestamp(object: Unstructured): string {
  return stringAt(object, "metadata", "creationTimestamp");
}

/** Sets `metadata.creationTimestamp`; "" removes it. */
export function setCreationTimestamp(object: Unstructured, timestamp: string): void {
  setOrRemoveString(object, timestamp, "metadata", "creationTimestamp");
}

/** Returns `metadata.deletionTimestamp` (RFC 3339), or undefined when the object is not being deleted. */
export function getDeletionTimestamp(object: Unstructured): string | undefined {
  const value = nestedField(object, "metadata", "deletionTimestamp");
  return typeof value === "string" ? value : undefined;
}

/** Sets `metadata.deletionTimestamp`; undefined removes it. */
export function setDeletionTimestamp(object: Unstructured, timestamp: string | undefined): void {
  if (timestamp === undefined) removeNestedField(object, "metadata", "deletionTimestamp");
  else setNestedField(object, timestamp, "metadata", "deletionTimestamp");
}

/** Returns a copy of `metadata.finalizers`; [] when absent. Elements that are not strings are skipped. */
export function getFinalizers(object: Unstructured): string[] {
  const value = nestedField(object, "metadata", "finalizers");
  return Array.isArray(value) ? value.filter((item: unknown): item is string => typeof item === "string") : [];
}

/** Sets `metadata.finalizers` to a copy; an empty list removes them. */
export function setFinalizers(object: Unstructured, finalizers: readonly string[]): void {
  if (finalizers.length === 0) removeNestedField(object, "metadata", "finalizers");
  else setNestedField(object, [...finalizers], "metadata", "finalizers");
}

/** An owner reference in its plain JSON form. */
export interface OwnerReferenceFields {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

function toOwnerReference(value: unknown): OwnerReferenceFields | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  const reference: OwnerReferenceFields = {
    apiVersion: typeof fields["apiVersion"] === "string" ? fields["apiVersion"] : "",
    kind: typeof fields["kind"] === "string" ? fields["kind"] : "",
    name: typeof fields["name"] === "string" ? fields["name"] : "",
    uid: typeof fields["uid"] === "string" ? fields["uid"] : "",
  };
  if (typeof fields["controller"] === "boolean") reference.controller = fields["controller"];
  if (typeof fields["blockOwnerDeletion"] === "boolean") reference.blockOwnerDeletion = fields["blockOwnerDeletion"];
  return reference;
}

/** Returns copies of `metadata.ownerReferences`; [] when absent. Elements that are not objects are skipped. */
export function getOwnerReferences(object: Unstructured): OwnerReferenceFields[] {
  const value = nestedField(object, "metadata", "ownerReferences");
  if (!Array.isArray(value)) return [];
  return value.map(toOwnerReference).filter((reference): reference is OwnerReferenceFields => reference !== undefined);
}

/** Sets `metadata.ownerReferences` to copies; an empty list removes them. */
export function setOwnerReferences(object: Unstructured, references: readonly OwnerReferenceFields[]): void {
  if (references.length === 0) removeNestedField(object, "metadata", "ownerReferences");
  else setNestedField(object, references.map((reference) => ({ ...reference })), "metadata", "ownerReferences");
}
