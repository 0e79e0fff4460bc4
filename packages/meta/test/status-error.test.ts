import { describe, expect, test } from "vitest";
import {
  StatusError,
  grpcCodeOf,
  httpCodeOf,
  isAlreadyExists,
  isBadRequest,
  isConflict,
  isExpired,
  isForbidden,
  isGone,
  isInternalError,
  isInvalid,
  isMethodNotAllowed,
  isNotAcceptable,
  isNotFound,
  isRequestEntityTooLarge,
  isResourceExpired,
  isServerTimeout,
  isServiceUnavailable,
  isStatusError,
  isTimeout,
  isTooManyRequests,
  isUnauthorized,
  isUnsupportedMediaType,
  reasonCodes,
  reasonOf,
} from "../src/index.js";

type Check = (value: unknown) => boolean;

const target = { group: "apps", resource: "deployments", name: "web" };

/** Each constructor with its check, the reason and HTTP code kube-apiserver sends, and the message. */
const constructors: Array<[name: string, build: () => StatusError, check: Check, reason: string, code: number, message: string]> = [
  ["notFound", () => StatusError.notFound(target), isNotFound, "NotFound", 404, 'deployments.apps "web" not found'],
  ["alreadyExists", () => StatusError.alreadyExists(target), isAlreadyExists, "AlreadyExists", 409, 'deployments.apps "web" already exists'],
  [
    "conflict",
    () => StatusError.conflict(target, "the object has been modified"),
    isConflict,
    "Conflict",
    409,
    'Operation cannot be fulfilled on deployments.apps "web": the object has been modified',
  ],
  [
    "invalid",
    () => StatusError.invalid({ ...target, kind: "Deployment" }, [{ reason: "FieldValueRequired", field: "spec.replicas", message: "Required value" }]),
    isInvalid,
    "Invalid",
    422,
    'Deployment.apps "web" is invalid: spec.replicas: Required value',
  ],
  ["badRequest", () => StatusError.badRequest("bad body"), isBadRequest, "BadRequest", 400, "bad body"],
  [
    "forbidden",
    () => StatusError.forbidden(target, 'User "bob" cannot get resource'),
    isForbidden,
    "Forbidden",
    403,
    'deployments.apps "web" is forbidden: User "bob" cannot get resource',
  ],
  ["unauthorized", () => StatusError.unauthorized(), isUnauthorized, "Unauthorized", 401, "Unauthorized"],
  ["gone", () => StatusError.gone("gone away"), isGone, "Gone", 410, "gone away"],
  ["expired", () => StatusError.expired("too old resource version: 1 (5)"), isExpired, "Expired", 410, "too old resource version: 1 (5)"],
  ["tooManyRequests", () => StatusError.tooManyRequests("slow down", 3), isTooManyRequests, "TooManyRequests", 429, "slow down"],
  [
    "requestEntityTooLarge",
    () => StatusError.requestEntityTooLarge("limit is 3145728"),
    isRequestEntityTooLarge,
    "RequestEntityTooLarge",
    413,
    "Request entity too large: limit is 3145728",
  ],
  [
    "unsupportedMediaType",
    () => StatusError.unsupportedMediaType("text/plain", ["application/json", "application/yaml"]),
    isUnsupportedMediaType,
    "UnsupportedMediaType",
    415,
    "the body of the request was in an unknown format (text/plain) - accepted media types include: application/json, application/yaml",
  ],
  [
    "notAcceptable",
    () => StatusError.notAcceptable(["application/json"]),
    isNotAcceptable,
    "NotAcceptable",
    406,
    "only the following media types are accepted: application/json",
  ],
  [
    "methodNotAllowed",
    () => StatusError.methodNotAllowed("watch", "TokenReview"),
    isMethodNotAllowed,
    "MethodNotAllowed",
    405,
    'watch is not supported on resources of kind "TokenReview"',
  ],
  ["internal", () => StatusError.internal(new Error("disk full")), isInternalError, "InternalError", 500, "Internal error occurred: disk full"],
  ["timeout", () => StatusError.timeout("request did not complete", 2), isTimeout, "Timeout", 504, "Timeout: request did not complete"],
  [
    "serverTimeout",
    () => StatusError.serverTimeout(target, "get", 1),
    isServerTimeout,
    "ServerTimeout",
    500,
    "The get operation against deployments.apps could not be completed at this time, please try again.",
  ],
  ["serviceUnavailable", () => StatusError.serviceUnavailable("draining"), isServiceUnavailable, "ServiceUnavailable", 503, "draining"],
];

