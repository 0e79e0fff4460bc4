import type { Status, StatusCause, StatusDetails, StatusReason } from "./status.js";

/** One row of the table that ties a Status reason to its HTTP and gRPC status codes. */
export interface ReasonCodes {
  readonly http: number;
  /** The gRPC status code (`@grpc/grpc-js` `status` enum value). */
  readonly grpc: number;
}

/**
 * The HTTP and gRPC codes of each Status reason, as kube-apiserver sends them over HTTP.
 * gRPC codes: 3 INVALID_ARGUMENT, 4 DEADLINE_EXCEEDED, 5 NOT_FOUND, 6 ALREADY_EXISTS,
 * 7 PERMISSION_DENIED, 8 RESOURCE_EXHAUSTED, 9 FAILED_PRECONDITION, 10 ABORTED,
 * 12 UNIMPLEMENTED, 13 INTERNAL, 14 UNAVAILABLE, 16 UNAUTHENTICATED.
 */
export const reasonCodes: Readonly<Record<Exclude<StatusReason, "">, ReasonCodes>> = {
  BadRequest: { http: 400, grpc: 3 },
  Unauthorized: { http: 401, grpc: 16 },
  Forbidden: { http: 403, grpc: 7 },
  NotFound: { http: 404, grpc: 5 },
  MethodNotAllowed: { http: 405, grpc: 12 },
  NotAcceptable: { http: 406, grpc: 3 },
  AlreadyExists: { http: 409, grpc: 6 },
  Conflict: { http: 409, grpc: 10 },
  Gone: { http: 410, grpc: 9 },
  Expired: { http: 410, grpc: 9 },
  RequestEntityTooLarge: { http: 413, grpc: 8 },
  UnsupportedMediaType: { http: 415, grpc: 3 },
  Invalid: { http: 422, grpc: 3 },
  TooManyRequests: { http: 429, grpc: 8 },
  InternalError: { http: 500, grpc: 13 },
  ServerTimeout: { http: 500, grpc: 4 },
  StoreReadError: { http: 500, grpc: 13 },
  ServiceUnavailable: { http: 503, grpc: 14 },
  Timeout: { http: 504, grpc: 4 },
};

/** Returns the HTTP code of a reason; 500 for an unknown or empty reason. */
export function httpCodeOf(reason: string | undefined): number {
  return (reasonCodes as Record<string, ReasonCodes | undefined>)[reason ?? ""]?.http ?? 500;
}

/** Returns the gRPC status code of a reason; 2 (UNKNOWN) for an unknown or empty reason. */
export function grpcCodeOf(reason: string | undefined): number {
  return (reasonCodes as Record<string, ReasonCodes | undefined>)[reason ?? ""]?.grpc ?? 2;
}

/** The resource and name that an error concerns, as in `deployments.apps "web"`. */
export interface QualifiedName {
  /** The API group; empty for the core group. */
  readonly group?: string;
  /** The plural resource name (`pods`), or a kind where no resource is known. */
  readonly resource: string;
  readonly name?: string;
}

function qualify(target: QualifiedName): string {
  return target.group ? `${target.resource}.${target.group}` : target.resource;
}

function detailsOf(target: QualifiedName, extra: StatusDetails = {}): StatusDetails {
  const details: StatusDetails = { ...extra };
  if (target.name !== undefined) details.name = target.name;
  if (target.group) details.group = target.group;
  details.kind = target.resource;
  return details;
}

const statusErrorMarker = Symbol.for("@apimachinery/meta.StatusError");

/**
 * An error that carries a Kubernetes `Status`: every failure that reaches a client is one.
 * Use the static constructors (`StatusError.notFound`, ...) and the `is...` checks.
 */
export class StatusError extends Error {
  readonly status: Status & { reason: string; code: number; message: string };

  constructor(status: Status) {
    const reason = status.reason ?? "";
    const code = status.code ?? httpCodeOf(reason);
    const message = status.message ?? reason;
    super(message);
    this.name = "StatusError";
    this.status = { apiVersion: "v1", kind: "Status", metadata: {}, ...status, status: "Failure", reason, code, message };
    Object.defineProperty(this, statusErrorMarker, { value: true });
  }

  /** The Status reason, such as `NotFound`. */
  get reason(): string {
    return this.status.reason;
  }

