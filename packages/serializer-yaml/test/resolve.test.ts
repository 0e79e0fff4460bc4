import { describe, expect, test } from "vitest";
import { isBase60Float, isGoTimestamp, parseYaml } from "../src/index.js";

/** Decodes `value: <text>` and returns the value. */
function scalar(text: string): unknown {
  return (parseYaml(`value: ${text}\n`) as Record<string, unknown>)["value"];
}

describe("plain scalar resolution", () => {
  test.each([
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  ])("%s is true", (text) => {
    expect(scalar(text)).toBe(true);
  });

  test.each([
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  ])("%s is false", (text) => {
    expect(scalar(text)).toBe(false);
  });

  test.each(["yEs", "tRUE", "oN", "nO", "FaLsE", "oFF", "ye", "tru", "yes!"])("%s stays a string", (text) => {
    expect(scalar(text)).toBe(text);
  });

  test.each([
    ["~", null],
    ["null", null],
    ["Null", null],
    ["NULL", null],
    ["", null],
    ["nULL", "nULL"],
  ])("null form %j", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });

  test.each([
    ["0644", 420],
    ["0755", 493],
    ["-0644", -420],
    ["0o17", 15],
    ["0O17", 15],
    ["0x1F", 31],
    ["0X1f", 31],
    ["-0x10", -16],
    ["+0x10", 16],
    ["0b101", 5],
    ["-0b101", -5],
    ["1_000", 1000],
    ["1__", 1],
    ["0x_1F", 31],
    ["0", 0],
    ["00", 0],
    ["-0", 0],
    ["+7", 7],
    ["08", 8],
    ["09.5", 9.5],
  ])("integer %s is %d", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });

  test.each([
    ["1.5", 1.5],
    ["1e3", 1000],
    ["1E3", 1000],
    ["1.0", 1],
    ["-1.25", -1.25],
    [".5", 0.5],
    ["-.5", -0.5],
    ["+.5", 0.5],
    ["1.", 1],
    ["6.02e+23", 6.02e23],
    ["1e-7", 1e-7],
    ["1_0.5", 10.5],
    ["-0.0", 0],
    ["1e-400", 0],
  ])("float %s is %d", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });

  test.each(["1e400", "0x", "1e", "1.2.3", "0xZZ", "_1", "1-2", "1e3.5", ".", "..5", "0b2", "+", "0x1p3", "Infinity", "NaN", "inf"])(
    "%s stays a string",
    (text) => {
      expect(scalar(text)).toBe(text);
    },
  );

  test.each(["12:30", "1:20:30", "-12:30", "190:20:30.15"])("base-60 %s stays a string", (text) => {
    expect(scalar(text)).toBe(text);
  });

  test.each(["2001-12-14", "2001-12-14T21:59:43.10Z", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2008-01-01T01:01:01Z"])(
    "timestamp %s stays a string",
    (text) => {
      expect(scalar(text)).toBe(text);
    },
  );

  test.each([".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.INF", ".nan", ".NaN", ".NAN"])("non-finite %s is rejected", (text) => {
    expect(() => scalar(text)).toThrow(/json: unsupported value/);
  });
});

describe("integer precision", () => {
  test.each([
    ["9007199254740991", 9007199254740991],
    ["-9007199254740991", -9007199254740991],
    ["9007199254740992", 9007199254740992n],
    ["9007199254740993", 9007199254740993n],
    ["-9007199254740993", -9007199254740993n],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["0x7FFFFFFFFFFFFFFF", 9223372036854775807n],
    ["1e18", 1000000000000000000n],
  ])("%s decodes exactly", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });

  test.each([
    ["9223372036854775808", 9223372036854775808],
    ["18446744073709551615", 18446744073709551615],
    ["18446744073709551616", 18446744073709551616],
    ["-9223372036854775809", -9223372036854775808n],
    ["1e20", 1e20],
  ])("%s beyond int64 follows Go", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });
});

describe("map keys", () => {
  test.each([
    ["yes: v", "true"],
    ["y: v", "true"],
    ["n: v", "false"],
    ["No: v", "false"],
    ["on: v", "true"],
    ["1: v", "1"],
    ["0x10: v", "16"],
    ["0644: v", "420"],
    ["1.5: v", "1.5"],
    ["1e6: v", "1e+06"],
    ["3.14159265358979: v", "3.1415927"],
    [".inf: v", ".inf"],
    ["-.inf: v", "-.inf"],
    [".nan: v", ".nan"],
    ["2001-01-01: v", "2001-01-01"],
    ["12:30: v", "12:30"],
    ["'yes': v", "yes"],
    ["9007199254740993: v", "9007199254740993"],
  ])("%s has key %s", (text, key) => {
    expect(Object.keys(parseYaml(text) as object)).toEqual([key]);
  });

  test.each(["~: v", "null: v", "18446744073709551615: v"])("%s is an unsupported key", (text) => {
    expect(() => parseYaml(text)).toThrow(/unsupported map key/);
  });
});

