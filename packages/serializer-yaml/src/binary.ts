import { YamlValueError, type SourcePosition } from "./scalar-box.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes a `!!binary` scalar as go-yaml v2 does: standard base64 with padding, line breaks
 * ignored, and the bytes kept as a Go string. sigs.k8s.io/yaml then writes that string as
 * JSON, which replaces each byte that is not part of valid UTF-8 by U+FFFD.
 */
export function decodeBinary(text: string, position: SourcePosition): string {
  const compact = text.replace(/[\r\n]/g, "");
  if (!BASE64.test(compact)) throw new YamlValueError("!!binary value contains invalid base64 data", position);
  return decodeUtf8PerByte(Buffer.from(compact, "base64"));
}

/** Decodes UTF-8 as Go's JSON encoder coerces it: one U+FFFD for each byte that starts no valid sequence. */
function decodeUtf8PerByte(bytes: Uint8Array): string {
  let result = "";
  let index = 0;
  while (index < bytes.length) {
    const width = validSequenceWidth(bytes, index);
    if (width === 0) {
      result += "\uFFFD";
      index += 1;
      continue;
    }
    result += Buffer.from(bytes.subarray(index, index + width)).toString("utf8");
    index += width;
  }
  return result;
}

/** Returns the length of the valid UTF-8 sequence at `index`, or 0 when there is none. */
function validSequenceWidth(bytes: Uint8Array, index: number): number {
  const first = bytes[index] as number;
  if (first < 0x80) return 1;
  let width: number;
  let low = 0x80;
  let high = 0xbf;
  if (first >= 0xc2 && first <= 0xdf) width = 2;
  else if (first >= 0xe0 && first <= 0xef) {
    width = 3;
    if (first === 0xe0) low = 0xa0;
    if (first === 0xed) high = 0x9f;
  } else if (first >= 0xf0 && first <= 0xf4) {
    width = 4;
    if (first === 0xf0) low = 0x90;
    if (first === 0xf4) high = 0x8f;
  } else return 0;
  for (let offset = 1; offset < width; offset++) {
    const byte = bytes[index + offset];
    if (byte === undefined) return 0;
    const min = offset === 1 ? low : 0x80;
    const max = offset === 1 ? high : 0xbf;
    if (byte < min || byte > max) return 0;
  }
  return width;
}
