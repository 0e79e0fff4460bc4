import { describe, expect, test } from "vitest";
import { parseYaml, stringifyYaml } from "../src/index.js";

/** Encodes `{ value }` and returns the text after `value: `. */
function encodedScalar(value: unknown): string {
  const text = stringifyYaml({ value });
  expect(text.startsWith("value:")).toBe(true);
  return text.slice("value:".length).replace(/^ /, "").replace(/\n$/, "");
}

describe("string quoting", () => {
  test.each([
    ["no", '"no"'],
    ["No", '"No"'],
    ["on", '"on"'],
    ["OFF", '"OFF"'],
    ["y", '"y"'],
    ["Y", '"Y"'],
    ["yes", '"yes"'],
    ["true", '"true"'],
    ["False", '"False"'],
    ["0755", '"0755"'],
    ["0x1F", '"0x1F"'],
    ["1e3", '"1e3"'],
    ["1_000", '"1_000"'],
    ["123", '"123"'],
    ["-1.5", '"-1.5"'],
    [".5", '".5"'],
    [".inf", '".inf"'],
    [".NaN", '".NaN"'],
    ["~", '"~"'],
    ["null", '"null"'],
    ["NULL", '"NULL"'],
    ["", '""'],
    ["12:30", '"12:30"'],
    ["1:20:30", '"1:20:30"'],
    ["2008-01-01T01:01:01Z", '"2008-01-01T01:01:01Z"'],
    ["2001-12-14", '"2001-12-14"'],
    ["<<", '"<<"'],
  ])("%j is written %s", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test.each([
    ["nameValue", "nameValue"],
    ["yEs", "yEs"],
    ["1e400", "1e400"],
    ["Infinity", "Infinity"],
    ["hello world", "hello world"],
    ["a:b", "a:b"],
    ["a#b", "a#b"],
    ["-a", "-a"],
    ["?a", "?a"],
    ["héllo wörld", "héllo wörld"],
    ["nginx:1.25", "nginx:1.25"],
    ["/usr/bin/env", "/usr/bin/env"],
    ["12:60", "12:60"],
  ])("%j stays plain", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test.each([
    ["*", "'*'"],
    ["a: b", "'a: b'"],
    ["a #b", "'a #b'"],
    ["- a", "'- a'"],
    ["{a}", "'{a}'"],
    ["[a]", "'[a]'"],
    ["&anchor", "'&anchor'"],
    ["!tag", "'!tag'"],
    ["|", "'|'"],
    [">", "'>'"],
    ["%", "'%'"],
    ["@a", "'@a'"],
    ["`a", "'`a'"],
    ["'quoted'", "'''quoted'''"],
    ['"quoted"', `'"quoted"'`],
    [" leading", "' leading'"],
    ["trailing ", "'trailing '"],
    ["---", "'---'"],
    ["...", "'...'"],
    ['{"a":"b"}', `'{"a":"b"}'`],
  ])("%j is single-quoted as %s", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test.each([
    ["tab\there", '"tab\\there"'],
    ["bell\u0007", '"bell\\a"'],
    ["nul\u0000", '"nul\\0"'],
    ["del\u007f", '"del\\x7F"'],
    ["cr\r", '"cr\\r"'],
    ["bom\ufeff", '"bom\\uFEFF"'],
    ["emoji 😀", '"emoji \\U0001F600"'],
    ["nel\u0085", '"nel\\N"'],
    ["ls\u2028x", '"ls\\Lx"'],
    ["back\\slash\t", '"back\\\\slash\\t"'],
  ])("%j is double-quoted as %s", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });
});

describe("block literals", () => {
  test.each([
    ["line1\nline2", "|-\n  line1\n  line2"],
    ["line1\nline2\n", "|\n  line1\n  line2"],
    ["line1\n\n", "|+\n  line1\n"],
    ["\n", "|2+\n"],
    [" indented\nnext", "|2-\n   indented\n  next"],
    ["a\n\nb", "|-\n  a\n\n  b"],
  ])("%j is written as a literal", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test.each([
    ["trailing space \nx", '"trailing space \\nx"'],
    ["tab\t\nx", '"tab\\t\\nx"'],
  ])("%j falls back to double quotes", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test("literal in a sequence indents under the dash", () => {
    expect(stringifyYaml({ args: ["a\nb"] })).toBe("args:\n- |-\n  a\n  b\n");
  });

  test("multi-line key uses the complex key form", () => {
    expect(stringifyYaml({ "a\nb": 1 })).toBe("? |-\n  a\n  b\n: 1\n");
  });
});

describe("line folding", () => {
  const words = Array.from({ length: 30 }, (_, index) => `word${index}`).join(" ");

  test("long plain string folds past column 80", () => {
    const text = stringifyYaml({ description: words });
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]?.startsWith("  word")).toBe(true);
    expect(parseYaml(text)).toEqual({ description: words });
  });

  test("long single-quoted string folds and round-trips", () => {
    const value = `note: ${words}`;
    const text = stringifyYaml({ description: value });
    expect(text.startsWith("description: 'note: word0")).toBe(true);
    expect(text.trimEnd().split("\n").length).toBeGreaterThan(1);
    expect(parseYaml(text)).toEqual({ description: value });
  });

  test("long double-quoted string folds and round-trips", () => {
    const value = `${words}\t  ${words}`;
    const text = stringifyYaml({ description: value });
    expect(text.startsWith('description: "word0')).toBe(true);
    expect(parseYaml(text)).toEqual({ description: value });
  });

  test("fold happens at the first space past column 80", () => {
    const value = `${"x".repeat(76)} ${"y".repeat(10)} tail end `;
    expect(stringifyYaml({ a: value })).toBe(`a: '${"x".repeat(76)} ${"y".repeat(10)}\n  tail end '\n`);
  });

  test("string without spaces is never folded", () => {
    const value = "x".repeat(300);
    expect(stringifyYaml({ value })).toBe(`value: ${value}\n`);
  });

  test("keys are never folded", () => {
    const key = words.slice(0, 120);
    expect(stringifyYaml({ [key]: 1 })).toBe(`${key}: 1\n`);
  });

  test("key over 128 bytes uses the complex key form", () => {
    const key = "k".repeat(129);
    expect(stringifyYaml({ [key]: "v" })).toBe(`? ${key}\n: v\n`);
    expect(parseYaml(stringifyYaml({ [key]: "v" }))).toEqual({ [key]: "v" });
  });
});

describe("layout", () => {
  test("nested objects indent by two spaces", () => {
    expect(stringifyYaml({ a: { b: { c: 1 } } })).toBe("a:\n  b:\n    c: 1\n");
  });

  test("sequences sit at the key's indentation", () => {
    expect(stringifyYaml({ spec: { items: ["a", "b"] } })).toBe("spec:\n  items:\n  - a\n  - b\n");
  });

  test("objects in sequences start on the dash line", () => {
    expect(stringifyYaml({ items: [{ name: "x", port: 80 }] })).toBe("items:\n- name: x\n  port: 80\n");
  });

  test("nested sequences share the dash line", () => {
    expect(stringifyYaml({ m: [[1, 2], [3]] })).toBe("m:\n- - 1\n  - 2\n- - 3\n");
  });

  test("sequence as a list item value", () => {
    expect(stringifyYaml([{ a: [1] }])).toBe("- a:\n  - 1\n");
  });

  test("empty collections use flow style", () => {
    expect(stringifyYaml({ a: {}, b: [], c: [{}, []] })).toBe("a: {}\nb: []\nc:\n- {}\n- []\n");
  });

  test("root values", () => {
    expect(stringifyYaml({})).toBe("{}\n");
    expect(stringifyYaml([])).toBe("[]\n");
    expect(stringifyYaml(["a"])).toBe("- a\n");
  });

  test("undefined fields are skipped", () => {
    expect(stringifyYaml({ a: undefined, b: 1, c: () => 1 })).toBe("b: 1\n");
  });

  test("undefined list items become null", () => {
    expect(stringifyYaml({ a: [undefined] })).toBe("a:\n- null\n");
  });

  test("toJSON is honoured", () => {
    expect(stringifyYaml({ when: { toJSON: () => "2008-01-01T01:01:01Z" } })).toBe('when: "2008-01-01T01:01:01Z"\n');
  });
});

describe("key order", () => {
  test.each([
    [["b", "a", "c"], ["a", "b", "c"]],
    [["kind", "apiVersion", "spec", "metadata", "status"], ["apiVersion", "kind", "metadata", "spec", "status"]],
    [["a10", "a9", "a1"], ["a1", "a9", "a10"]],
    [["ab", "a-b", "a_b", "a.b"], ["a-b", "a.b", "a_b", "ab"]],
    [["B", "a", "A", "b"], ["A", "B", "a", "b"]],
    [["x1", "x01", "x001"], ["x1", "x01", "x001"]],
    [["10", "9", "1"], ["1", "9", "10"]],
  ])("%j sorts as %j", (keys, expected) => {
    const object = Object.fromEntries(keys.map((key) => [key, 0]));
    const text = stringifyYaml(object);
    const written = text
      .trimEnd()
      .split("\n")
      .map((line) => line.slice(0, line.lastIndexOf(":")).replace(/^"(.*)"$/, "$1"));
    expect(written).toEqual(expected);
  });
});

describe("numbers", () => {
  test.each([
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [-7, "-7"],
    [1.5, "1.5"],
    [0.1, "0.1"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [123456.5, "123456.5"],
    [1234567.5, "1.2345675e+06"],
    [1e20, "1e+20"],
    [2 ** 63, "9223372036854775808"],
    [2 ** 64, "1.8446744073709552e+19"],
    [1e21, "1e+21"],
    [9007199254740993n, "9007199254740993"],
    [-9223372036854775808n, "-9223372036854775808"],
    [true, "true"],
    [false, "false"],
    [null, "null"],
  ])("%s is written %s", (value, expected) => {
    expect(encodedScalar(value)).toBe(expected);
  });

  test("long bigint is written in full", () => {
    const value = 10n ** 100n;
    expect(stringifyYaml({ value })).toBe(`value: ${value.toString()}\n`);
  });

  test("root scalar has no end marker", () => {
    expect(stringifyYaml("text")).toBe("text\n");
    expect(stringifyYaml("kept\n\n")).toBe("|+\n  kept\n\n");
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY])("%s is rejected", (value) => {
    expect(() => stringifyYaml({ value })).toThrow(/unsupported value/);
  });

  test("cycle is rejected", () => {
    const object: Record<string, unknown> = {};
    object["self"] = object;
    expect(() => stringifyYaml(object)).toThrow(/cycle/);
  });
});

describe("round trip", () => {
  test.each([
    ["strings that look like other types", { a: "no", b: "0755", c: "1e3", d: "~", e: "", f: "12:30", g: "yes", h: "2001-01-01" }],
    ["numbers and bigints", { big: 9007199254740993n, neg: -9223372036854775808n, small: 5, float: 2.5 }],
    ["line breaks and special characters", { text: "multi\nline\n", keep: "x\n\n\n", lead: "  spaced\n", unicode: "ü ✓ 😀", tab: "a\tb" }],
    ["keys that need quoting", { "yes": 1, "1": 2, "": 3, "-": 4, "? x": 5, "a: b": 6 }],
    ["nested and empty collections", { nested: [[[{ a: [] }]]], empty: {}, list: [null, true, 0] }],
  ])("%s survive encode and decode", (_name, value) => {
    expect(parseYaml(stringifyYaml(value))).toEqual(value);
  });
});