const allChecks: Check[] = constructors.map(([, , check]) => check);

describe("StatusError constructors", () => {
  test.each(constructors)("%s builds its reason and code", (_name, build, check, reason, code, message) => {
    const error = build();
    expect(isStatusError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.status).toMatchObject({ apiVersion: "v1", kind: "Status", status: "Failure", reason, code, message });
    expect(check(error)).toBe(true);
    expect(reasonOf(error)).toBe(reason);
  });

  test.each(constructors)("only the check of %s accepts it", (_name, build, check) => {
    const error = build();
    for (const other of allChecks) {
      if (other !== check) expect(other(error)).toBe(false);
    }
  });

  test("details name the object", () => {
    expect(StatusError.notFound(target).status.details).toEqual({ name: "web", group: "apps", kind: "deployments" });
    expect(StatusError.notFound({ resource: "pods", name: "p" }).message).toBe('pods "p" not found');
  });

  test("retry hints travel in details", () => {
    expect(StatusError.tooManyRequests("slow", 3).status.details?.retryAfterSeconds).toBe(3);
    expect(StatusError.timeout("slow").status.details).toBeUndefined();
  });

  test("several invalid causes are bracketed", () => {
    const error = StatusError.invalid({ resource: "pods", kind: "Pod", name: "p" }, [
      { field: "metadata.name", message: "Required value" },
      { field: "spec.containers", message: "Required value" },
    ]);
    expect(error.message).toBe('Pod "p" is invalid: [metadata.name: Required value, spec.containers: Required value]');
    expect(error.status.details?.causes).toHaveLength(2);
  });

  test("checks reject other values", () => {
    for (const check of allChecks) {
      expect(check(new Error("plain"))).toBe(false);
      expect(check(undefined)).toBe(false);
      expect(check({ reason: "NotFound" })).toBe(false);
    }
    expect(reasonOf("NotFound")).toBe("");
  });

  test("resource expired covers Gone and Expired", () => {
    expect(isResourceExpired(StatusError.gone("x"))).toBe(true);
    expect(isResourceExpired(StatusError.expired("x"))).toBe(true);
    expect(isResourceExpired(StatusError.conflict(target, "x"))).toBe(false);
  });

  test("a Status without code takes it from the reason", () => {
    expect(new StatusError({ reason: "NotFound", message: "x" }).code).toBe(404);
    expect(new StatusError({ message: "x" }).code).toBe(500);
  });

  test("errors from another copy are recognized", () => {
    const foreign = Object.assign(new Error("x"), { reason: "NotFound" });
    Object.defineProperty(foreign, Symbol.for("@apimachinery/meta.StatusError"), { value: true });
    expect(isStatusError(foreign)).toBe(true);
  });
});

describe("reason table", () => {
  test.each([
    ["BadRequest", 400, 3],
    ["Unauthorized", 401, 16],
    ["Forbidden", 403, 7],
    ["NotFound", 404, 5],
    ["MethodNotAllowed", 405, 12],
    ["NotAcceptable", 406, 3],
    ["AlreadyExists", 409, 6],
    ["Conflict", 409, 10],
    ["Gone", 410, 9],
    ["Expired", 410, 9],
    ["RequestEntityTooLarge", 413, 8],
    ["UnsupportedMediaType", 415, 3],
    ["Invalid", 422, 3],
    ["TooManyRequests", 429, 8],
    ["InternalError", 500, 13],
    ["ServerTimeout", 500, 4],
    ["StoreReadError", 500, 13],
    ["ServiceUnavailable", 503, 14],
    ["Timeout", 504, 4],
  ])("%s is HTTP %d and gRPC %d", (reason, http, grpc) => {
    expect(httpCodeOf(reason)).toBe(http);
    expect(grpcCodeOf(reason)).toBe(grpc);
  });

  test("table has one row per reason", () => {
    expect(Object.keys(reasonCodes)).toHaveLength(19);
  });

  test.each([[""], [undefined], ["Unknown"]])("reason %j falls back", (reason) => {
    expect(httpCodeOf(reason)).toBe(500);
    expect(grpcCodeOf(reason)).toBe(2);
  });
});
