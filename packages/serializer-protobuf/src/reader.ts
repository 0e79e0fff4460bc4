import { WireError } from "./errors.js";

const textDecoder = new TextDecoder("utf-8");
const TWO_32 = 4294967296;

/**
 * A cursor over protobuf bytes. Every read checks the bounds it is given, so truncated or
 * corrupt input ends in a WireError with the offset instead of reading garbage.
 */
export class Reader {
  pos = 0;
  /** The high 32 bits of the last varint read by `varint`. */
  hi = 0;
  readonly buf: Uint8Array;
  readonly #view: DataView;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /**
   * Reads a varint of up to 10 bytes and returns its low 32 bits as an unsigned number. The
   * high 32 bits are left in `hi`.
   */
  varint(end: number): number {
    const pos = this.pos;
    if (pos < end) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        this.hi = 0;
        return b;
      }
    }
    return this.#varintSlow(end);
  }

  #varintSlow(end: number): number {
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new WireError("unexpected end of data in varint", start);
      const b = buf[pos++]!;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >> 4;
      } else if (i === 9 && b > 1) throw new WireError("varint overflows 64 bits", start);
      else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        this.hi = hi >>> 0;
        return lo >>> 0;
      }
    }
    // Unreachable: a tenth byte with its continuation bit set is over 1 and fails above.
    throw new WireError("varint longer than 10 bytes", start);
  }

  /** Reads a length prefix and checks that the bytes it announces lie before `end`. */
  length(end: number): number {
    const start = this.pos;
    const len = this.varint(end);
    if (this.hi !== 0 || len > end - this.pos) {
      throw new WireError(`length ${this.hi === 0 ? len : "over 2^32"} runs past the end of the data`, start);
    }
    return len;
  }

  /** Reads a varint as a signed int64: a number within ±(2^53 − 1), a bigint beyond. */
  int64(end: number): number | bigint {
    const lo = this.varint(end);
    const hi = this.hi;
    if (hi < 0x200000) return hi * TWO_32 + lo;
    if (hi >= 0xffe00000 && (hi !== 0xffe00000 || lo !== 0)) {
      // A negative value of at least -(2^53 - 1), stored as the two's complement of its magnitude.
      return -((~hi >>> 0) * TWO_32 + ((~lo >>> 0) + 1));
    }
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  }

  /** Reads a varint as an unsigned uint64: a number below 2^53, a bigint beyond. */
  uint64(end: number): number | bigint {
    const lo = this.varint(end);
    const hi = this.hi;
    if (hi < 0x200000) return hi * TWO_32 + lo;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Reads a fixed 8-byte little-endian double. */
  double(end: number): number {
    const pos = this.pos;
    if (end - pos < 8) throw new WireError("unexpected end of data in fixed64", pos);
    this.pos = pos + 8;
    return this.#view.getFloat64(pos, true);
  }

  /** Reads a fixed 4-byte little-endian float. */
  float(end: number): number {
    const pos = this.pos;
    if (end - pos < 4) throw new WireError("unexpected end of data in fixed32", pos);
    this.pos = pos + 4;
    return this.#view.getFloat32(pos, true);
  }

  /** Reads a length-delimited UTF-8 string. Invalid UTF-8 becomes U+FFFD, as TextDecoder does. */
  string(end: number): string {
    const len = this.length(end);
    const buf = this.buf;
    const start = this.pos;
    const stop = start + len;
    this.pos = stop;
    if (len < 24) {
      let text = "";
      for (let i = start; i < stop; i++) {
        const c = buf[i]!;
        if (c >= 0x80) return textDecoder.decode(buf.subarray(start, stop));
        text += String.fromCharCode(c);
      }
      return text;
    }
    return textDecoder.decode(buf.subarray(start, stop));
  }

  /** Reads length-delimited bytes as a view into the input (no copy). */
  bytes(end: number): Uint8Array {
    const len = this.length(end);
    const start = this.pos;
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  /**
   * Skips one field of wire type `wireType`, whose tag has been read. Groups (wire types 3
   * and 4, unused by Kubernetes) are skipped up to their end tag, at most `depth` levels deep.
   */
  skip(wireType: number, end: number, depth: number, fieldNumber: number): void {
    const start = this.pos;
    switch (wireType) {
      case 0:
        this.varint(end);
        return;
      case 1:
        if (end - start < 8) throw new WireError("unexpected end of data in fixed64", start);
        this.pos = start + 8;
        return;
      case 2: {
        // Read the length before touching pos: `pos += length()` would add to the old pos.
        const len = this.length(end);
        this.pos += len;
        return;
      }
      case 5:
        if (end - start < 4) throw new WireError("unexpected end of data in fixed32", start);
        this.pos = start + 4;
        return;
      case 3:
        this.#skipGroup(end, depth, fieldNumber);
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} for field ${fieldNumber}`, start);
    }
  }

  #skipGroup(end: number, depth: number, fieldNumber: number): void {
    if (depth <= 0) throw new WireError("groups nested too deeply", this.pos);
    for (;;) {
      const tagAt = this.pos;
      if (tagAt >= end) throw new WireError(`unexpected end of data in group ${fieldNumber}`, tagAt);
      const tag = this.varint(end);
      const wireType = tag & 7;
      if (wireType === 4) {
        if (tag >>> 3 !== fieldNumber) throw new WireError(`mismatched end of group ${fieldNumber}`, tagAt);
        return;
      }
      this.skip(wireType, end, depth - 1, tag >>> 3);
    }
  }
}
