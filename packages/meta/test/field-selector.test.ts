import { describe, expect, test } from "vitest";
import {
  escapeFieldValue,
  everythingFieldSelector,
  fieldSelectorFromSet,
  isBadRequest,
  nothingFieldSelector,
  parseFieldSelector,
  unescapeFieldValue,
  unsupportedFields,
  type Fields,
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

describe("parseFieldSelector", () => {
  test.each([
    ["", ""],
    ["a=b", "a=b"],
    ["a==b", "a=b"],
    ["a!=b", "a!=b"],
    ["b=c,a=b", "a=b,b=c"],
    ["a=b,,c=d", "a=b,c=d"],
    [",a=b,", "a=b"],
    ["metadata.name=web,status.phase!=Running", "metadata.name=web,status.phase!=Running"],
    ["a=", "a="],
    ["=b", "=b"],
    ["a=b\\,c", "a=b\\,c"],
    ["a=b\\=c", "a=b\\=c"],
    ["a=b\\\\c", "a=b\\\\c"],
    ["spec.nodeName=", "spec.nodeName="],
    ["=", ""],
    ["!=", ""],
    ["==", ""],
    ["a=b,!=", "a=b"],
  ])("%j formats as %j", (input, expected) => {
    expect(parseFieldSelector(input).toString()).toBe(expected);
  });

  test.each([
    ["a", "invalid selector: 'a'; can't understand 'a'"],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"],
    ["a=b=c", "invalid field selector: unescaped character in value"],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\"],
    ["a=b\\x", "invalid field selector: invalid escape sequence: \\x"],
    ["a=b\\,c=d", "unescaped character in value"],
    ["x<1", "can't understand 'x<1'"],
    ["a!==b", "unescaped character in value"],
  ])("%j is rejected", (input, message) => {
    expect(messageOf(() => parseFieldSelector(input))).toContain(message);
  });

  test("empty field and value select everything", () => {
    const selector = parseFieldSelector("!=");
    expect(selector.requirements).toEqual([]);
    expect(selector.matches({ a: "x" })).toBe(true);
  });

  test("escaped values are unescaped", () => {
    const selector = parseFieldSelector("a=x\\,y\\=z\\\\w");
    expect(selector.requirements).toEqual([{ field: "a", operator: "=", value: "x,y=z\\w" }]);
  });

  test("requirements list fields and operators", () => {
    expect(parseFieldSelector("status.phase!=Failed,metadata.name==a").requirements).toEqual([
      { field: "metadata.name", operator: "=", value: "a" },
      { field: "status.phase", operator: "!=", value: "Failed" },
    ]);
  });
});

describe("field selector matching", () => {
  const fields: Fields = { "metadata.name": "web", "metadata.namespace": "default", "status.phase": "Running" };

  test.each([
    ["", true],
    ["metadata.name=web", true],
    ["metadata.name==web", true],
    ["metadata.name=db", false],
    ["metadata.name!=db", true],
    ["metadata.name!=web", false],
    ["metadata.name=web,status.phase=Running", true],
    ["metadata.name=web,status.phase=Failed", false],
    ["spec.nodeName=", true],
    ["spec.nodeName!=", false],
    ["spec.nodeName!=node-1", true],
    ["spec.nodeName=node-1", false],
  ])("%j matches is %s", (selector, expected) => {
    expect(parseFieldSelector(selector).matches(fields)).toBe(expected);
  });

  test("everything and nothing", () => {
    expect(everythingFieldSelector.matches({})).toBe(true);
    expect(everythingFieldSelector.isEmpty()).toBe(true);
    expect(nothingFieldSelector.matches({})).toBe(false);
    expect(nothingFieldSelector.isEmpty()).toBe(false);
    expect(nothingFieldSelector.toString()).toBe("");
  });

  test("exact match", () => {
    const selector = parseFieldSelector("metadata.name=web,status.phase!=Failed");
    expect(selector.requiresExactMatch("metadata.name")).toBe("web");
    expect(selector.requiresExactMatch("status.phase")).toBeUndefined();
  });

  test("transform renames and drops terms", () => {
    const selector = parseFieldSelector("name=web,host=a").transform((field, value) =>
      field === "host" ? { field: "", value: "" } : { field: `metadata.${field}`, value },
    );
    expect(selector.toString()).toBe("metadata.name=web");
  });

  test("selector from set", () => {
    expect(fieldSelectorFromSet({ "metadata.name": "a,b" }).toString()).toBe("metadata.name=a\\,b");
    expect(fieldSelectorFromSet(undefined).isEmpty()).toBe(true);
  });

  test("unsupported fields are listed", () => {
    const selector = parseFieldSelector("metadata.name=a,spec.foo=b,spec.foo!=c");
    expect(unsupportedFields(selector, ["metadata.name", "metadata.namespace"])).toEqual(["spec.foo"]);
  });
});

describe("field value escaping", () => {
  test.each([
    ["plain", "plain"],
    ["a,b", "a\\,b"],
    ["a=b", "a\\=b"],
    ["a\\b", "a\\\\b"],
    ["", ""],
  ])("%j escapes to %j and back", (value, escaped) => {
    expect(escapeFieldValue(value)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(value);
  });
});