  /** The HTTP status code. */
  get code(): number {
    return this.status.code;
  }

  /** Returns a StatusError with the given reason and message, the code taken from the reason table. */
  static of(reason: Exclude<StatusReason, "">, message: string, details?: StatusDetails): StatusError {
    return new StatusError({ reason, message, code: reasonCodes[reason].http, ...(details ? { details } : {}) });
  }

  /** Returns a NotFound (404) error: `deployments.apps "web" not found`. */
  static notFound(target: QualifiedName): StatusError {
    return StatusError.of("NotFound", `${qualify(target)} "${target.name ?? ""}" not found`, detailsOf(target));
  }

  /** Returns an AlreadyExists (409) error for a create whose name is taken. */
  static alreadyExists(target: QualifiedName): StatusError {
    return StatusError.of("AlreadyExists", `${qualify(target)} "${target.name ?? ""}" already exists`, detailsOf(target));
  }

  /** Returns a Conflict (409) error, such as a write with a stale resourceVersion; `why` ends the message. */
  static conflict(target: QualifiedName, why: string): StatusError {
    return StatusError.of("Conflict", `Operation cannot be fulfilled on ${qualify(target)} "${target.name ?? ""}": ${why}`, detailsOf(target));
  }

  /** An Invalid (422) error with one cause per invalid field, worded as kube-apiserver words it. */
  static invalid(target: QualifiedName & { kind?: string }, causes: StatusCause[]): StatusError {
    const kindName = target.kind ?? target.resource;
    // kube-apiserver names the kind with its group, as in `Deployment.apps "web" is invalid`.
    const qualifiedKind = target.group ? `${kindName}.${target.group}` : kindName;
    const summary = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message ?? ""}` : (cause.message ?? ""))).join(", ");
    const message = `${qualifiedKind} "${target.name ?? ""}" is invalid: ${causes.length > 1 ? `[${summary}]` : summary}`;
    const details: StatusDetails = { causes };
    if (target.name !== undefined) details.name = target.name;
    if (target.group) details.group = target.group;
    details.kind = kindName;
    return StatusError.of("Invalid", message, details);
  }

  /** Returns a BadRequest (400) error with the message as given. */
  static badRequest(message: string, causes?: StatusCause[]): StatusError {
    return StatusError.of("BadRequest", message, causes ? { causes } : undefined);
  }

  /** Returns a Forbidden (403) error for a request that authorization or admission denied. */
  static forbidden(target: QualifiedName, why: string, causes?: StatusCause[]): StatusError {
    const message = `${qualify(target)} "${target.name ?? ""}" is forbidden: ${why}`;
    return StatusError.of("Forbidden", message, detailsOf(target, causes ? { causes } : {}));
  }

  /** Returns an Unauthorized (401) error for a request without valid credentials. */
  static unauthorized(message = "Unauthorized"): StatusError {
    return StatusError.of("Unauthorized", message);
  }

  /** Returns a Gone (410) error. */
  static gone(message: string): StatusError {
    return StatusError.of("Gone", message);
  }

  /** The "too old resource version" error: 410 with reason Expired. */
  static expired(message: string): StatusError {
    return StatusError.of("Expired", message);
  }

  /** Returns a TooManyRequests (429) error, with the seconds to wait when known. */
  static tooManyRequests(message: string, retryAfterSeconds?: number): StatusError {
    return StatusError.of("TooManyRequests", message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }

  /** Returns a RequestEntityTooLarge (413) error for a body over the size limit. */
  static requestEntityTooLarge(message: string): StatusError {
    return StatusError.of("RequestEntityTooLarge", `Request entity too large: ${message}`);
  }

  /** Returns an UnsupportedMediaType (415) error that lists the media types the server reads. */
  static unsupportedMediaType(contentType: string, supported: readonly string[]): StatusError {
    return StatusError.of(
      "UnsupportedMediaType",
      `the body of the request was in an unknown format (${contentType}) - accepted media types include: ${supported.join(", ")}`,
    );
  }

  /** Returns a NotAcceptable (406) error that lists the media types the server can write. */
  static notAcceptable(supported: readonly string[]): StatusError {
    return StatusError.of("NotAcceptable", `only the following media types are accepted: ${supported.join(", ")}`);
  }

  /** Returns a MethodNotAllowed (405) error for a verb that the resource does not support. */
  static methodNotAllowed(verb: string, kind: string): StatusError {
    return StatusError.of("MethodNotAllowed", `${verb} is not supported on resources of kind "${kind}"`);
  }

  /** Returns an InternalError (500) error that carries the cause's message. */
  static internal(cause: unknown): StatusError {
    const text = cause instanceof Error ? cause.message : String(cause);
    return StatusError.of("InternalError", `Internal error occurred: ${text}`, { causes: [{ message: text }] });
  }

  /** Returns a Timeout (504) error, with the seconds to wait when known. */
  static timeout(message: string, retryAfterSeconds?: number): StatusError {
    return StatusError.of("Timeout", `Timeout: ${message}`, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }

  /** Returns a ServerTimeout (500) error for an operation that the server could not finish in time. */
  static serverTimeout(target: QualifiedName, operation: string, retryAfterSeconds?: number): StatusError {
    const message = `The ${operation} operation against ${qualify(target)} could not be completed at this time, please try again.`;
    return StatusError.of("ServerTimeout", message, detailsOf(target, retryAfterSeconds === undefined ? {} : { retryAfterSeconds }));
  }

  /** Returns a ServiceUnavailable (503) error. */
  static serviceUnavailable(message: string): StatusError {
    return StatusError.of("ServiceUnavailable", message);
  }
}

/**
 * Reports whether `value` is a StatusError. The check reads a registered symbol rather than
 * the prototype, so errors from two installed copies of this package are both recognized.
 */
export function isStatusError(value: unknown): value is StatusError {
  return value instanceof Error && (value as unknown as Record<symbol, unknown>)[statusErrorMarker] === true;
}

/** Returns the reason of a StatusError, or `""` for anything else. */
export function reasonOf(value: unknown): string {
  return isStatusError(value) ? value.reason : "";
}

const hasReason = (reason: StatusReason) => (value: unknown): boolean => reasonOf(value) === reason;

/** Reports whether a value is a StatusError with reason NotFound. */
export const isNotFound = hasReason("NotFound");
/** Reports whether a value is a StatusError with reason AlreadyExists. */
export const isAlreadyExists = hasReason("AlreadyExists");
/** Reports whether a value is a StatusError with reason Conflict. */
export const isConflict = hasReason("Conflict");
/** Reports whether a value is a StatusError with reason Invalid. */
export const isInvalid = hasReason("Invalid");
/** Reports whether a value is a StatusError with reason BadRequest. */
export const isBadRequest = hasReason("BadRequest");
/** Reports whether a value is a StatusError with reason Forbidden. */
export const isForbidden = hasReason("Forbidden");
/** Reports whether a value is a StatusError with reason Unauthorized. */
export const isUnauthorized = hasReason("Unauthorized");
/** Reports whether a value is a StatusError with reason Gone. */
export const isGone = hasReason("Gone");
/** Reports whether a value is a StatusError with reason Expired. */
export const isExpired = hasReason("Expired");
/** Reports whether a value is a StatusError with reason TooManyRequests. */
export const isTooManyRequests = hasReason("TooManyRequests");
/** Reports whether a value is a StatusError with reason RequestEntityTooLarge. */
export const isRequestEntityTooLarge = hasReason("RequestEntityTooLarge");
/** Reports whether a value is a StatusError with reason UnsupportedMediaType. */
export const isUnsupportedMediaType = hasReason("UnsupportedMediaType");
/** Reports whether a value is a StatusError with reason NotAcceptable. */
export const isNotAcceptable = hasReason("NotAcceptable");
/** Reports whether a value is a StatusError with reason MethodNotAllowed. */
export const isMethodNotAllowed = hasReason("MethodNotAllowed");
/** Reports whether a value is a StatusError with reason InternalError. */
export const isInternalError = hasReason("InternalError");
/** Reports whether a value is a StatusError with reason Timeout. */
export const isTimeout = hasReason("Timeout");
/** Reports whether a value is a StatusError with reason ServerTimeout. */
export const isServerTimeout = hasReason("ServerTimeout");
/** Reports whether a value is a StatusError with reason ServiceUnavailable. */
export const isServiceUnavailable = hasReason("ServiceUnavailable");

/** Reports whether a watch or list failed because its resource version was compacted (410 Gone or Expired). */
export function isResourceExpired(value: unknown): boolean {
  return isExpired(value) || isGone(value);
}
