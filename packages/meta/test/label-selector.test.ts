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

/**
 * Results of Go's labels.Parse on generated strings (k8s.io/apimachinery at the reference
 * commit), matched against the labels below. Go's lexer treats a NUL character as the end of a
 * token, which several cases exercise. Go names the field of an invalid key `<nil>`; this
 * package names it `key`.
 */
describe("label selectors recorded from Go", () => {
  const labels: Labels = { x: "a", y: "b", n: "10", in: "in", a: "" };

  test.each<[string, string, boolean]>([
    [" !notiny", "!notiny", true],
    ["b\u0000\u0000a", "b", false],
    ["y ", "y", true],
    ["1a.b/c99999999999999999999991a-9999999999999999999999", "1a.b/c99999999999999999999991a-9999999999999999999999", false],
    ["example.com/kk-10", "example.com/kk-10", false],
    ["!k-9999999999999999999999", "!k-9999999999999999999999", true],
    ["example.com/k_xn", "example.com/k_xn", false],
    ["k-9999999999999999999999in", "k-9999999999999999999999in", false],
    [" in", "in", true],
    ["innb==x", "innb==x", false],
    ["k-x==notinnotin", "k-x==notinnotin", false],
    ["10", "10", false],
    ["\u0000\u0000<", "", true],
    ["\u0000\r y<--x)\r,", "", true],
    ["a,notin", "a,notin", false],
    ["nx", "nx", false],
    ["b.a", "b.a", false],
    ["\u0000>\u0000)>-a1_>y", "", true],
    ["\r\u0000y)\t/", "", true],
    ["1!=9999999999999999999999", "1!=9999999999999999999999", true],
    ["1,1in", "1,1in", false],
    ["\u0000)>x>", "", true],
    ["b=\u0000\u00001", "b=", false],
    ["abnotin", "abnotin", false],
    ["x_10a", "x_10a", false],
    ["ba10", "ba10", false],
    ["\u0000!y\t", "", true],
    ["A10,Ak-a", "A10,Ak-a", false],
    ["n110", "n110", false],
    ["in_n", "in_n", false],
    ["\texample.com/k", "example.com/k", false],
    ["y_9999999999999999999999", "y_9999999999999999999999", false],
    ["a!=k-notin1in", "a!=k-notin1in", true],
    ["\u0000 ,", "", true],
    [" \u0000", "", true],
    ["\u0000by(a,y \n= ,", "", true],
    ["\tnexample.com/knotin9999999999999999999999", "nexample.com/knotin9999999999999999999999", false],
    ["\u0000  \u0000>=", "", true],
    ["bnk-ina.b/c10", "bnk-ina.b/c10", false],
    [" \tx", "x", true],
  ])("%j formats as %j and matches %s", (input, formatted, matches) => {
    const selector = parseLabelSelector(input);
    expect(selector.toString()).toBe(formatted);
    expect(selector.matches(labels)).toBe(matches);
  });

  test.each([
    ["\t\t!(", "unable to parse requirement: found '(', expected: identifier"],
    ["\t\t!)\n\n\u0000/!)ay", "unable to parse requirement: found ')', expected: identifier"],
    ["\t\t(", "found '(', expected: !, identifier, or 'end of string'"],
    ["\t\t)A!=-n", "found ')', expected: !, identifier, or 'end of string'"],
    ["\t\t,,,", "found ',', expected: !, identifier, or 'end of string'"],
    ["\t\ny!\n<\t!b", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ["\t \rx 1 \u00001\u0000=<", "unable to parse requirement: found '1', expected: in, notin, =, ==, !=, gt, lt"],
    ["\t y,xb,", "found '', expected: identifier after ','"],
    ["\t!", "unable to parse requirement: found '', expected: identifier"],
    ["\t!\t>", "unable to parse requirement: found '>', expected: identifier"],
    ["\t!!==example.com/k!", "unable to parse requirement: found '!=', expected: identifier"],
    ["\t!<yyb1!,", "unable to parse requirement: found '<', expected: identifier"],
    ["\t!=\t( 1)y", "found '!=', expected: !, identifier, or 'end of string'"],
    ["\t!ya>", "found '>', expected: ',' or 'end of string'"],
    ["\t/1\u0000!", "unable to parse requirement: key: Invalid value: \"/1\": prefix part must be non-empty"],
    ["\t1\u0000-(1\u0000=ab", "unable to parse requirement: found '-', expected: in, notin, =, ==, !=, gt, lt"],
    ["\t1,===nA!=", "found '==', expected: identifier after ','"],
    ["\t10 y==)notin,,==", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ["\t10,,)nina.b/c", "found ',', expected: identifier after ','"],
    ["\t<", "found '<', expected: !, identifier, or 'end of string'"],
    ["\t=\t", "found '=', expected: !, identifier, or 'end of string'"],
    ["\t==(!a.b/cin", "found '==', expected: !, identifier, or 'end of string'"],
    ["\t>", "found '>', expected: !, identifier, or 'end of string'"],
    ["\ta\u0000y-\u0000=\u0000)", "unable to parse requirement: found 'y-', expected: in, notin, =, ==, !=, gt, lt"],
    ["\tb\tin,,ba.b/c10!", "unable to parse requirement: found ',' expected: '('"],
    ["\tb n(!=", "unable to parse requirement: found 'n', expected: in, notin, =, ==, !=, gt, lt"],
    ["\tb,(example.com/k<", "found '(', expected: identifier after ','"],
    ["\texample.com/k nA", "unable to parse requirement: found 'nA', expected: in, notin, =, ==, !=, gt, lt"],
    ["\tk-in A", "unable to parse requirement: found 'A', expected: in, notin, =, ==, !=, gt, lt"],
    ["\tnAx\t===n(", "unable to parse requirement: found '=', expected: identifier"],
    ["\tnotiny!=ny)", "found ')', expected: ',' or 'end of string'"],
    ["\ty\u0000-/-)1", "unable to parse requirement: found '-/-', expected: in, notin, =, ==, !=, gt, lt"],
    ["\ty!===!=", "unable to parse requirement: found '==', expected: identifier"],
    ["\n\na\t-_,/b1\n", "unable to parse requirement: found '-_', expected: in, notin, =, ==, !=, gt, lt"],
    ["\n1\n-1>", "unable to parse requirement: found '-1', expected: in, notin, =, ==, !=, gt, lt"],
    ["\na\rx1by\na_\r<", "unable to parse requirement: found 'x1by', expected: in, notin, =, ==, !=, gt, lt"],
    ["\na .1>))<(_b", "unable to parse requirement: found '.1', expected: in, notin, =, ==, !=, gt, lt"],
    ["\nbx /\t\u0000\r", "unable to parse requirement: found '/', expected: in, notin, =, ==, !=, gt, lt"],
    ["\r\t1\u0000x\u0000/", "unable to parse requirement: found 'x', expected: in, notin, =, ==, !=, gt, lt"],
    ["\r\ta _,/y", "unable to parse requirement: found '_', expected: in, notin, =, ==, !=, gt, lt"],
    ["\r\na b.>_!", "unable to parse requirement: found 'b.', expected: in, notin, =, ==, !=, gt, lt"],
    ["\r!,\u0000(< ", "unable to parse requirement: found ',', expected: identifier"],
    ["\r!x<b//<xa,", "found '<', expected: ',' or 'end of string'"],
    [" !notinnotin\t(", "found '(', expected: ',' or 'end of string'"],
    [" !y\n/_\t<x", "found '/_', expected: ',' or 'end of string'"],
  ])("%j fails with Go's message", (input, message) => {
    expect(messageOf(() => parseLabelSelector(input))).toBe(message);
  });
});
