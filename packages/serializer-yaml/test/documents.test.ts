import { describe, expect, test } from "vitest";
import { parseDocuments, parseYaml, parseYamlAll, stringifyYamlAll } from "../src/index.js";

describe("multi-document streams", () => {
  test.each([
    ["separated documents", "a: 1\n---\nb: 2\n", [{ a: 1 }, { b: 2 }]],
    ["leading separator", "---\na: 1\n", [{ a: 1 }]],
    ["empty documents skipped", "---\n---\na: 1\n---\n---\n", [{ a: 1 }]],
    ["comment-only documents skipped", "# first\n---\n# only a comment\n---\na: 1\n", [{ a: 1 }]],
    ["end markers", "a: 1\n...\n---\nb: 2\n...\n", [{ a: 1 }, { b: 2 }]],
    ["separator with a comment", "a: 1\n--- # next\nb: 2\n", [{ a: 1 }, { b: 2 }]],
    ["list document", "- 1\n- 2\n---\nc: yes\n", [[1, 2], { c: true }]],
    ["scalar document", "--- off\n", [false]],
    ["directive", "%YAML 1.1\n---\na: 0644\n", [{ a: 420 }]],
    ["explicit null skipped", "--- ~\n---\na: 1\n", [{ a: 1 }]],
    ["windows line breaks", "a: 1\r\n---\r\nb: on\r\n", [{ a: 1 }, { b: true }]],
    ["no documents", "# nothing\n", []],
  ])("%s", (_name, text, expected) => {
    expect(parseYamlAll(text)).toEqual(expected);
  });

  test("empty values stay null", () => {
    expect(parseYaml("a:\nb: 1\nc:\n  # comment\nd: [x, ~]\n")).toEqual({ a: null, b: 1, c: null, d: ["x", null] });
  });

  test("parseYaml returns the first document", () => {
    expect(parseYaml("a: 1\n---\nb: 2\n")).toEqual({ a: 1 });
  });

  test.each([
    ["separator", "a: 1\n---\nb: 2\n"],
    ["end marker", "a: 1\n...\nb: [\n"],
    ["start and separator", "%YAML 1.1\n---\na: 1\n--- b\n"],
    ["block scalar with a marker-like line", "a: 1\nb: |\n  ---\n---\n["],
  ])("parseYaml stops at the first document's %s", (_name, text) => {
    expect((parseYaml(text) as Record<string, unknown>)["a"]).toBe(1);
  });

  test("parseYaml of an empty first document is null", () => {
    expect(parseYaml("---\n---\na: 1\n")).toBeNull();
  });

  test("documents report their starting line", () => {
    const documents = parseDocuments("a: 1\n---\n\nb: 2\n---\n# c\n");
    expect(documents.map((document) => document.line)).toEqual([1, 4, 7]);
    expect(documents.map((document) => document.value)).toEqual([{ a: 1 }, { b: 2 }, null]);
  });

  test("anchors do not cross documents", () => {
    expect(() => parseYamlAll("a: &x 1\n---\nb: *x\n")).toThrow(/unidentified alias "x"/);
  });
});

describe("multi-document encoding", () => {
  test("documents are separated by --- lines", () => {
    expect(stringifyYamlAll([{ a: 1 }, { b: "no" }])).toBe('a: 1\n---\nb: "no"\n');
  });

  test("stream round-trips", () => {
    const values = [{ kind: "A", text: "x\n\n" }, { kind: "B", list: [] }, ["top", "level"]];
    expect(parseYamlAll(stringifyYamlAll(values))).toEqual(values);
  });

  test("no values give an empty stream", () => {
    expect(stringifyYamlAll([])).toBe("");
  });
});
