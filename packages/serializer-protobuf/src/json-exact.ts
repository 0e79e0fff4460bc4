import { WireError } from "./errors.js";

/*
 * JSON text with int64-exact integers, for the raw JSON inside RawExtension, JSON and
 * FieldsV1 values. An integer keeps its value as Go's decoding does: a number within
 * ±(2^53 − 1), a bigint for the rest of the int64 range, a float number beyond it.
 */

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;
/** Sixteen digits in a row may be an integer beyond 2^53; shorter runs never are. */
const LONG_DIGITS = /\d{16}/;

function integerValue(text: string): number | bigint {
  if (text.length <= 15) return Number(text);
  const value = BigInt(text);
  if (value >= -maxSafe && value <= maxSafe) return Number(value);
  if (value >= MIN_INT64 && value <= MAX_INT64) return value;
  return Number(text);
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** A recursive-descent JSON parser used only when the text may hold a large integer. */
class ExactParser {
  pos = 0;

  constructor(
    readonly text: string,
    readonly maxDepth: number,
  ) {}

  fail(what: string): WireError {
    return new WireError(`invalid JSON: ${what} at character ${this.pos}`);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  token(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) return undefined;
    this.pos = pattern.lastIndex;
    return match[0];
  }

  value(depth: number): unknown {
    if (depth > this.maxDepth) throw this.fail(`nesting deeper than ${this.maxDepth}`);
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') {
      const literal = this.token(STRING);
      if (literal === undefined) throw this.fail("invalid string");
      return JSON.parse(literal) as string;
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) throw this.fail("unexpected character");
    this.pos = NUMBER.lastIndex;
    return match[1] === undefined && match[2] === undefined ? integerValue(match[0]) : Number(match[0]);
  }

  object(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.token(STRING);
      if (key === undefined) throw this.fail("expected a string key");
      this.skipWhitespace();
      if (this.text[this.pos++] !== ":") throw this.fail("expected ':'");
      Object.defineProperty(result, JSON.parse(key) as string, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === "}") return result;
      if (next !== ",") throw this.fail("expected ',' or '}'");
    }
  }

  array(depth: number): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === "]") return result;
      if (next !== ",") throw this.fail("expected ',' or ']'");
    }
  }
}

/**
 * Parses JSON text keeping int64 integers exact. Ordinary text goes through `JSON.parse`,
 * and only text with a run of 16 or more digits takes the slower exact parser, which
 * rejects nesting deeper than `maxDepth` instead of exhausting the stack.
 */
export function parseJsonExact(text: string, maxDepth = 1000): unknown {
  if (!LONG_DIGITS.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new WireError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const parser = new ExactParser(text, maxDepth);
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos !== text.length) throw parser.fail("unexpected data after the value");
  return value;
}

/** The deepest nesting `stringifySlow` writes; deeper values (or cycles) fail instead of overflowing the stack. */
const MAX_STRINGIFY_DEPTH = 1000;

function stringifySlow(value: unknown, depth: number): string {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (depth > MAX_STRINGIFY_DEPTH) throw new WireError(`JSON value nested deeper than ${MAX_STRINGIFY_DEPTH} or cyclic`);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : stringifySlow(item, depth + 1))).join(",")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    parts.push(`${JSON.stringify(key)}:${stringifySlow(item, depth + 1)}`);
  }
  return `{${parts.join(",")}}`;
}

/** Writes a value as compact JSON; bigints become integer literals. */
export function stringifyJsonExact(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // JSON.stringify fails on bigint values and on cycles; the slow path writes the first
    // and rejects the second.
    return stringifySlow(value, 0);
  }
}
