import { WireError } from "./errors.js";

/*
 * Standard base64 with padding, the JSON form Go gives []byte fields. Node's Buffer does the
 * work where it exists; a table-driven fallback covers other runtimes.
 */

interface BufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: string): string };
  from(text: string, encoding: string): Uint8Array;
}

const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALID = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes bytes as standard padded base64. */
export function encodeBase64(data: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(data.buffer, data.byteOffset, data.length).toString("base64");
  let text = "";
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i]!;
    const b = data[i + 1];
    const c = data[i + 2];
    text += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    text += b === undefined ? "=" : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    text += c === undefined ? "=" : ALPHABET[c & 63]!;
  }
  return text;
}

/** Decodes standard padded base64, rejecting any other text as Go's JSON decoding does. */
export function decodeBase64(text: string): Uint8Array {
  if (!VALID.test(text)) throw new WireError(`invalid base64 data ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text)}`);
  if (NodeBuffer) return NodeBuffer.from(text, "base64");
  const bytes: number[] = [];
  let bits = 0;
  let count = 0;
  for (const char of text) {
    if (char === "=") break;
    bits = (bits << 6) | ALPHABET.indexOf(char);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
