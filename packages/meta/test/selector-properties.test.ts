import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isBadRequest, parseFieldSelector, parseLabelSelector } from "../src/index.js";

/** Strings built from the characters that matter to the selector grammars. */
const selectorText = fc.stringMatching(/^[ a-z0-9!=(),<>\\.\/-]{0,24}$/);
const keywordText = fc
  .array(fc.constantFrom("a", "b", "x", "in", "notin", "=", "==", "!=", "!", "(", ")", ",", " ", ">", "<", "1", "", "-"), { maxLength: 12 })
  .map((parts) => parts.join(""));

describe("selector properties", () => {
  test.each([
    ["random characters", selectorText],
    ["grammar tokens", keywordText],
  ])("label selector on %s", (_name, input) => {
    fc.assert(
      fc.property(input, (text) => {
        let printed: string;
        try {
          printed = parseLabelSelector(text).toString();
        } catch (error) {
          expect(isBadRequest(error)).toBe(true);
          return;
        }
        expect(parseLabelSelector(printed).toString()).toBe(printed);
      }),
      { numRuns: 3000 },
    );
  });

  test("field selector output reparses to same terms", () => {
    fc.assert(
      fc.property(selectorText, (text) => {
        let printed: string;
        try {
          printed = parseFieldSelector(text).toString();
        } catch (error) {
          expect(isBadRequest(error)).toBe(true);
          return;
        }
        // Terms are sorted by their text before parsing, and printing changes `==` to `=`. So the
        // order can change once, as in Go. The set of terms stays, and a second print is stable.
        const reparsed = parseFieldSelector(printed);
        const key = (term: { field: string; operator: string; value: string }): string => JSON.stringify(term);
        expect(reparsed.requirements.map(key).sort()).toEqual(parseFieldSelector(text).requirements.map(key).sort());
        expect(parseFieldSelector(reparsed.toString()).toString()).toBe(reparsed.toString());
      }),
      { numRuns: 3000 },
    );
  });
});
