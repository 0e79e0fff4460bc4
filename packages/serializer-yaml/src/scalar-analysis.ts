/**
 * How go-yaml v2's emitter (a port of libyaml) decides which styles can carry a string:
 * `yaml_emitter_analyze_scalar` and `yaml_emitter_select_scalar_style`.
 */
import { isBase60Float, resolvePlain } from "./resolve.js";

/** The style a string is written in. */
export type ScalarStyle = "plain" | "single" | "double" | "literal";

/** The styles the analysis of a string allows, as libyaml's `scalar_data` records them. */
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
const DOT = 0x2e;

function isBlank(char: number | undefined): boolean {
  return char === SPACE || char === TAB;
}

/**
 * Reports whether `chars` contains an indicator that keeps it from being a plain scalar in
 * block context: a document marker at the start, an indicator as the first character,
 * `: ` anywhere, or `#` after whitespace.
 */
function hasBlockIndicators(chars: readonly number[]): boolean {
  const [c0, c1, c2] = chars;
  if (chars.length >= 3 && ((c0 === DASH && c1 === DASH && c2 === DASH) || (c0 === DOT && c1 === DOT && c2 === DOT))) return true;
  const first = chars[0] as number;
  if (FIRST_INDICATORS.has(first)) return true;
  if ((first === QUESTION || first === COLON || first === DASH) && (chars.length === 1 || isBlank(chars[1]))) return true;
  for (let index = 1; index < chars.length; index++) {
    const char = chars[index] as number;
    const previous = chars[index - 1] as number;
    if (char === COLON && (index === chars.length - 1 || isBlank(chars[index + 1]))) return true;
    if (char === HASH && (isBlank(previous) || isBreak(previous) || previous === 0)) return true;
  }
  return false;
}

/** Analyzes `chars` (code points) as libyaml does for the block context that kubectl output uses. */
export function analyzeScalar(chars: readonly number[]): ScalarAnalysis {
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };

  let lineBreaks = false;
  let specialCharacters = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  for (const char of chars) {
    // Breaks other than LF are escaped in double quotes, so they count as special here.
    if (!isPrintable(char) || (isBreak(char) && char !== 0x0a)) specialCharacters = true;
    const isBreakChar = isBreak(char);
    if (char === SPACE && previousBreak) breakSpace = true;
    if (isBreakChar && previousSpace) spaceBreak = true;
    if (isBreakChar) lineBreaks = true;
    previousSpace = char === SPACE;
    previousBreak = isBreakChar;
  }

  const first = chars[0] as number;
  const last = chars[chars.length - 1] as number;
  const edgeWhitespace = first === SPACE || isBreak(first) || last === SPACE || isBreak(last);
  let blockPlainAllowed = !(edgeWhitespace || lineBreaks || hasBlockIndicators(chars));
  let singleQuotedAllowed = !breakSpace;
  let blockAllowed = last !== SPACE;
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/**
 * Chooses the style go-yaml v2 writes a string in. Anything a YAML 1.1 reader would
 * resolve to another type (bools, numbers, null, timestamps, base-60 numbers) gets double
 * quotes, and text with line breaks a literal block. Everything else is plain, falling
 * back to single and then double quotes where the analysis forbids a style.
 */
export function selectStyle(value: string, analysis: ScalarAnalysis, simpleKey: boolean): ScalarStyle {
  // NOTE: go-yaml v2 writes "<<" plain, which reads back as a merge key; it is quoted here so that it round-trips.
  const canUsePlain = value !== "<<" && resolvePlain(value, true).tag === "str" && !isBase60Float(value);
  let style: ScalarStyle = canUsePlain ? "plain" : "double";
  if (value.includes("\n")) style = "literal";
  if (simpleKey && analysis.multiline) style = "double";
  if (style === "plain" && !analysis.blockPlainAllowed) style = "single";
  if (style === "single" && !analysis.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!analysis.blockAllowed || simpleKey)) style = "double";
  return style;
}
