const textEncoder = new TextEncoder();
const TWO_32 = 4294967296;

/** Returns how many bytes the varint of an unsigned 32-bit value takes. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/**
 * A growable output buffer. Nested messages are written in place behind a one-byte length
 * placeholder that `endMessage` fills in, moving the body when the length needs more bytes,
 * so encoding is a single pass over the object.
 */
export class Writer {
  buf: Uint8Array;
  pos = 0;
  #view: DataView;

  constructor(initialSize = 4096) {
    this.buf = new Uint8Array(initialSize);
    this.#view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.#view = new DataView(grown.buffer);
  }

  /** Returns a copy of the bytes written so far and empties the writer. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Writes an unsigned 32-bit varint (field tags, lengths, non-negative int32). */
  uint32(value: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    while (value > 0x7f) {
      buf[pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[pos++] = value;
    this.pos = pos;
  }

  /** Writes a 64-bit varint from its two unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    while (hi !== 0) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes an int32 varint; negative values take 10 bytes, sign-extended as protobuf requires. */
  int32(value: number): void {
    if (value >= 0) this.uint32(value);
    else this.varint64(value >>> 0, 0xffffffff);
  }

  /** Writes an integral number within ±2^64 as a 64-bit two's complement varint. */
  int64Number(value: number): void {
    if (value >= 0) {
      if (value < TWO_32) this.uint32(value);
      else this.varint64(value >>> 0, Math.floor(value / TWO_32) >>> 0);
      return;
    }
    const magnitude = -value;
    let lo = magnitude >>> 0;
    let hi = Math.floor(magnitude / TWO_32) >>> 0;
    // Two's complement of the magnitude.
    lo = ~lo >>> 0;
    hi = ~hi >>> 0;
    if (lo === 0xffffffff) {
      lo = 0;
      hi = (hi + 1) >>> 0;
    } else lo += 1;
    this.varint64(lo, hi);
  }

  /** Writes a bigint as a 64-bit two's complement varint. */
  int64Bigint(value: bigint): void {
    const bits = BigInt.asUintN(64, value);
    this.varint64(Number(bits & 0xffffffffn), Number(bits >> 32n));
  }

  /** Writes a fixed 8-byte little-endian double. */
  double(value: number): void {
    this.ensure(8);
    this.#view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Writes a fixed 4-byte little-endian float. */
  float(value: number): void {
    this.ensure(4);
    this.#view.setFloat32(this.pos, value, true);
    this.pos += 4;
  }

  /** Writes a length-prefixed UTF-8 string. */
  string(text: string): void {
    const n = text.length;
    const reserve = varintSize(n);
    // Five spare bytes keep `uint32` below from growing (and so moving) the buffer.
    this.ensure(reserve + n + 5);
    const buf = this.buf;
    let pos = this.pos + reserve;
    // ASCII fast path: one byte per UTF-16 unit, so the length prefix is `n`.
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.#stringUtf8(text);
        return;
      }
      buf[pos++] = c;
    }
    this.uint32(n);
    this.pos = pos;
  }

  #stringUtf8(text: string): void {
    const max = text.length * 3;
    const reserve = varintSize(max);
    this.ensure(reserve + max + 5);
    const start = this.pos;
    const { written } = textEncoder.encodeInto(text, this.buf.subarray(start + reserve));
    const size = varintSize(written);
    if (size !== reserve) this.buf.copyWithin(start + size, start + reserve, start + reserve + written);
    this.uint32(written);
    this.pos = start + size + written;
  }

  /** Writes length-prefixed bytes. */
  bytes(data: Uint8Array): void {
    this.uint32(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Starts a nested message: reserves one byte for its length and returns where the message starts. */
  beginMessage(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends the nested message begun at `start`, writing its length prefix. */
  endMessage(start: number): void {
    const len = this.pos - start - 1;
    if (len < 0x80) {
      this.buf[start] = len;
      return;
    }
    const size = varintSize(len);
    this.ensure(size - 1);
    const buf = this.buf;
    buf.copyWithin(start + size, start + 1, this.pos);
    const end = this.pos + size - 1;
    this.pos = start;
    this.uint32(len);
    this.pos = end;
  }
}
