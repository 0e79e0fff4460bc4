/**
 * The order go-yaml v2 writes map keys in (its `keyList.Less`), which kubectl's YAML output
 * shows: letters compare as characters, runs of digits compare as numbers, and a letter
 * sorts after any other character.
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);
  return LETTER.test(String.fromCodePoint(codePoint));
}

function isDigit(codePoint: number): boolean {
  if (codePoint < 0x80) return codePoint >= 0x30 && codePoint <= 0x39;
  return DIGIT.test(String.fromCodePoint(codePoint));
}

function codePoints(text: string): number[] {
  const result: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdbff) {
      result.push(code);
      continue;
    }
    const codePoint = text.codePointAt(index) as number;
    result.push(codePoint);
    if (codePoint > 0xffff) index++;
  }
  return result;
}

/** Compares the digit runs that start at `start` in both keys, as go-yaml v2 does at the first difference. */
function compareAtDifference(a: number[], b: number[], start: number): boolean {
  let numberA = 0;
  let numberB = 0;
  if (a[start] === 0x30 || b[start] === 0x30) {
    // A zero inside a longer number is an ordinary digit, not a leading zero.
    for (let back = start - 1; back >= 0 && isDigit(a[back] as number); back--) {
      if (a[back] !== 0x30) {
        numberA = 1;
        numberB = 1;
        break;
      }
    }
  }
  let endA = start;
  for (; endA < a.length && isDigit(a[endA] as number); endA++) numberA = numberA * 10 + ((a[endA] as number) - 0x30);
  let endB = start;
  for (; endB < b.length && isDigit(b[endB] as number); endB++) numberB = numberB * 10 + ((b[endB] as number) - 0x30);
  if (numberA !== numberB) return numberA < numberB;
  if (endA !== endB) return endA < endB;
  return (a[start] as number) < (b[start] as number);
}

/** Returns the code points of an ASCII-only string, or of any string, as go-yaml compares runes. */
function runesOf(text: string): number[] {
  const result = new Array<number>(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdfff) return codePoints(text);
    result[index] = code;
  }
  return result;
}

/** Reports whether go-yaml v2 writes key `left` before key `right`. */
export function keyLess(left: string, right: string): boolean {
  const a = runesOf(left);
  const b = runesOf(right);
  for (let index = 0; index < a.length && index < b.length; index++) {
    const charA = a[index] as number;
    const charB = b[index] as number;
    if (charA === charB) continue;
    const letterA = isLetter(charA);
    const letterB = isLetter(charB);
    if (letterA && letterB) return charA < charB;
    if (letterA || letterB) return letterB;
    return compareAtDifference(a, b, index);
  }
  return a.length < b.length;
}

/** Keys made of letters only, which compare as plain code-unit order under go-yaml v2's rules. */
const LETTERS_ONLY = /^[A-Za-z]*$/;

/** Compares two keys in go-yaml v2's order, for `Array.prototype.sort`. */
export function compareKeys(left: string, right: string): number {
  if (left === right) return 0;
  if (LETTERS_ONLY.test(left) && LETTERS_ONLY.test(right)) return left < right ? -1 : 1;
  if (keyLess(left, right)) return -1;
  return keyLess(right, left) ? 1 : 0;
}
