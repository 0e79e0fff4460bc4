import { StatusError } from "@apimachinery/meta";
import type { FrameReader, FrameWriter, Framer } from "@apimachinery/runtime";

/**
 * The default limit on one frame of a watch stream. An estimate chosen above the 3 MiB
 * request body limit of kube-apiserver and the 1.5 MiB value limit of etcd, so that any
 * object the server can store fits.
 */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

const enum Byte {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

function isWhitespace(byte: number): boolean {
  return byte === Byte.Space || byte === Byte.Newline || byte === Byte.Return || byte === Byte.Tab;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]?.length === length) return parts[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * Splits a stream of JSON objects into one frame per object. It follows strings and
 * nesting byte by byte, so objects may be separated by newlines, other whitespace or
 * nothing, and may be split across chunks anywhere, even inside a multi-byte character
 * (UTF-8 continuation bytes never equal an ASCII delimiter).
 */
class JsonFrameReader implements FrameReader {
  readonly #maxFrameBytes: number;
  #parts: Uint8Array[] = [];
  #pendingBytes = 0;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #streamOffset = 0;

  constructor(maxFrameBytes: number) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  get idle(): boolean {
    return this.#pendingBytes === 0;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let frameStart = this.#pendingBytes === 0 ? -1 : 0;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index] ?? 0;
      if (frameStart === -1) {
        if (isWhitespace(byte)) continue;
        if (byte !== Byte.OpenBrace && byte !== Byte.OpenBracket) {
          throw StatusError.badRequest(
            `invalid watch stream at byte offset ${this.#streamOffset + index}: expected a JSON object, got character '${String.fromCharCode(byte)}'`,
          );
        }
        frameStart = index;
      }
      if (this.#scan(byte)) {
        const piece = chunk.subarray(frameStart, index + 1);
        this.#checkSize(piece.length);
        frames.push(concat([...this.#parts, piece], this.#pendingBytes + piece.length));
        this.#parts = [];
        this.#pendingBytes = 0;
        frameStart = -1;
      }
    }
    if (frameStart !== -1) {
      const rest = chunk.subarray(frameStart);
      this.#checkSize(rest.length);
      // Copy, because the caller may reuse the chunk's buffer.
      this.#parts.push(rest.slice());
      this.#pendingBytes += rest.length;
    }
    this.#streamOffset += chunk.length;
    return frames;
  }

  /** Advances the string and nesting state by one byte; returns true when a top-level value ends. */
  #scan(byte: number): boolean {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === Byte.Backslash) this.#escaped = true;
      else if (byte === Byte.Quote) this.#inString = false;
      return false;
    }
    if (byte === Byte.Quote) {
      this.#inString = true;
    } else if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) {
      this.#depth++;
    } else if (byte === Byte.CloseBrace || byte === Byte.CloseBracket) {
      this.#depth--;
      return this.#depth === 0;
    }
    return false;
  }

  #checkSize(additional: number): void {
    const size = this.#pendingBytes + additional;
    if (size > this.#maxFrameBytes) {
      throw StatusError.requestEntityTooLarge(`watch event frame of at least ${size} bytes exceeds the limit of ${this.#maxFrameBytes} bytes`);
    }
  }
}

const newline = new Uint8Array([Byte.Newline]);

/** Writes each frame followed by `\n`, as Go's `json.Encoder` ends each value. */
class NewlineFrameWriter implements FrameWriter {
  frame(payload: Uint8Array): Uint8Array {
    if (payload[payload.length - 1] === Byte.Newline) return payload;
    return concat([payload, newline], payload.length + 1);
  }
}

/**
 * The framing of JSON watch streams: one JSON object per frame, each followed by a newline.
 * The reader also accepts objects with no separator between them, as Go's reader does.
 */
export const jsonFramer: Framer = {
  newFrameWriter: () => new NewlineFrameWriter(),
  newFrameReader: (options) => new JsonFrameReader(options?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES),
};
