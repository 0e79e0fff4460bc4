import { StatusError, parseFieldSelector, parseLabelSelector, unsupportedFields, type Fields, type Labels } from "@apimachinery/meta";
import type { ResourceInfo } from "./resource.js";
import type { ObjectFilter } from "./store.js";
import type { ObjectData } from "./strategy.js";

/** Returns the field set of an object that field selectors match against. */
export function selectableFieldsOf(info: ResourceInfo, object: ObjectData): Fields {
  const fields: Record<string, string> = { "metadata.name": object.metadata?.name ?? "" };
  if (info.namespaced) fields["metadata.namespace"] = object.metadata?.namespace ?? "";
  for (const [field, read] of Object.entries(info.selectableFields ?? {})) {
    const value = read(object);
    fields[field] = value === undefined || value === null ? "" : String(value);
  }
  return fields;
}

/**
 * Builds the filter of a list or watch from its `labelSelector` and `fieldSelector`
 * parameters. A malformed selector, or a field the resource cannot select on, is a BadRequest.
 */
export function selectorFilter(info: ResourceInfo, labelSelector: string, fieldSelector: string): ObjectFilter | undefined {
  const labels = labelSelector.trim() === "" ? undefined : parseLabelSelector(labelSelector);
  const fields = fieldSelector.trim() === "" ? undefined : parseFieldSelector(fieldSelector);
  if (fields) {
    const supported = Object.keys(selectableFieldsOf(info, {}));
    const unknown = unsupportedFields(fields, supported);
    if (unknown.length > 0) throw StatusError.badRequest(`field label not supported: ${unknown.join(", ")}`);
  }
  if (!labels && !fields) return undefined;
  return (object) => {
    if (labels && !labels.matches((object.metadata?.labels ?? {}) as Labels)) return false;
    return !fields || fields.matches(selectableFieldsOf(info, object));
  };
}
