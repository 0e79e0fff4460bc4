import { describe, expect, it, test } from "vitest";
import { decodeContinue, encodeContinue, isStorageError } from "@apimachinery/apiserver";

const PREFIX = "/registry/pods/";

function token(fields: unknown): string {
  return Buffer.from(JSON.stringify(fields)).toString("base64url");
}

function rejection(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("continue tokens", () => {
  it("round-trips a key and revision", () => {
    const encoded = encodeContinue(`${PREFIX}ns/a\u0000`, PREFIX, 42);
    expect(decodeContinue(encoded, PREFIX)).toEqual({ startKey: `${PREFIX}ns/a\u0000`, revision: 42 });
  });

  it("encodes kube-apiserver's JSON fields", () => {
    const encoded = encodeContinue(`${PREFIX}ns/a\u0000`, PREFIX, 7);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(encoded, "base64url").toString())).toEqual({ v: "meta.k8s.io/v1", rv: 7, start: "ns/a\u0000" });
  });

  it("decodes a token kube-apiserver wrote", () => {
    // {"v":"meta.k8s.io/v1","rv":12345,"start":"default/web\u0000"} in unpadded base64url.
    const encoded = "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzNDUsInN0YXJ0IjoiZGVmYXVsdC93ZWJcdTAwMDAifQ";
    expect(decodeContinue(encoded, PREFIX)).toEqual({ startKey: `${PREFIX}default/web\u0000`, revision: 12345 });
  });

  it("keeps a slash-led start key", () => {
    const encoded = encodeContinue("/registry/pods/a\u0000", "/registry/pods", 3);
    expect(decodeContinue(encoded, "/registry/pods").startKey).toBe("/registry/pods/a\u0000");
  });

  it("rejects a key outside the prefix when encoding", () => {
    const error = rejection(() => encodeContinue("/registry/services/a", PREFIX, 1));
    expect(isStorageError(error, "InvalidContinue")).toBe(true);
  });

  it("rejects a revision that is not positive when encoding", () => {
    const error = rejection(() => encodeContinue(`${PREFIX}a`, PREFIX, 0));
    expect(isStorageError(error, "InvalidContinue")).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["not base64url", "a+b/c"],
    ["padded", `${token({ v: "meta.k8s.io/v1", rv: 1, start: "a" })}==`],
    ["impossible length", "abcde"],
    ["not JSON", Buffer.from("not json").toString("base64url")],
    ["a JSON array", token([1, 2])],
    ["a JSON string", token("meta.k8s.io/v1")],
    ["an unknown version", token({ v: "meta.k8s.io/v2", rv: 1, start: "a" })],
    ["no version", token({ rv: 1, start: "a" })],
    ["revision zero", token({ v: "meta.k8s.io/v1", rv: 0, start: "a" })],
    ["a negative revision", token({ v: "meta.k8s.io/v1", rv: -4, start: "a" })],
    ["a fractional revision", token({ v: "meta.k8s.io/v1", rv: 1.5, start: "a" })],
    ["a string revision", token({ v: "meta.k8s.io/v1", rv: "5", start: "a" })],
    ["an empty start", token({ v: "meta.k8s.io/v1", rv: 1, start: "" })],
    ["a numeric start", token({ v: "meta.k8s.io/v1", rv: 1, start: 5 })],
    ["a parent segment", token({ v: "meta.k8s.io/v1", rv: 1, start: "../secrets/a" })],
    ["a nested parent segment", token({ v: "meta.k8s.io/v1", rv: 1, start: "ns/../../secrets" })],
    ["a dot segment", token({ v: "meta.k8s.io/v1", rv: 1, start: "./a" })],
    ["an empty segment", token({ v: "meta.k8s.io/v1", rv: 1, start: "ns//a" })],
    ["a trailing slash", token({ v: "meta.k8s.io/v1", rv: 1, start: "ns/" })],
  ])("rejects %s", (_, value) => {
    const error = rejection(() => decodeContinue(value, PREFIX));
    expect(isStorageError(error, "InvalidContinue"), `expected InvalidContinue, got ${String(error)}`).toBe(true);
    expect((error as Error).message).toMatch(/^continue key is not valid: /);
  });

  it("names the token in the message", () => {
    const error = rejection(() => decodeContinue("a+b", PREFIX)) as Error;
    expect(error.message).toBe('continue key is not valid: "a+b" is not unpadded base64url');
  });
});
