import { isBadRequest, isStatusError } from "@apimachinery/meta";
import { describe, expect, test } from "vitest";
import { parseYaml, parseYamlAll } from "../src/index.js";

/** Returns the error that parsing `text` raises, failing the test when it succeeds. */
function parseError(text: string | Uint8Array, options?: Parameters<typeof parseYaml>[1]): Error {
  try {
    parseYaml(text, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected parsing ${JSON.stringify(text)} to fail`);
}

describe("malformed input", () => {
  test.each([
    ["bad indentation", "a: 1\n b: 2\n", "line 2, column 3: bad indentation of a mapping entry"],
    ["dedented key", "a:\n  b: 1\n c: 2\n", "line 3, column 2: bad indentation"],
    ["unclosed single quote", "a: 'unclosed\n", "line 2, column 1: unexpected end of the stream within a single quoted scalar"],
    ["unclosed double quote", 'a: "unclosed\n', "line 2, column 1: unexpected end of the stream within a double quoted scalar"],
    ["tab indentation", "a:\n\tb: 1\n", "line 2, column 1: tab characters must not be used in indentation"],
    ["unclosed flow sequence", "a: [1, 2\n", "line 2, column 1: unexpected end of the stream within a flow collection"],
    ["unclosed flow mapping", "a: {b: 1\n", "line 2, column 1: unexpected end of the stream"],
    ["unknown alias", "a: *missing\n", 'line 1, column 12: unidentified alias "missing"'],
    ["sequence then mapping", "- a\nb: c\n", "line 2, column 1:"],
    ["mapping value in plain scalar", "a: b: c\n", "line 1, column 5:"],
    ["reserved indicator", "a: @b\n", "line 1, column 4:"],
    ["unknown escape", 'a: "\\q"\n', "line 1, column 6: unknown escape sequence"],
    ["control character", "a: \u0007\n", "line 1, column 5:"],
    ["null byte", "a: \u0000\n", "line 1"],
    ["unsupported YAML version", "%YAML 2.0\n---\na: 1\n", "line 2, column 1: unacceptable YAML version"],
    ["sequence as key", "[a]: 1\n", "line 1, column 4: invalid map key"],
    ["mapping as key", "{a: 1}: 2\n", "line 1, column 7: invalid map key"],
    ["explicit sequence key", "? - a\n  - b\n: v\n", "line 3, column 1: invalid map key"],
    ["null key", "~: 1\n", "line 1, column 1: unsupported map key of type: <nil>"],
    ["empty explicit key", "? \n: v\n", "line 2, column 1: unsupported map key of type: <nil>"],
    ["empty flow key", "{: v}\n", "line 1, column 2: unsupported map key of type: <nil>"],
    ["missing key", ": v\n", "line 1, column 1:"],
    ["wrong explicit tag", "a: !!int abc\n", "line 1, column 13: cannot decode !!str `abc` as a !!int"],
    ["infinity value", "a:\n  b: .inf\n", "line 2, column 6: json: unsupported value: +Inf"],
    ["NaN value", "a: [.nan]\n", "line 1, column 5: json: unsupported value: NaN"],
    ["invalid base64", "a: !!binary '%%'\n", "!!binary value contains invalid base64 data"],
  ])("%s is a BadRequest naming the position", (_name, text, message) => {
    const error = parseError(text);
    expect(isStatusError(error)).toBe(true);
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("error converting YAML to JSON: yaml: ");
    expect(error.message).toContain(message);
  });

  test("error in a later document fails a stream", () => {
    const error = (() => {
      try {
        parseYamlAll("a: 1\n---\n- x: [\n");
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("expected parsing to fail");
    })();
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("line 4, column 1:");
  });

  test("error in a later document does not fail the first", () => {
    expect(parseYaml("a: 1\n---\n- x: [\n")).toEqual({ a: 1 });
  });

  test("invalid UTF-8 is a BadRequest", () => {
    const error = parseError(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("not valid UTF-8");
  });

  test("UTF-16 with a byte order mark decodes", () => {
    const text = "a: yes\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) bytes[2 + index * 2] = text.charCodeAt(index);
    expect(parseYaml(bytes)).toEqual({ a: true });
  });

  test("input over the byte limit is a BadRequest", () => {
    const error = parseError("a: 1\n".repeat(100), { maxBytes: 100 });
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("larger than the limit of 100 bytes");
  });

  test("large input within the limit decodes", () => {
    const items = Array.from({ length: 20_000 }, (_, index) => `- name: item-${index}\n  value: "${"x".repeat(60)}"\n  enabled: yes\n`);
    const value = parseYaml(`items:\n${items.join("")}`) as { items: { name: string; enabled: boolean }[] };
    expect(value.items).toHaveLength(20_000);
    expect(value.items[19_999]).toMatchObject({ name: "item-19999", enabled: true });
  });

  test("long single line decodes", () => {
    const long = "word ".repeat(200_000).trim();
    expect(parseYaml(`a: ${long}\n`)).toEqual({ a: long });
  });

  test("deep flow nesting is a BadRequest", () => {
    const error = parseError(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("maxDepth");
  });

  test("deep block nesting is a BadRequest", () => {
    const text = Array.from({ length: 3000 }, (_, depth) => `${" ".repeat(depth)}k:`).join("\n");
    const error = parseError(text);
    expect(isBadRequest(error)).toBe(true);
  });

  test("nesting within the limit decodes", () => {
    const text = `${"[".repeat(400)}1${"]".repeat(400)}`;
    let value = parseYaml(text);
    let depth = 0;
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    expect(depth).toBe(400);
    expect(value).toBe(1);
  });
});

describe("alias limits", () => {
  test("billion laughs is rejected as excessive aliasing", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = "abcdefghi";
    for (let level = 1; level < names.length; level++) {
      const previous = names[level - 1];
      lines.push(`${names[level]}: &${names[level]} [${Array.from({ length: 9 }, () => `*${previous}`).join(",")}]`);
    }
    const error = parseError(lines.join("\n"));
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("document contains excessive aliasing");
  });

  test("anchor that contains itself is rejected", () => {
    const error = parseError("a: &a [*a]\n");
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain("anchor value contains itself");
  });

  test("mapping anchor that contains itself is rejected", () => {
    const error = parseError("a: &a {b: *a}\n");
    expect(error.message).toContain("anchor value contains itself");
  });

  test("moderate alias use is accepted", () => {
    const text = ["base: &b {p: 1, q: [1, 2, 3]}", ...Array.from({ length: 200 }, (_, index) => `k${index}: *b`)].join("\n");
    const value = parseYaml(text) as Record<string, unknown>;
    expect(Object.keys(value)).toHaveLength(201);
    expect(value["k199"]).toEqual({ p: 1, q: [1, 2, 3] });
  });

  test("merge key on a non-mapping is rejected", () => {
    const error = parseError("a: 1\nb:\n  <<: *c\n");
    expect(isBadRequest(error)).toBe(true);
  });

  test.each([
    ["scalar merge", "b:\n  <<: 1\n", "line 2, column 3: map merge requires map or sequence of maps as the value"],
    ["list of scalars merge", "b:\n  <<: [1, 2]\n", "line 2, column 3: map merge requires map or sequence of maps as the value"],
    ["merge of an alias to a scalar", "s: &s 1\nb:\n  <<: *s\n", "line 3, column 3: map merge requires map or sequence of maps"],
    ["merge of itself", "x: &x {<<: *x}\n", "anchor value contains itself"],
  ])("%s is rejected", (_name, text, message) => {
    const error = parseError(text);
    expect(isBadRequest(error)).toBe(true);
    expect(error.message).toContain(message);
  });
});

describe("accepted oddities", () => {
  test("duplicate keys keep the last value", () => {
    expect(parseYaml("a: 1\na: 2\n")).toEqual({ a: 2 });
  });

  test("redefined anchor takes the later value", () => {
    expect(parseYaml("a: &x 1\nb: &x 2\nc: *x\n")).toEqual({ a: 1, b: 2, c: 2 });
  });

  test("__proto__ key is an own property", () => {
    const value = parseYaml("__proto__: {polluted: true}\n") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  test("empty stream has no documents", () => {
    expect(parseYamlAll("")).toEqual([]);
    expect(parseYaml("")).toBeNull();
  });
});
