/**
 * Returns the smallest string greater than every string that starts with `prefix`, in
 * the byte order of UTF-8 (SQLite's BINARY collation), or undefined when no such bound
 * exists (an empty prefix, or one made only of U+10FFFF).
 */
export function prefixEnd(prefix: string): string | undefined {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? 0;
    if (last < 0x10ffff) {
      codePoints.push(last + 1);
      return String.fromCodePoint(...codePoints);
    }
  }
  return undefined;
}

/** Reports whether a watch on `watchedKey` receives the writes to `key`. */
export function keyMatches(watchedKey: string, recursive: boolean, key: string): boolean {
  return recursive ? key.startsWith(watchedKey) : key === watchedKey;
}
