import { describe, expect, test } from "vitest";
import {
  everythingLabelSelector,
  formatLabelSelector,
  formatLabels,
  isBadRequest,
  labelSelectorAsMap,
  labelSelectorAsSelector,
  labelSelectorFromSet,
  newLabelRequirement,
  nothingLabelSelector,
  parseLabelSelector,
  parseToLabelSelector,
  selectorAsLabelSelector,
  setAsLabelSelector,
  validatedLabelSelectorFromSet,
  type LabelSelector,
  type Labels,
} from "../src/index.js";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isBadRequest(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a BadRequest StatusError");
}

describe("parseLabelSelector", () => {
  test.each([
    ["", ""],
    ["x=a,y=b,z=c", "x=a,y=b,z=c"],
    ["z=c,y=b,x=a", "x=a,y=b,z=c"],
    ["x!=a,y=b", "x!=a,y=b"],
    ["x=", "x="],
    ["x= ", "x="],
    ["x=,z= ", "x=,z="],
    ["x= ,z= ", "x=,z="],
    ["x==a", "x==a"],
    ["!x", "!x"],
    ["x>1", "x>1"],
    ["x>1,z<5", "x>1,z<5"],
    ["\rx", "x"],
    ["a ", "a"],
    ["this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"],
    ["this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)"],
    ["0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"],
    ["foo  in\t (abc)", "foo in (abc)"],
    ["x notin\n (abc)", "x notin (abc)"],
    ["x  notin\t\t(abc,def)", "x notin (abc,def)"],
    ["x in (def,abc)", "x in (abc,def)"],
    ["x in (abc,)", "x in (,abc)"],
    ["x in (abc,abc)", "x in (abc)"],
    ["x in ()", "x in ()"],
    ["x in (a,,)", "x in (,a)"],
    ["x in (a,,a,,a,,a,,)", "x in (,a)"],
    ["x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"],
    ["x notin ( )", "x notin ()"],
    ["x notin (, a)", "x notin (,a)"],
    ["a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"],
    ["x,y in (a)", "x,y in (a)"],
    ["b,!a", "!a,b"],
    ["in in (in)", "in in (in)"],
    ["example.com/MyKey=My_Value-1.0", "example.com/MyKey=My_Value-1.0"],
  ])("%j formats as %j", (input, expected) => {
    expect(parseLabelSelector(input).toString()).toBe(expected);
  });

  test.each([
    ["x=a||y=b", 'values[0][x]: Invalid value: "a||y"'],
    ["x==a==b", "found '==', expected: ',' or 'end of string'"],
    ["!x=a", "found '=', expected: ',' or 'end of string'"],
    ["x<a", "for 'Gt', 'Lt' operators, the value must be an integer"],
    ["x>", "for 'Gt', 'Lt' operators, the value must be an integer"],
    ["x,,y", "found ',', expected: identifier after ','"],
    [",x,y", "found ',', expected: !, identifier, or 'end of string'"],
    ["x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ["a in (xyz),", "found '', expected: identifier after ','"],
    ["a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"],
    ["a in (xyz abc)", "found 'abc', expected: ',' or ')'"],
    ["a notin(", "found '', expected: ',', ')' or identifier"],
    ["a in x", "found 'x' expected: '('"],
    ["a (", "found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ["(", "found '(', expected: !, identifier, or 'end of string'"],
    ["!", "found '', expected: identifier"],
    ["x=(", "found '(', expected: identifier"],
    ["-x=a", "key: Invalid value: \"-x\": name part must consist of alphanumeric characters"],
    ["a/b/c", "a valid label key must consist of alphanumeric characters"],
    ["/a", "prefix part must be non-empty"],
    ["Example.com/a", "prefix part a lowercase RFC 1123 subdomain"],
    ["x=a b", "found 'b', expected: ',' or 'end of string'"],
    ["x=-a", "values[0][x]: Invalid value: \"-a\": a valid label must be an empty string"],
    [`x=${"a".repeat(64)}`, "must be no more than 63 bytes"],
    [`${"k".repeat(64)}`, "name part must be no more than 63 bytes"],
    ["x in (a,-b)", "values[0][x]: Invalid value: \"-b\""],
    ["x>99999999999999999999", "for 'Gt', 'Lt' operators, the value must be an integer"],
  ])("%j is rejected", (input, message) => {
    expect(messageOf(() => parseLabelSelector(input))).toContain(message);
  });

  test("requirement errors carry the parse prefix", () => {
    expect(messageOf(() => parseLabelSelector("-x"))).toMatch(/^unable to parse requirement: key: Invalid value: "-x": /);
  });
});

describe("label selector matching", () => {
  const labels: Labels = { x: "a", y: "b", n: "10" };

  test.each([
    ["", true],
    ["x=a", true],
    ["x==a", true],
    ["x=b", false],
    ["x!=b", true],
    ["x!=a", false],
    ["z!=a", true],
    ["x", true],
    ["z", false],
    ["!z", true],
    ["!x", false],
    ["x in (a,b)", true],
    ["x in (b,c)", false],
    ["z in (a)", false],
    ["x notin (b,c)", true],
    ["x notin (a)", false],
    ["z notin (a)", true],
    ["x=a,y=b", true],
    ["x=a,y=c", false],
    ["n>9", true],
    ["n>10", false],
    ["n<11", true],
    ["n<10", false],
    ["x>1", false],
    ["z>1", false],
    ["x=", false],
    ["z=", false],
    ["x in ()", false],
  ])("%j matches is %s", (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  test("empty label value matches the empty value", () => {
    expect(parseLabelSelector("x=").matches({ x: "" })).toBe(true);
    expect(parseLabelSelector("x in ()").matches({ x: "" })).toBe(true);
  });

  test("everything and nothing", () => {
    expect(everythingLabelSelector.matches({})).toBe(true);
    expect(everythingLabelSelector.isEmpty()).toBe(true);
    expect(everythingLabelSelector.toString()).toBe("");
    expect(nothingLabelSelector.matches({})).toBe(false);
    expect(nothingLabelSelector.isEmpty()).toBe(false);
    expect(nothingLabelSelector.selectable).toBe(false);
    expect(nothingLabelSelector.add(newLabelRequirement("a", "exists"))).toBe(nothingLabelSelector);
  });

  test("labels without prototype keys", () => {
    expect(parseLabelSelector("constructor").matches({})).toBe(false);
    expect(parseLabelSelector("!toString").matches({})).toBe(true);
  });

  test("add keeps requirements sorted", () => {
    const selector = parseLabelSelector("b=1").add(newLabelRequirement("a", "in", ["y", "x"]));
    expect(selector.toString()).toBe("a in (x,y),b=1");
  });

  test.each([
    ["x=a", "x", "a"],
    ["x==a", "x", "a"],
    ["x in (a)", "x", "a"],
    ["x in (a,b)", "x", undefined],
    ["x!=a", "x", undefined],
    ["y=a", "x", undefined],
  ])("%j requires exact match on %s", (selector, key, expected) => {
    expect(parseLabelSelector(selector).requiresExactMatch(key)).toBe(expected);
  });
});

describe("newLabelRequirement", () => {
  test.each([
    ["in", [], "for 'in', 'notin' operators, values set can't be empty"],
    ["notin", [], "for 'in', 'notin' operators, values set can't be empty"],
    ["=", ["a", "b"], "exact-match compatibility requires one single value"],
    ["!=", [], "exact-match compatibility requires one single value"],
    ["exists", ["a"], "values set must be empty for exists and does not exist"],
    ["!", ["a"], "values set must be empty for exists and does not exist"],
    ["gt", ["1", "2"], "for 'Gt', 'Lt' operators, exactly one value is required"],
    ["lt", ["x"], "for 'Gt', 'Lt' operators, the value must be an integer"],
  ] as const)("%s with %j is rejected", (operator, values, message) => {
    expect(messageOf(() => newLabelRequirement("key", operator, values))).toContain(message);
  });

  test("unknown operator is rejected", () => {
    expect(messageOf(() => newLabelRequirement("key", "like" as never, ["a"]))).toContain('operator: Unsupported value: "like"');
  });

  test("several problems are listed together", () => {
    expect(messageOf(() => newLabelRequirement("-k", "=", ["-v", "w"]))).toMatch(/^\[key: .*, values: .*, values\[0\]\[-k\]: .*\]$/);
  });
});

describe("LabelSelector conversion", () => {
  test("absent selector matches nothing", () => {
    expect(labelSelectorAsSelector(undefined)).toBe(nothingLabelSelector);
    expect(labelSelectorAsSelector(null).matches({})).toBe(false);
  });

  test("empty selector matches everything", () => {
    expect(labelSelectorAsSelector({}).matches({ a: "b" })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).isEmpty()).toBe(true);
  });

  test.each<[LabelSelector, string]>([
    [{ matchLabels: { b: "2", a: "1" } }, "a=1,b=2"],
    [{ matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }] }, "env in (dev,prod)"],
    [{ matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev"] }] }, "env notin (dev)"],
    [{ matchExpressions: [{ key: "env", operator: "Exists" }] }, "env"],
    [{ matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, "!env"],
    [
      { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["fe"] }, { key: "a", operator: "Exists" }] },
      "a,app=web,tier in (fe)",
    ],
  ])("%j converts to %j", (selector, expected) => {
    expect(labelSelectorAsSelector(selector).toString()).toBe(expected);
  });

  test.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] }, '"Gt" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: "a", operator: "In", values: [] }] }, "values set can't be empty"],
    [{ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }, "values set must be empty"],
    [{ matchLabels: { "-a": "b" } }, 'key: Invalid value: "-a"'],
    [{ matchLabels: { a: "b c" } }, 'values[0][a]: Invalid value: "b c"'],
  ])("%j is rejected", (selector, message) => {
    expect(messageOf(() => labelSelectorAsSelector(selector))).toContain(message);
  });

  test.each<[string, LabelSelector]>([
    ["", { matchLabels: {}, matchExpressions: [] }],
    ["a=1,b==2", { matchLabels: { a: "1", b: "2" }, matchExpressions: [] }],
    ["x in (b,a)", { matchLabels: {}, matchExpressions: [{ key: "x", operator: "In", values: ["a", "b"] }] }],
    ["x notin (a)", { matchLabels: {}, matchExpressions: [{ key: "x", operator: "NotIn", values: ["a"] }] }],
    ["x,!y", { matchLabels: {}, matchExpressions: [{ key: "x", operator: "Exists", values: [] }, { key: "y", operator: "DoesNotExist", values: [] }] }],
  ])("%j parses to a LabelSelector", (input, expected) => {
    expect(parseToLabelSelector(input)).toEqual(expected);
  });

  test.each([
    ["x>1", '"gt" isn\'t supported in label selectors'],
    ["x<1", '"lt" isn\'t supported in label selectors'],
    ["x!=1", "is not a valid label selector operator"],
    ["x in (", "couldn't parse the selector string \"x in (\""],
  ])("%j does not parse to a LabelSelector", (input, message) => {
    expect(messageOf(() => parseToLabelSelector(input))).toContain(message);
  });

  test("selector round-trips through LabelSelector", () => {
    const text = "app=web,env in (dev,prod),!legacy,tier";
    const selector = selectorAsLabelSelector(parseLabelSelector(text));
    expect(labelSelectorAsSelector(selector).toString()).toBe(text);
  });

  test.each<[LabelSelector | undefined, Record<string, string> | undefined]>([
    [undefined, undefined],
    [{ matchLabels: { a: "1" } }, { a: "1" }],
    [{ matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "In", values: ["2"] }] }, { a: "1", b: "2" }],
  ])("%j as a map is %j", (selector, expected) => {
    expect(labelSelectorAsMap(selector)).toEqual(expected);
  });

  test.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: "b", operator: "In", values: ["2", "3"] }] }, 'operator "In" without a single value cannot be converted'],
    [{ matchExpressions: [{ key: "b", operator: "Exists" }] }, 'operator "Exists" cannot be converted'],
    [{ matchExpressions: [{ key: "b", operator: "Nope" }] }, '"Nope" is not a valid selector operator'],
  ])("%j cannot be a map", (selector, message) => {
    expect(messageOf(() => labelSelectorAsMap(selector))).toContain(message);
  });

  test.each<[LabelSelector | undefined, string]>([
    [undefined, ""],
    [{}, "<none>"],
    [{ matchLabels: { a: "1" } }, "a=1"],
    [{ matchExpressions: [{ key: "a", operator: "Bad" }] }, "<error>"],
  ])("%j displays as %j", (selector, expected) => {
    expect(formatLabelSelector(selector)).toBe(expected === "" ? "<none>" : expected);
  });

  test("label sets", () => {
    expect(labelSelectorFromSet({ b: "2", a: "1" }).toString()).toBe("a=1,b=2");
    expect(labelSelectorFromSet(undefined).isEmpty()).toBe(true);
    expect(labelSelectorFromSet({ "bad key": "x" }).matches({ "bad key": "x" })).toBe(true);
    expect(messageOf(() => validatedLabelSelectorFromSet({ "bad key": "x" }))).toContain('Invalid value: "bad key"');
    expect(formatLabels({ b: "2", a: "1" })).toBe("a=1,b=2");
    expect(setAsLabelSelector({ a: "1" })).toEqual({ matchLabels: { a: "1" } });
    expect(setAsLabelSelector(undefined)).toBeUndefined();
  });
});
