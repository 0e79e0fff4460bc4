/**
 * @packageDocumentation
 * The types and helpers of Kubernetes meta/v1: object and list metadata, Status and
 * StatusError, GroupVersionKind, label and field selectors, Quantity, IntOrString and
 * name validation. Objects are plain data: the values that their JSON form parses to.
 */
export type { Status, StatusDetails, StatusCause, StatusReason, CauseType } from "./status.js";
export type { ListMeta } from "./list-meta.js";
export type { GroupVersion, GroupVersionKind, GroupVersionResource } from "./group-version.js";
export {
  StatusError,
  reasonCodes,
  httpCodeOf,
  grpcCodeOf,
  isStatusError,
  reasonOf,
  isNotFound,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isBadRequest,
  isForbidden,
  isUnauthorized,
  isGone,
  isExpired,
  isTooManyRequests,
  isRequestEntityTooLarge,
  isUnsupportedMediaType,
  isNotAcceptable,
  isMethodNotAllowed,
  isInternalError,
  isTimeout,
  isServerTimeout,
  isServiceUnavailable,
  isResourceExpired,
  type ReasonCodes,
  type QualifiedName,
} from "./status-error.js";
