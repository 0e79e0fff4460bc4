/**
 * How go-yaml v2's emitter (a port of libyaml) decides which styles can carry a string:
 * `yaml_emitter_analyze_scalar` and `yaml_emitter_select_scalar_style`.
 */
import { isBase60Float, resolvePlain } from "./resolve.js";

/** The style a string is written in. */
export type ScalarStyle = "plain" | "single" | "double" | "literal";

/** What the analysis of a string allows, as libyaml's `scalar_data`. */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

const SPACE = 0x20;
const TAB = 0x09;

/** Line breaks as YAML 1.1 and libyaml count them: CR, LF, NEL, LS and PS. */
export function isBreak(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x85 || codePoint === 0x2028 || codePoint === 0x2029;
}

/** libyaml's `is_printable`: characters written as they are; others are escaped in double quotes. */
export function isPrintable(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd && codePoint !== 0xfeff)
  );
}

/** Characters that start a YAML token when a scalar begins with them, by code point. */
const FIRST_INDICATORS = new Set(Array.from("#,[]{}&*!|>'\"%@`", (char) => char.charCodeAt(0)));
const QUESTION = 0x3f;
const COLON = 0x3a;
const DASH = 0x2d;
const HASH = 0x23;

/** Analyzes `chars` (code points) as libyaml does for the block context that kubectl output uses. */
export function analyzeScalar(chars: readonly number[]): ScalarAnalysis {
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const [c0, c1, c2] = chars;
  if (chars.length >= 3 && ((c0 === 0x2d && c1 === 0x2d && c2 === 0x2d) || (c0 === 0x2e && c1 === 0x2e && c2 === 0x2e))) blockIndicators = true;
  const last = chars.length - 1;
  for (let index = 0; index <= last; index++) {
    const char = chars[index] as number;
    const next = chars[index + 1];
    const followedByWhitespace = index === last || next === SPACE || next === TAB;
    if (index === 0) {
      if (FIRST_INDICATORS.has(char)) blockIndicators = true;
      else if ((char === QUESTION || char === COLON || char === DASH) && followedByWhitespace) blockIndicators = true;
    } else if (char === COLON && followedByWhitespace) blockIndicators = true;
    else if (char === HASH && precededByWhitespace) blockIndicators = true;
    // Breaks other than LF are escaped in double quotes, so they count as special here.
    if (!isPrintable(char) || (isBreak(char) && char !== 0x0a)) specialCharacters = true;
    if (char === SPACE) {
      if (index === 0) leadingSpace = true;
      if (index === last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(char)) {
      lineBreaks = true;
      if (index === 0) leadingBreak = true;
      if (index === last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = char === SPACE || char === TAB || isBreak(char) || char === 0;
  }
  let blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || blockIndicators);
  let singleQuotedAllowed = true;
  let blockAllowed = !trailingSpace;
  if (breakSpace) singleQuotedAllowed = false;
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/**
 * Chooses the style go-yaml v2 writes a string in: double quotes for anything a YAML 1.1
 * reader would resolve to another type (bools, numbers, null, timestamps, base-60 numbers),
 * a literal block for text with line breaks, and otherwise plain, falling back to single
 * and then double quotes where the analysis forbids a style.
 */
export function selectStyle(value: string, analysis: ScalarAnalysis, simpleKey: boolean): ScalarStyle {
  // NOTE: go-yaml v2 writes "<<" plain, which reads back as a merge key; it is quoted here so that it round-trips.
  const canUsePlain = value !== "<<" && resolvePlain(value, true).tag === "str" && !isBase60Float(value);
  let style: ScalarStyle = value.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
  if (simpleKey && analysis.multiline) style = "double";
  if (style === "plain" && !analysis.blockPlainAllowed) style = "single";
  if (style === "single" && !analysis.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!analysis.blockAllowed || simpleKey)) style = "double";
  return style;
}
