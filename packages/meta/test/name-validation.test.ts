import { describe, expect, test } from "vitest";
import {
  generateName,
  isCIdentifier,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isWildcardDNS1123Subdomain,
  maskTrailingDash,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateLabels,
  validateObjectMetaName,
  validateObjectMetaNamespace,
} from "../src/index.js";

const labelRegexMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomainRegexMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("isDNS1123Label", () => {
  test.each(["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a".repeat(63)])("%j is valid", (value) => {
    expect(isDNS1123Label(value)).toEqual([]);
  });

  test.each(["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", "a b", "a@b", "a,b", "中文"])(
    "%j is invalid",
    (value) => {
      expect(isDNS1123Label(value)).toEqual([labelRegexMessage]);
    },
  );

  test.each(["a.b", "a.b.c", "1.a"])("%j reports dots", (value) => {
    expect(isDNS1123Label(value)).toEqual(["must not contain dots"]);
  });

  test("64 characters are too long", () => {
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });

  test("too long and invalid reports both", () => {
    expect(isDNS1123Label(`-${"a".repeat(64)}`)).toEqual(["must be no more than 63 characters", labelRegexMessage]);
  });
});

describe("isDNS1123Subdomain", () => {
  test.each(["a", "ab", "a.b", "a-1.b-2", "0.a", "a.0", "example.com", "a".repeat(253), `${"a".repeat(63)}.${"b".repeat(63)}`])("%j is valid", (value) => {
    expect(isDNS1123Subdomain(value)).toEqual([]);
  });

  test.each(["", "A", "a.B", "a..b", ".a", "a.", "-a.b", "a-.b", "a._b", "a b", "a@b"])("%j is invalid", (value) => {
    expect(isDNS1123Subdomain(value)).toEqual([subdomainRegexMessage]);
  });

  test("254 characters are too long", () => {
    expect(isDNS1123Subdomain("a".repeat(254))).toEqual(["must be no more than 253 characters"]);
  });
});

