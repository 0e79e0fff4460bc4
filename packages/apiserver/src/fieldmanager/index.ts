/**
 * @packageDocumentation
 * Server-side apply and managedFields: field sets in the FieldsV1 format, ownership of
 * fields by field manager, and the merge of applied configurations by schema (list types,
 * map keys, map and struct types), with conflicts between managers.
 *
 * The REST handler calls {@link FieldManager.updateManagedFields} on every create, update
 * and non-apply patch, after decoding and defaulting and before the strategy prepares the
 * object, with the stored object as `live` (undefined on create). It calls
 * {@link FieldManager.apply} for an `application/apply-patch+yaml` patch, with the stored
 * object or undefined to create, then defaults, prepares and validates the result as for
 * any other write. {@link validateFieldManagerParameters} checks `fieldManager` and
 * `force` first, and {@link managerOrUserAgent} names the manager of other writes.
 */

export { FieldManager, keepTimestampsOnNoop, type ApplyOptions, type FieldManagerConfig, type UpdateOptions } from "./field-manager.js";
export { FieldSet } from "./field-set.js";
export { fromFieldsV1, toFieldsV1, FieldsV1Error } from "./fields-v1.js";
export {
  comparePaths,
  fieldElement,
  keyElement,
  parsePathElement,
  pathToString,
  serializePathElement,
  type FieldPath,
  type KeyField,
  type PathElement,
} from "./path-element.js";
export { applyConflictError, printManager } from "./conflict.js";
export { managerIdentifier, isResetManagedFields } from "./managed-fields.js";
export { managerOrUserAgent } from "./user-agent.js";
export {
  maxFieldManagerLength,
  validateFieldManagerParameters,
  type FieldManagerParameters,
  type WriteOptionsKind,
} from "./options-validation.js";
export { lastAppliedAnnotation } from "./last-applied.js";
