/**
 * Key ordering and ranges shared by the backends. etcd and SQLite (BINARY collation)
 * order keys by their UTF-8 bytes; JavaScript compares UTF-16 code units, which differs
 * only when a character outside the Basic Multilingual Plane meets one in U+E000..U+FFFF.
 */

/** Compares two keys in the byte order of their UTF-8 encodings: negative, zero or positive. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left === right) continue;
    // A surrogate (U+D800..U+DFFF) starts a code point above U+FFFF, which sorts after
    // every BMP code point in UTF-8, although its code unit is below U+E000.
    const leftSurrogate = left >= 0xd800 && left <= 0xdfff;
    const rightSurrogate = right >= 0xd800 && right <= 0xdfff;
    if (leftSurrogate !== rightSurrogate && Math.max(left, right) >= 0xe000) return leftSurrogate ? 1 : -1;
    return left - right;
  }
  return a.length - b.length;
}

/** Reports whether a watch or list of `pattern` covers `key`: a prefix match when `recursive`, else equality. */
export function keyMatches(key: string, pattern: string, recursive: boolean): boolean {
  return recursive ? key.startsWith(pattern) : key === pattern;
}

/** Returns the index of the first element of the sorted `keys` that is not below `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(keys[middle] as string, key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