describe("isDNS1035Label", () => {
  test.each(["a", "ab", "a1", "a-1", "a--1--2--b", "a".repeat(63)])("%j is valid", (value) => {
    expect(isDNS1035Label(value)).toEqual([]);
  });

  test.each(["", "0", "01", "1a", "-", "a-", "A", "a.b", "a_b"])("%j is invalid", (value) => {
    const errors = isDNS1035Label(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
    expect(errors[0]).toContain("regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'");
  });

  test("64 characters are too long", () => {
    expect(isDNS1035Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isQualifiedName", () => {
  test.each([
    "simple",
    "now-with-dashes",
    "1-starts-with-num",
    "1234",
    "simple/simple",
    "now-with-dashes/simple",
    "now-with-dashes/now-with-dashes",
    "now.with.dots/simple",
    "now-with.dashes-and.dots/simple",
    "1-num.2-num/3-num",
    "1234/5678",
    "1.2.3.4/5678",
    "Uppercase_Is_OK_123",
    "example.com/Uppercase_Is_OK_123",
    "requests.storage-foo",
    "a".repeat(63),
    `${"a".repeat(253)}/${"b".repeat(63)}`,
  ])("%j is valid", (value) => {
    expect(isQualifiedName(value)).toEqual([]);
  });

  test.each([
    ["nospecialchars%^=@", "name part must consist of alphanumeric characters"],
    ["cantendwithadash-", "name part must consist of alphanumeric characters"],
    ["-cantstartwithadash-", "name part must consist of alphanumeric characters"],
    ["only/one/slash", "a valid label key must consist of alphanumeric characters"],
    ["Example.com/abc", "prefix part a lowercase RFC 1123 subdomain"],
    ["example_com/abc", "prefix part a lowercase RFC 1123 subdomain"],
    ["example.com/", "name part must be non-empty"],
    ["/simple", "prefix part must be non-empty"],
    ["", "name part must be non-empty"],
    ["a".repeat(64), "name part must be no more than 63 bytes"],
    [`${"a".repeat(254)}/abc`, "prefix part must be no more than 253 bytes"],
  ])("%j is invalid", (value, message) => {
    expect(isQualifiedName(value).join("; ")).toContain(message);
  });

  test("regex and examples are named", () => {
    expect(isQualifiedName("-a")).toEqual([
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
});

describe("isValidLabelValue", () => {
  test.each(["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a".repeat(63), "", "Uppercase_Is_OK_123", "a.b"])("%j is valid", (value) => {
    expect(isValidLabelValue(value)).toEqual([]);
  });

  test.each(["nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash", "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", "a b"])(
    "%j is invalid",
    (value) => {
      const errors = isValidLabelValue(value);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("a valid label must be an empty string or consist of alphanumeric characters");
      expect(errors[0]).toContain("regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'");
    },
  );

  test("64 characters are too long", () => {
    expect(isValidLabelValue("a".repeat(64))).toEqual(["must be no more than 63 bytes"]);
  });

  test("length counts UTF-8 bytes", () => {
    expect(isValidLabelValue("é".repeat(32))[0]).toBe("must be no more than 63 bytes");
  });
});

describe("other formats", () => {
  test.each([
    ["*.example.com", true],
    ["*.a.b", true],
    ["example.com", false],
    ["*.*.example.com", false],
    ["*example.com", false],
    ["*", false],
  ])("wildcard subdomain %j valid is %s", (value, valid) => {
    expect(isWildcardDNS1123Subdomain(value).length === 0).toBe(valid);
  });

  test.each([
    ["my_name", true],
    ["MY_NAME", true],
    ["_a1", true],
    ["1a", false],
    ["a-b", false],
    ["", false],
  ])("C identifier %j valid is %s", (value, valid) => {
    expect(isCIdentifier(value).length === 0).toBe(valid);
  });
});

describe("generateName handling", () => {
  test.each([
    ["", ""],
    ["-", "-"],
    ["-foo", "-foo"],
    ["-foo-", "-foa"],
    ["b-", "a"],
    ["ab", "ab"],
    ["web-", "wea"],
  ])("maskTrailingDash(%j) is %j", (input, expected) => {
    expect(maskTrailingDash(input)).toBe(expected);
  });

  test.each([
    [nameIsDNSSubdomain, "web-", true],
    [nameIsDNSSubdomain, "web-", false],
    [nameIsDNSLabel, "web-", true],
    [nameIsDNS1035Label, "web-", true],
  ])("%o accepts a trailing dash only as a prefix", (check, name, prefix) => {
    expect(check(name, prefix).length === 0).toBe(prefix);
  });

  test("generated names fit a label", () => {
    const name = generateName("a".repeat(80), () => 0);
    expect(name).toHaveLength(63);
    expect(name.endsWith("bbbbb")).toBe(true);
    expect(isDNS1123Label(name)).toEqual([]);
  });

  test("short prefixes are kept whole", () => {
    const name = generateName("web-");
    expect(name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe("object metadata validation", () => {
  test("name or generateName is required", () => {
    expect(validateObjectMetaName({}, nameIsDNSSubdomain)).toEqual([
      { reason: "FieldValueRequired", field: "metadata.name", message: "Required value: name or generateName is required" },
    ]);
  });

  test("invalid name gives one cause per problem", () => {
    const causes = validateObjectMetaName({ name: "Web_1" }, nameIsDNSSubdomain);
    expect(causes).toHaveLength(1);
    expect(causes[0]?.field).toBe("metadata.name");
    expect(causes[0]?.reason).toBe("FieldValueInvalid");
    expect(causes[0]?.message).toMatch(/^Invalid value: "Web_1": a lowercase RFC 1123 subdomain/);
  });

  test("generateName is checked as a prefix", () => {
    expect(validateObjectMetaName({ generateName: "web-", name: "web-x7k2p" }, nameIsDNSLabel)).toEqual([]);
    const causes = validateObjectMetaName({ generateName: "Web-", name: "web-x7k2p" }, nameIsDNSLabel);
    expect(causes.map((cause) => cause.field)).toEqual(["metadata.generateName"]);
  });

  test.each([
    [{ namespace: "default" }, true, []],
    [{}, true, ["metadata.namespace"]],
    [{ namespace: "Default" }, true, ["metadata.namespace"]],
    [{ namespace: "default" }, false, ["metadata.namespace"]],
    [{}, false, []],
  ])("namespace %j namespaced=%s", (meta, namespaced, fields) => {
    expect(validateObjectMetaNamespace(meta, namespaced).map((cause) => cause.field)).toEqual(fields);
  });

  test("labels are validated by key and value", () => {
    const causes = validateLabels({ good: "ok", "bad key": "ok", key: "bad value" });
    expect(causes.map((cause) => cause.field)).toEqual(["metadata.labels", "metadata.labels[key]"]);
  });
});
