import { StatusError } from "@apimachinery/meta";
import type { FrameReader, FrameWriter, Framer } from "@apimachinery/runtime";

/**
 * The default limit on one watch frame: 16 MiB, room for the largest object etcd stores
 * (1.5 MiB by default, configurable upwards) with a wide margin.
 */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/*
 * Length-delimited framing of protobuf watch streams:
 *
 *   stream = { frame }
 *   frame  = length payload
 *   length = 4 bytes, big-endian unsigned: the size of payload
 */

class LengthDelimitedWriter implements FrameWriter {
  frame(payload: Uint8Array): Uint8Array {
    const out = new Uint8Array(4 + payload.length);
    new DataView(out.buffer).setUint32(0, payload.length, false);
    out.set(payload, 4);
    return out;
  }
}

/** Collects chunks split anywhere and returns each frame once it is complete. */
class LengthDelimitedReader implements FrameReader {
  readonly #maxFrameBytes: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;

  constructor(maxFrameBytes: number) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  get idle(): boolean {
    return this.#buffered === 0;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.#buffered < 4) return frames;
      const header = this.#peek(4);
      const length = new DataView(header.buffer, header.byteOffset, 4).getUint32(0, false);
      if (length > this.#maxFrameBytes) {
        // The stream cannot be resynchronized after a bad length, so the reader drops it all.
        this.#chunks = [];
        this.#buffered = 0;
        throw StatusError.badRequest(`watch frame of ${length} bytes exceeds the limit of ${this.#maxFrameBytes} bytes`);
      }
      if (this.#buffered < 4 + length) return frames;
      this.#take(4);
      frames.push(this.#take(length));
    }
  }

  /** Returns the first `n` buffered bytes without consuming them, joining chunks only when needed. */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    this.#join();
    return this.#chunks[0]!.subarray(0, n);
  }

  /** Removes and returns the first `n` buffered bytes. */
  #take(n: number): Uint8Array {
    if (n === 0) return new Uint8Array(0);
    let first = this.#chunks[0]!;
    if (first.length < n) {
      this.#join();
      first = this.#chunks[0]!;
    }
    const taken = first.subarray(0, n);
    if (first.length === n) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(n);
    this.#buffered -= n;
    return taken;
  }

  #join(): void {
    const joined = new Uint8Array(this.#buffered);
    let offset = 0;
    for (const chunk of this.#chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    this.#chunks = [joined];
  }
}

/** The framer of protobuf watch streams: a 4-byte big-endian length before each WatchEvent message. */
export const lengthDelimitedFramer: Framer = {
  newFrameWriter: () => new LengthDelimitedWriter(),
  newFrameReader: (options) => new LengthDelimitedReader(options?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES),
};
