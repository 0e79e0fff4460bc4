import { describe, expect, test } from "vitest";
import { isInternalError } from "@apimachinery/meta";
import { encodeJson, encodeJsonText, isDeepEqual, jsonSerializerInfo, JsonSerializer } from "@apimachinery/serializer-json";

const decoder = new TextDecoder();
const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } };

describe("encodeJsonText", () => {
  test("compact matches JSON.stringify", () => {
    expect(encodeJsonText(pod)).toBe(JSON.stringify(pod));
  });

  test("pretty uses two spaces", () => {
    expect(encodeJsonText(pod, { pretty: true })).toBe(JSON.stringify(pod, null, 2));
  });

  test("trailing newline on request", () => {
    expect(encodeJsonText({ a: 1 }, { trailingNewline: true })).toBe('{"a":1}\n');
  });

  test.each([
    [{ s: "<b>&</b>" }, '{"s":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}'],
    [{ "a<b": 1 }, '{"a\\u003cb":1}'],
    [{ s: "line\u2028sep\u2029" }, '{"s":"line\\u2028sep\\u2029"}'],
    [{ s: "plain" }, '{"s":"plain"}'],
  ])("escapes HTML like Go %#", (value, text) => {
    expect(encodeJsonText(value)).toBe(text);
    expect(JSON.parse(encodeJsonText(value))).toEqual(value);
  });

  test("HTML escaping can be turned off", () => {
    expect(encodeJsonText({ s: "<&>" }, { escapeHTML: false })).toBe('{"s":"<&>"}');
  });

  test("undefined fields are left out", () => {
    expect(encodeJsonText({ a: undefined, b: [undefined, 1n << 60n], c: 1 })).toBe(`{"b":[null,${(1n << 60n).toString()}],"c":1}`);
  });

  test("string that looks like a bigint placeholder", () => {
    const value = { s: "\u0000B123", n: 9007199254740993n, t: ["\u0000B-5"] };
    expect(encodeJsonText(value)).toBe('{"s":"\\u0000B123","n":9007199254740993,"t":["\\u0000B-5"]}');
  });

  test("bigint inside toJSON output", () => {
    const value = { when: { toJSON: () => 9007199254740993n } };
    expect(encodeJsonText(value)).toBe('{"when":9007199254740993}');
  });

  test("cycles fail with a StatusError", () => {
    const cyclic: Record<string, unknown> = { kind: "Pod" };
    cyclic["self"] = cyclic;
    let caught: unknown;
    try {
      encodeJsonText(cyclic);
    } catch (error) {
      caught = error;
    }
    expect(isInternalError(caught)).toBe(true);
    expect(String(caught)).toContain("failed to encode JSON");
  });

  test("very deep values fail with a StatusError", () => {
    let deep: unknown = 1;
    for (let depth = 0; depth < 100_000; depth++) deep = [deep];
    let caught: unknown;
    try {
      encodeJsonText(deep);
    } catch (error) {
      caught = error;
    }
    expect(isInternalError(caught)).toBe(true);
  });

  test("bytes are UTF-8", () => {
    expect([...encodeJson({ s: "ü" })]).toEqual([...new TextEncoder().encode('{"s":"ü"}')]);
  });
});

describe("JsonSerializer", () => {
  test("compact output ends with a newline", () => {
    expect(decoder.decode(new JsonSerializer().encode(pod))).toBe(`${JSON.stringify(pod)}\n`);
  });

  test("pretty output has no trailing newline", () => {
    expect(decoder.decode(new JsonSerializer({ pretty: true }).encode(pod))).toBe(JSON.stringify(pod, null, 2));
  });

  test("identifiers differ by options", () => {
    const identifiers = new Set([
      new JsonSerializer().identifier,
      new JsonSerializer({ pretty: true }).identifier,
      new JsonSerializer({ strict: true }).identifier,
      new JsonSerializer({ escapeHTML: false }).identifier,
    ]);
    expect(identifiers.size).toBe(4);
  });

  test("decode applies defaults", () => {
    const decoded = new JsonSerializer().decode(new TextEncoder().encode('{"spec":{}}'), { group: "apps", version: "v1", kind: "Deployment" });
    expect(decoded.gvk).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
  });

  test.each([
    ['{"kind":"Pod"}', { group: "", version: "v1", kind: "X" }, { group: "", version: "v1", kind: "Pod" }],
    ['{"apiVersion":"apps/v1"}', { group: "", version: "v9", kind: "Deployment" }, { group: "apps", version: "v1", kind: "Deployment" }],
    ['{"apiVersion":"v2","kind":"Pod"}', { group: "", version: "v1", kind: "" }, { group: "", version: "v2", kind: "Pod" }],
    ['{"apiVersion":"apps/","kind":"D"}', { group: "apps", version: "v1", kind: "" }, { group: "apps", version: "v1", kind: "D" }],
    ['{"apiVersion":"batch/","kind":"D"}', { group: "apps", version: "v1", kind: "" }, { group: "batch", version: "", kind: "D" }],
    ['{"kind":"Pod"}', undefined, { group: "", version: "", kind: "Pod" }],
  ])("gvk of %s with defaults %j", (json, defaults, expected) => {
    const decoded = new JsonSerializer().decode(new TextEncoder().encode(json), defaults);
    expect(decoded.gvk).toEqual(expected);
  });

  test("serializer info", () => {
    const info = jsonSerializerInfo();
    expect(info.mediaType).toBe("application/json");
    expect(info.mediaTypeType).toBe("application");
    expect(info.mediaTypeSubType).toBe("json");
    expect(info.encodesAsText).toBe(true);
    expect(info.prettySerializer?.identifier).toContain('"pretty":"true"');
    expect(info.strictSerializer?.identifier).toContain('"strict":"true"');
    expect(info.streamSerializer?.mediaType).toBe("application/json");
  });
});

describe("isDeepEqual", () => {
  test.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [5n, 5, true],
    [9007199254740993n, 9007199254740992, false],
    [{ a: undefined }, {}, true],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [null, {}, false],
    ["1", 1, false],
  ])("%s and %s", (left, right, equal) => {
    expect(isDeepEqual(left, right)).toBe(equal);
  });
});
