import { nestedField, removeNestedField, setNestedField, type Unstructured } from "./unstructured-fields.js";

/** A list of Unstructured objects in its plain JSON form (`PodList`, or any `<Kind>List`). */
export interface UnstructuredList extends Unstructured {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  items: Unstructured[];
}

/** Reports whether an object is a list: it has an `items` array. */
export function isUnstructuredList(object: Unstructured): object is UnstructuredList {
  return Array.isArray(object["items"]);
}

/** Returns the objects of a list's `items` that are objects; [] when absent. */
export function listItems(list: Unstructured): Unstructured[] {
  const items = list["items"];
  if (!Array.isArray(items)) return [];
  return items.filter((item: unknown): item is Unstructured => typeof item === "object" && item !== null && !Array.isArray(item));
}

/** Returns `metadata.resourceVersion` of a list, or "". */
export function getListResourceVersion(list: Unstructured): string {
  const value = nestedField(list, "metadata", "resourceVersion");
  return typeof value === "string" ? value : "";
}

/** Sets `metadata.resourceVersion` of a list; "" removes it. */
export function setListResourceVersion(list: Unstructured, resourceVersion: string): void {
  if (resourceVersion === "") removeNestedField(list, "metadata", "resourceVersion");
  else setNestedField(list, resourceVersion, "metadata", "resourceVersion");
}

/** Returns `metadata.continue` of a list, or "". */
export function getContinue(list: Unstructured): string {
  const value = nestedField(list, "metadata", "continue");
  return typeof value === "string" ? value : "";
}

/** Sets `metadata.continue` of a list; "" removes it. */
export function setContinue(list: Unstructured, token: string): void {
  if (token === "") removeNestedField(list, "metadata", "continue");
  else setNestedField(list, token, "metadata", "continue");
}

/** Returns `metadata.remainingItemCount` of a list, or undefined when absent. */
export function getRemainingItemCount(list: Unstructured): number | bigint | undefined {
  const value = nestedField(list, "metadata", "remainingItemCount");
  return typeof value === "number" || typeof value === "bigint" ? value : undefined;
}

/** Sets `metadata.remainingItemCount` of a list; undefined removes it. */
export function setRemainingItemCount(list: Unstructured, count: number | bigint | undefined): void {
  if (count === undefined) removeNestedField(list, "metadata", "remainingItemCount");
  else setNestedField(list, count, "metadata", "remainingItemCount");
}
