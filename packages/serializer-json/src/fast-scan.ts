/**
 * The start of an integer of 16 or more digits, or a 3-digit exponent after a digit.
 * Numbers of up to 15 digits always convert to a double exactly, so only a longer integer
 * can lie beyond ±(2^53 − 1). A fraction is read as a double by Go too, so its digits do
 * not matter. An integer token starts after `:`, `,`, `[`, whitespace or its `-` sign, so
 * requiring one of those before the run skips most digit runs inside strings (hashes,
 * timestamps in nanoseconds). A 3-digit exponent can overflow a double, which Go rejects
 * and `JSON.parse` turns into Infinity. The digit classes are spelled out because V8 runs
 * this form several times faster than `\d{16}` (measured on the 61 KB core.v1.Pod fixture).
 */
const suspiciousNumber = new RegExp(`[:,[\\s-]${"[0-9]".repeat(16)}|[0-9][eE][+-]?[0-9][0-9][0-9]`);

/** A top-level value that is a number (or a malformed start), which the pattern above cannot see. */
const scalarStart = /^\s*[-0-9]/;

/** Counts `{` and `[` in `text`, stopping once the count passes `limit`. */
function countOpenings(text: string, limit: number): number {
  let count = 0;
  for (const opening of ["{", "["]) {
    for (let index = text.indexOf(opening); index !== -1 && count <= limit; index = text.indexOf(opening, index + 1)) count++;
  }
  return count;
}

/**
 * Reports whether `text` may need the exact parser: it may hold an integer that a double
 * cannot keep, a number that overflows a double, or nesting deeper than `maxDepth`. A
 * `false` result is certain, so `JSON.parse` gives the same value as the exact parser. A
 * `true` result can be a false alarm, for example a long digit run inside a string.
 */
export function needsExactParse(text: string, maxDepth: number): boolean {
  if (suspiciousNumber.test(text) || scalarStart.test(text)) return true;
  // Nesting deeper than maxDepth needs more than maxDepth openings and as many closings.
  return text.length > 2 * maxDepth && countOpenings(text, maxDepth) > maxDepth;
}
