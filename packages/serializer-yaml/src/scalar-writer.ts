/**
 * The text of one scalar in each style, with go-yaml v2's line folding: a plain or quoted
 * string breaks at a single space once the line is past 80 columns, and a break goes to
 * the scalar's indentation.
 */
import { isBreak, isPrintable } from "./scalar-analysis.js";

/** The column past which go-yaml v2 folds long scalars (`best_width`). */
export const BEST_WIDTH = 80;
/** go-yaml v2's indentation step (`best_indent`). */
export const BEST_INDENT = 2;

/** The output state the scalar writers share with the emitter, as libyaml's emitter fields. */
export interface WriterState {
  text: string;
  column: number;
  /** The last character written is whitespace (or nothing was written on the line). */
  whitespace: boolean;
  /** Only indentation has been written on the current line. */
  indention: boolean;
}

/** libyaml's `write_indent`: a line break unless only indentation is on the line, then spaces up to `indent`. */
export function writeIndent(state: WriterState, indent: number): void {
  const target = Math.max(indent, 0);
  if (!state.indention || state.column > target || (state.column === target && !state.whitespace)) {
    state.text += "\n";
    state.column = 0;
  }
  if (state.column < target) {
    state.text += " ".repeat(target - state.column);
    state.column = target;
  }
  state.whitespace = true;
  state.indention = true;
}

/** libyaml's `write_indicator`. */
export function writeIndicator(state: WriterState, indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
  if (needWhitespace && !state.whitespace) {
    state.text += " ";
    state.column++;
  }
  state.text += indicator;
  state.column += indicator.length;
  state.whitespace = isWhitespace;
  state.indention = state.indention && isIndention;
}

function isSpace(char: number | undefined): boolean {
  return char === 0x20;
}

/** Writes a plain scalar of ASCII characters without spaces, which never folds. */
export function writeSimplePlain(state: WriterState, value: string): void {
  if (!state.whitespace) {
    state.text += " ";
    state.column++;
  }
  state.text += value;
  state.column += value.length;
  state.whitespace = false;
  state.indention = false;
}

/** Writes a plain scalar, folding at spaces past the width when `allowBreaks`. */
export function writePlain(state: WriterState, chars: readonly number[], value: string, indent: number, allowBreaks: boolean): void {
  if (!state.whitespace) {
    state.text += " ";
    state.column++;
  }
  if (!allowBreaks || state.column + value.length <= BEST_WIDTH + 1) {
    state.text += value;
    state.column += chars.length;
  } else {
    let spaces = false;
    for (let index = 0; index < chars.length; index++) {
      const char = chars[index] as number;
      if (isSpace(char)) {
        if (!spaces && state.column > BEST_WIDTH && !isSpace(chars[index + 1])) writeIndent(state, indent);
        else put(state, char);
        spaces = true;
      } else {
        put(state, char);
        state.indention = false;
        spaces = false;
      }
    }
  }
  state.whitespace = false;
  state.indention = false;
}

function put(state: WriterState, char: number): void {
  state.text += String.fromCodePoint(char);
  state.column++;
}

/** Writes a single-quoted scalar; the analysis guarantees it contains no line breaks. */
export function writeSingleQuoted(state: WriterState, chars: readonly number[], indent: number, allowBreaks: boolean): void {
  writeIndicator(state, "'", true, false, false);
  let spaces = false;
  const last = chars.length - 1;
  for (let index = 0; index <= last; index++) {
    const char = chars[index] as number;
    if (isSpace(char)) {
      if (allowBreaks && !spaces && state.column > BEST_WIDTH && index > 0 && index < last && !isSpace(chars[index + 1])) {
        writeIndent(state, indent);
      } else put(state, char);
      spaces = true;
    } else {
      if (char === 0x27) put(state, char);
      put(state, char);
      state.indention = false;
      spaces = false;
    }
  }
  writeIndicator(state, "'", false, false, false);
  state.whitespace = false;
  state.indention = false;
}

const SHORT_ESCAPES = new Map<number, string>([
  [0x00, "0"],
  [0x07, "a"],
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0b, "v"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x1b, "e"],
  [0x22, '"'],
  [0x5c, "\\"],
  [0x85, "N"],
  [0xa0, "_"],
  [0x2028, "L"],
  [0x2029, "P"],
]);

function escapeOf(char: number): string {
  const short = SHORT_ESCAPES.get(char);
  if (short !== undefined) return `\\${short}`;
  const hex = char.toString(16).toUpperCase();
  if (char <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  if (char <= 0xffff) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

/** Writes a double-quoted scalar with libyaml's escapes, folding at spaces when `allowBreaks`. */
export function writeDoubleQuoted(state: WriterState, chars: readonly number[], indent: number, allowBreaks: boolean): void {
  writeIndicator(state, '"', true, false, false);
  let spaces = false;
  const last = chars.length - 1;
  for (let index = 0; index <= last; index++) {
    const char = chars[index] as number;
    if (!isPrintable(char) || char === 0xfeff || isBreak(char) || char === 0x22 || char === 0x5c) {
      const escape = escapeOf(char);
      state.text += escape;
      state.column += escape.length;
      spaces = false;
    } else if (isSpace(char)) {
      if (allowBreaks && !spaces && state.column > BEST_WIDTH && index !== 0 && index !== last) {
        writeIndent(state, indent);
        if (isSpace(chars[index + 1])) {
          state.text += "\\";
          state.column++;
        }
      } else put(state, char);
      spaces = true;
    } else {
      put(state, char);
      spaces = false;
    }
  }
  writeIndicator(state, '"', false, false, false);
  state.whitespace = false;
  state.indention = false;
}

/** Writes a literal block scalar (`|`) with go-yaml v2's indentation and chomping indicators. */
export function writeLiteral(state: WriterState, chars: readonly number[], indent: number): void {
  writeIndicator(state, "|", true, false, false);
  const first = chars[0];
  if (first !== undefined && (isSpace(first) || isBreak(first))) writeIndicator(state, String(BEST_INDENT), false, false, false);
  const last = chars.length - 1;
  if (chars.length === 0 || !isBreak(chars[last] as number)) writeIndicator(state, "-", false, false, false);
  else if (last === 0 || isBreak(chars[last - 1] as number)) writeIndicator(state, "+", false, false, false);
  state.text += "\n";
  state.column = 0;
  state.indention = true;
  state.whitespace = true;
  let breaks = true;
  for (const char of chars) {
    if (isBreak(char)) {
      state.text += "\n";
      state.column = 0;
      state.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(state, indent);
      put(state, char);
      state.indention = false;
      breaks = false;
    }
  }
}
