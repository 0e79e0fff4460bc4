import { describe, expect, test } from "vitest";
import {
  ClientClosedError,
  EtcdError,
  GRPCDeadlineExceededError,
  GRPCInvalidArgumentError,
  GRPCOutOfRangeError,
  GRPCResourceExhastedError,
  GRPCUnavailableError,
} from "etcd3";
import { StorageError } from "@apimachinery/apiserver";
import { toStorageError } from "../src/index.js";

// The errors the etcd3 client raises for etcd's failures, by their gRPC status and message.
describe("toStorageError", () => {
  test.each([
    ["compacted revision", new GRPCOutOfRangeError("etcdserver: mvcc: required revision has been compacted"), "Compacted"],
    ["compacted, untyped", new EtcdError("etcdserver: mvcc: required revision has been compacted"), "Compacted"],
    ["future revision", new GRPCOutOfRangeError("etcdserver: mvcc: required revision is a future revision"), "Timeout"],
    ["request too large", new GRPCInvalidArgumentError("etcdserver: request is too large"), "TooLarge"],
    ["gRPC message too large", new GRPCResourceExhastedError("8 RESOURCE_EXHAUSTED: Received message larger than max (2097152 vs. 2097152)"), "TooLarge"],
    ["gRPC code 8", Object.assign(new Error("resource exhausted"), { code: 8 }), "TooLarge"],
    ["unavailable", new GRPCUnavailableError("14 UNAVAILABLE: No connection established"), "Unreachable"],
    ["gRPC code 14", Object.assign(new Error("connect ECONNREFUSED"), { code: 14 }), "Unreachable"],
    ["deadline", new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED: Deadline exceeded"), "Timeout"],
    ["closed client", new ClientClosedError("KV"), "Closed"],
    ["unknown", new Error("something else"), "Unreachable"],
  ])("%s", (_name, error, code) => {
    const mapped = toStorageError(error, { key: "/pods/default/web", revision: 7 });
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped.code).toBe(code);
    expect(mapped.key).toBe("/pods/default/web");
  });

  test("keeps a StorageError", () => {
    const original = new StorageError("Conflict", "/a", "conflict", 3);
    expect(toStorageError(original, { key: "/b" })).toBe(original);
  });

  test("names the revision of a compacted read", () => {
    const mapped = toStorageError(new EtcdError("etcdserver: mvcc: required revision has been compacted"), { key: "/a", revision: 7 });
    expect(mapped.message).toContain("7");
  });
});
