import type { ListMeta } from "./list-meta.js";

/** The outcome of an operation that returns no object, and the body of every API error (meta/v1 Status). */
export interface Status {
  apiVersion?: "v1";
  kind?: "Status";
  metadata?: ListMeta;
  /** `Success` or `Failure`. */
  status?: "Success" | "Failure";
  /** A human-readable description of the outcome. */
  message?: string;
  /** A machine-readable reason for a failure; empty when none is known. */
  reason?: StatusReason | (string & {});
  details?: StatusDetails;
  /** The HTTP status code of the outcome; 0 when not set. */
  code?: number;
}

/** Details of a Status: the object it concerns and the causes of a failure. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** One cause of a failure, usually one invalid field. */
export interface StatusCause {
  /** A machine-readable cause, such as `FieldValueRequired` or `FieldValueInvalid`. */
  reason?: CauseType | (string & {});
  message?: string;
  /** The path of the field, such as `spec.containers[0].name`. */
  field?: string;
}

/** The reasons that the Kubernetes API gives for a failed request. */
export type StatusReason =
  | ""
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Invalid"
  | "ServerTimeout"
  | "StoreReadError"
  | "Timeout"
  | "TooManyRequests"
  | "BadRequest"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "InternalError"
  | "Expired"
  | "ServiceUnavailable";

/** The cause types that the Kubernetes API puts in `StatusCause.reason`. */
export type CauseType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError"
  | "FieldValueTypeInvalid"
  | "UnexpectedServerResponse"
  | "FieldManagerConflict"
  | "ResourceVersionTooLarge"
  | "NamespaceTerminating";
