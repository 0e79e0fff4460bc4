import { StatusError } from "@apimachinery/meta";

/** Returns the 1-based line and column of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Returns a BadRequest StatusError for a syntax error at `offset`, worded as
 * `json parse error at line 3, column 7: <problem>`.
 */
export function syntaxError(text: string, offset: number, problem: string): StatusError {
  const { line, column } = lineAndColumn(text, offset);
  return StatusError.badRequest(`json parse error at line ${line}, column ${column}: ${problem}`);
}

/** Shortens `text` for an error message so that a huge body does not end up in a Status. */
export function excerpt(text: string, max = 256): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
