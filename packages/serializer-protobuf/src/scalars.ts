import type { ScalarType } from "@apimachinery/runtime";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { WireError } from "./errors.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** Reads one scalar value of a known wire type and returns its JSON form. */
export type ScalarReader = (r: Reader, end: number) => unknown;
/** Writes one scalar value (without its tag) after checking its JSON type. */
export type ScalarWriter = (w: Writer, value: unknown) => void;

/** The protobuf wire type of each scalar type. */
export const wireTypeOf: Readonly<Record<ScalarType, number>> = {
  string: 2,
  bytes: 2,
  bool: 0,
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  double: 1,
  float: 5,
};

/** Returns the shortest decimal form that reads back as the same float32, as Go's JSON writes a float32. */
function float32Value(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

/** Readers of each scalar type, producing the value JSON decoding gives. */
export const scalarReaders: Readonly<Record<ScalarType, ScalarReader>> = {
  string: (r, end) => r.string(end),
  bytes: (r, end) => encodeBase64(r.bytes(end)),
  bool: (r, end) => (r.varint(end) | r.hi) !== 0,
  int32: (r, end) => r.varint(end) | 0,
  uint32: (r, end) => r.varint(end),
  int64: (r, end) => r.int64(end),
  uint64: (r, end) => r.uint64(end),
  double: (r, end) => r.double(end),
  float: (r, end) => float32Value(r.float(end)),
};

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;
const TWO_63 = 2 ** 63;

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "bigint") return `${value}`;
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Returns the WireError for a value of the wrong JSON type or range. */
export function invalidValue(expected: string, value: unknown): WireError {
  return new WireError(`expected ${expected}, got ${describe(value)}`);
}

function integerWriter(expected: string, min: number, max: number, write: (w: Writer, value: number) => void): ScalarWriter {
  return (w, value) => {
    let number = value;
    if (typeof number === "bigint") number = Number(number);
    if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max) throw invalidValue(expected, value);
    write(w, number);
  };
}

function int64Writer(unsigned: boolean): ScalarWriter {
  const expected = unsigned ? "a uint64 integer" : "an int64 integer";
  return (w, value) => {
    if (typeof value === "number") {
      if (!Number.isInteger(value) || value < (unsigned ? 0 : -TWO_63) || value >= (unsigned ? 2 * TWO_63 : TWO_63)) throw invalidValue(expected, value);
      w.int64Number(value);
      return;
    }
    if (typeof value === "bigint") {
      if (value < (unsigned ? 0n : MIN_INT64) || value > (unsigned ? MAX_UINT64 : MAX_INT64)) throw invalidValue(expected, value);
      w.int64Bigint(value);
      return;
    }
    throw invalidValue(expected, value);
  };
}

/** Writers of each scalar type, accepting the value JSON decoding gives (and bigint for 64-bit integers). */
export const scalarWriters: Readonly<Record<ScalarType, ScalarWriter>> = {
  string: (w, value) => {
    if (typeof value !== "string") throw invalidValue("a string", value);
    w.string(value);
  },
  bytes: (w, value) => {
    if (typeof value === "string") w.bytes(decodeBase64(value));
    else if (value instanceof Uint8Array) w.bytes(value);
    else throw invalidValue("base64 data in a string", value);
  },
  bool: (w, value) => {
    if (typeof value !== "boolean") throw invalidValue("a boolean", value);
    w.uint32(value ? 1 : 0);
  },
  int32: integerWriter("an int32 integer", -2147483648, 2147483647, (w, value) => w.int32(value)),
  uint32: integerWriter("a uint32 integer", 0, 4294967295, (w, value) => w.uint32(value)),
  int64: int64Writer(false),
  uint64: int64Writer(true),
  double: (w, value) => {
    if (typeof value !== "number") throw invalidValue("a number", value);
    w.double(value);
  },
  float: (w, value) => {
    if (typeof value !== "number") throw invalidValue("a number", value);
    w.float(value);
  },
};

/** The value a map entry gets when its value field is absent from the wire. */
export const scalarDefaults: Readonly<Record<ScalarType, unknown>> = {
  string: "",
  bytes: "",
  bool: false,
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  double: 0,
  float: 0,
};
