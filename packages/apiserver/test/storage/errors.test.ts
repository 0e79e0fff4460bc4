import { describe, expect, it, test } from "vitest";
import { StatusError } from "@apimachinery/meta";
import {
  MAX_VALUE_BYTES,
  StorageError,
  closedError,
  compactedError,
  conflictError,
  futureRevisionError,
  keyExistsError,
  keyNotFoundError,
  storageErrorToStatus,
  tooLargeError,
} from "@apimachinery/apiserver";

const pods = { resource: "pods", name: "web" };
const deployments = { group: "apps", resource: "deployments", name: "web" };

describe("storageErrorToStatus", () => {
  test.each([
    ["KeyNotFound", keyNotFoundError("/registry/pods/default/web"), pods, 404, "NotFound", 'pods "web" not found'],
    ["KeyNotFound in a group", keyNotFoundError("/registry/deployments/default/web"), deployments, 404, "NotFound", 'deployments.apps "web" not found'],
    ["KeyExists", keyExistsError("/registry/pods/default/web"), pods, 409, "AlreadyExists", 'pods "web" already exists'],
    [
      "Conflict",
      conflictError("/registry/pods/default/web", 3, 5),
      pods,
      409,
      "Conflict",
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    ],
    ["Compacted", compactedError("/registry/pods/", 10, 25), pods, 410, "Expired", "too old resource version: 10 (25)"],
    ["TooLarge", tooLargeError("/registry/pods/default/web", 2_000_000), pods, 413, "RequestEntityTooLarge", `Request entity too large: limit is ${MAX_VALUE_BYTES}`],
    ["InvalidContinue", new StorageError("InvalidContinue", "/registry/pods/", "continue key is not valid: bad"), pods, 400, "BadRequest", "continue key is not valid: bad"],
    ["Timeout", new StorageError("Timeout", "/registry/pods/", "request timed out"), pods, 504, "Timeout", "Timeout: request timed out"],
    ["Unreachable", new StorageError("Unreachable", "/registry/pods/", "etcd is unreachable"), pods, 503, "ServiceUnavailable", "etcd is unreachable"],
    ["Closed", closedError("/registry/pods/default/web"), pods, 500, "InternalError", 'Internal error occurred: storage is closed: cannot access key "/registry/pods/default/web"'],
  ])("maps %s", (_, error, target, code, reason, message) => {
    const status = storageErrorToStatus(error, target);
    expect(status).toBeInstanceOf(StatusError);
    expect(status.code).toBe(code);
    expect(status.reason).toBe(reason);
    expect(status.message).toBe(message);
  });

  it("gives the same 413 for every backend's TooLarge message", () => {
    const first = storageErrorToStatus(new StorageError("TooLarge", "/a", "etcdserver: request is too large"), pods);
    const second = storageErrorToStatus(tooLargeError("/a", 5), pods);
    expect(first.status).toEqual(second.status);
  });

  it("adds the ResourceVersionTooLarge cause to a future revision", () => {
    const status = storageErrorToStatus(futureRevisionError("/registry/pods/", 100, 40), pods);
    expect(status.code).toBe(504);
    expect(status.message).toBe("Timeout: Too large resource version: 100, current: 40");
    expect(status.status.details?.retryAfterSeconds).toBe(1);
    expect(status.status.details?.causes).toEqual([{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }]);
  });

  it("uses the request's resourceVersion when the error lacks it", () => {
    const error = new StorageError("Compacted", "/registry/pods/", "mvcc: required revision has been compacted", 25);
    expect(storageErrorToStatus(error, { ...pods, resourceVersion: "10" }).message).toBe("too old resource version: 10 (25)");
    expect(storageErrorToStatus(error, pods).message).toBe("mvcc: required revision has been compacted");
  });

  it("words an expired continue token as kube-apiserver does", () => {
    const status = storageErrorToStatus(compactedError("/registry/pods/", 10, 25), { ...pods, continued: true });
    expect(status.code).toBe(410);
    expect(status.reason).toBe("Expired");
    expect(status.message).toMatch(/^The provided continue parameter is too old/);
  });

  it("passes a StatusError through", () => {
    const original = StatusError.badRequest("bad");
    expect(storageErrorToStatus(original, pods)).toBe(original);
  });

  it("turns anything else into InternalError", () => {
    const status = storageErrorToStatus(new Error("disk on fire"), pods);
    expect(status.code).toBe(500);
    expect(status.message).toBe("Internal error occurred: disk on fire");
  });

  it("keeps the revisions on the StorageError", () => {
    const error = compactedError("/k", 10, 25);
    expect(error.revision).toBe(25);
    expect(error.requestedRevision).toBe(10);
    expect(error.key).toBe("/k");
  });
});
