/**
 * Base64 helpers for the `[]byte` fields that JSON carries as base64 (Secret data,
 * ConfigMap binaryData). They use only `btoa`, `atob` and the text codecs, so the package
 * does not depend on Node's Buffer.
 */

const chunkSize = 0x8000;

/** Encodes a string's UTF-8 bytes as standard base64. */
export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunkSize));
  }
  return btoa(binary);
}

/** Decodes standard base64 into UTF-8 text, or returns undefined when the input is not base64. */
export function decodeBase64(value: string): string | undefined {
  try {
    const binary = atob(value);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/** Returns the number of bytes that a base64 value decodes to, without decoding it. */
export function decodedBase64Length(value: string): number {
  const trimmed = value.replace(/\s+/g, "").replace(/=+$/, "");
  return Math.floor((trimmed.length * 3) / 4);
}