describe("explicit tags", () => {
  test.each([
    ["!!str yes", "yes"],
    ["!!str 0644", "0644"],
    ["!!int '12'", 12],
    ["!!int 0x10", 16],
    ["!!float 3", 3],
    ["!!float '2.5'", 2.5],
    ["!!bool 'on'", true],
    ["!!null ''", null],
    ["!!timestamp 2001-01-01", "2001-01-01"],
    ["!!binary aGVsbG8=", "hello"],
    ["!!binary /w==", "\uFFFD"],
    ["!custom value", "value"],
    ["!<tag:example.com,2000:x> 7", "7"],
    ['"yes"', "yes"],
    ["'0644'", "0644"],
  ])("%s decodes to %j", (text, expected) => {
    expect(scalar(text)).toEqual(expected);
  });

  test.each([
    ["!!int abc", "cannot decode !!str `abc` as a !!int"],
    ["!!bool 1", "cannot decode !!int `1` as a !!bool"],
    ["!!float yes", "cannot decode !!bool `yes` as a !!float"],
    ["!!timestamp 12", "cannot decode !!int `12` as a !!timestamp"],
    ["!!binary '***'", "!!binary value contains invalid base64 data"],
  ])("%s is rejected", (text, message) => {
    expect(() => scalar(text)).toThrow(message);
  });

  test("tagged collections keep their content", () => {
    expect(parseYaml("a: !!set {x: 1}\nb: !custom [1, 2]\n")).toEqual({ a: { x: 1 }, b: [1, 2] });
  });
});

describe("escapes", () => {
  test.each([
    [String.raw`"it\'s"`, "it's"],
    [String.raw`"\'a\' and \'b\'"`, "'a' and 'b'"],
    [String.raw`'x\'`, "x\\"],
    [String.raw`it\'s`, "it\\'s"],
    [String.raw`"tab\there"`, "tab\there"],
    [String.raw`"\x41\u00e9\U0001F600"`, "A\u00e9\u{1F600}"],
    [String.raw`"\N\_\L\P"`, "\u0085\u00a0\u2028\u2029"],
  ])("%s decodes to %j", (text, expected) => {
    expect(scalar(text)).toBe(expected);
  });
});

describe("anchors and merge keys", () => {
  test("alias copies the anchored value", () => {
    const value = parseYaml("a: &x {k: [1, 2]}\nb: *x\n") as { a: { k: number[] }; b: { k: number[] } };
    expect(value.b).toEqual({ k: [1, 2] });
    expect(value.b).not.toBe(value.a);
    expect(value.b.k).not.toBe(value.a.k);
  });

  test("merge key fills missing keys", () => {
    const text = "base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n";
    expect(parseYaml(text)).toEqual({ base: { p: 1, q: 2 }, derived: { p: 1, q: 3 } });
  });

  test("merge of a list prefers earlier maps", () => {
    const text = "a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n";
    expect((parseYaml(text) as Record<string, unknown>)["c"]).toEqual({ p: 1, q: 2 });
  });

  test("merge overwrites keys before it", () => {
    const text = "base: &b {p: 1, q: 2}\nderived:\n  q: 0\n  <<: *b\n  r: 3\n";
    expect((parseYaml(text) as Record<string, unknown>)["derived"]).toEqual({ p: 1, q: 2, r: 3 });
  });

  test("several merge keys apply in order", () => {
    const text = "a: &a {p: 1, q: 1}\nc:\n  <<: *a\n  <<: {q: 2}\n";
    expect((parseYaml(text) as Record<string, unknown>)["c"]).toEqual({ p: 1, q: 2 });
  });

  test("explicit merge tag merges", () => {
    expect(parseYaml("c:\n  !!merge <<: {p: 1}\n")).toEqual({ c: { p: 1 } });
  });

  test("alias to a mapping with a merge sees the merged keys", () => {
    expect(parseYaml("x: &x {<<: {p: 1}, q: 2}\nz: *x\n")).toEqual({ x: { p: 1, q: 2 }, z: { p: 1, q: 2 } });
  });

  test("<< as a value is a string", () => {
    expect(parseYaml("v: <<\n")).toEqual({ v: "<<" });
  });

  test("quoted << is an ordinary key", () => {
    expect(parseYaml('"<<": {x: 1}\n')).toEqual({ "<<": { x: 1 } });
  });

  test("scalar alias resolves to the value", () => {
    expect(parseYaml("a: &n 0644\nb: *n\n")).toEqual({ a: 420, b: 420 });
  });
});

describe("resolution helpers", () => {
  test.each([
    ["12:30", true],
    ["1:20:30.5", true],
    ["-1:30", true],
    ["12:60", false],
    ["a:30", false],
    ["12", false],
  ])("isBase60Float(%s) is %s", (text, expected) => {
    expect(isBase60Float(text)).toBe(expected);
  });

  test.each([
    ["2001-12-14", true],
    ["2001-1-2", true],
    ["2001-12-14T21:59:43Z", true],
    ["2001-12-14T21:59:43.123456789+01:00", true],
    ["2001-12-14 21:59:43", true],
    ["2001-02-29", false],
    ["2000-02-29", true],
    ["2001-13-01", false],
    ["2001-12-14T21:59:43", false],
    ["2001-12-14 21:59:43Z", false],
    ["01-12-14", false],
    ["2001-12-14T25:00:00Z", false],
  ])("isGoTimestamp(%s) is %s", (text, expected) => {
    expect(isGoTimestamp(text)).toBe(expected);
  });
});
