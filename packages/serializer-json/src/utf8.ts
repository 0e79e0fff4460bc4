import { StatusError } from "@apimachinery/meta";

// ignoreBOM keeps a leading byte order mark in the text, so that the parser rejects it as
// Go's decoder does, and bytes and strings decode alike.
const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Returns the byte offset of the first invalid UTF-8 sequence in `bytes`, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      index++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    let codePoint = lead & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset++) {
      const next = bytes[index + offset];
      if (next === undefined || (next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

/**
 * Decodes UTF-8 bytes to a string. Fails with a BadRequest StatusError naming the byte
 * offset of the first invalid sequence. A leading byte order mark is kept.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw StatusError.badRequest(`json parse error: invalid UTF-8 at byte offset ${offset}`);
  }
}
