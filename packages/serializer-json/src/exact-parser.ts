import type { StatusError } from "@apimachinery/meta";
import { syntaxError } from "./errors.js";
import { integerValue } from "./int64.js";

/** Options of the exact JSON parser. */
export interface ExactParseOptions {
  /** The deepest nesting of objects and arrays accepted; deeper input is a BadRequest. */
  readonly maxDepth: number;
  /** Collects the path of every field that appears twice in one object (strict mode). */
  readonly reportDuplicates: boolean;
}

/** A parsed value with the duplicate fields found on the way. */
export interface ExactParseResult {
  readonly value: unknown;
  /** Paths of duplicated fields, such as `metadata.name`; empty unless requested. */
  readonly duplicates: readonly string[];
}

/** An object or array being filled, with the field name whose value comes next. */
interface Frame {
  readonly container: Record<string, unknown> | unknown[];
  readonly isArray: boolean;
  /** The enclosing container, for building the path of a duplicate field on demand. */
  readonly parent: Frame | undefined;
  /** The field name or index of this container in its parent. */
  readonly slot: string | number;
  key: string;
}

/** Returns the path of a frame's container, such as `spec.containers[0]`; "" for the top level. */
function pathOf(frame: Frame | undefined): string {
  const slots: (string | number)[] = [];
  for (let current = frame; current?.parent !== undefined; current = current.parent) slots.push(current.slot);
  let path = "";
  for (const slot of slots.reverse()) path = typeof slot === "number" ? `${path}[${slot}]` : childPath(path, slot);
  return path;
}

const enum Char {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Characters that a string can contain without an escape; matched from a set position. */
const plainRun = /[^"\\\u0000-\u001f]*/y;

const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Quotes one character for an error message, as `'x'`, with control characters escaped. */
function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  const code = char.charCodeAt(0);
  return code < 0x20 ? `'\\x${code.toString(16).padStart(2, "0")}'` : `'${char}'`;
}

function isDigit(code: number): boolean {
  return code >= Char.Zero && code <= Char.Nine;
}

function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** Sets a field the way JSON.parse does: `__proto__` becomes an own property, not the prototype. */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * A JSON parser that keeps int64 integers exact (as `bigint`), reports duplicate fields and
 * limits nesting. It keeps its own stack instead of recursing, so deep input cannot
 * overflow the JavaScript stack. It is slower than `JSON.parse` and runs only when the
 * fast scan finds a long digit run, deep nesting, or strict mode requests duplicate detection.
 */
class ExactParser {
  #pos = 0;
  readonly #text: string;
  readonly #options: ExactParseOptions;
  readonly #duplicates: string[] = [];

  constructor(text: string, options: ExactParseOptions) {
    this.#text = text;
    this.#options = options;
  }

  parse(): ExactParseResult {
    const stack: Frame[] = [];
    let value: unknown;
    for (;;) {
      value = this.#readValueOrOpen(stack);
      if (value === openMarker) continue;
      // A value is complete: hand it to the enclosing containers that it completes.
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          this.#skipWhitespace();
          if (this.#pos < this.#text.length) throw this.#unexpected("after top-level value");
          return { value, duplicates: this.#duplicates };
        }
        if (!this.#store(frame, value)) break;
        stack.pop();
        value = frame.container;
      }
    }
  }

  /**
   * Adds `value` to `frame` and reads the separator after it. Returns true when the
   * container closed, false when another element or field follows.
   */
  #store(frame: Frame, value: unknown): boolean {
    if (frame.isArray) {
      (frame.container as unknown[]).push(value);
    } else {
      const target = frame.container as Record<string, unknown>;
      if (this.#options.reportDuplicates && Object.hasOwn(target, frame.key)) {
        this.#duplicates.push(childPath(pathOf(frame), frame.key));
      }
      setField(target, frame.key, value);
    }
    this.#skipWhitespace();
    const code = this.#text.charCodeAt(this.#pos);
    if (code === Char.Comma) {
      this.#pos++;
      if (!frame.isArray) frame.key = this.#readKey();
      return false;
    }
    if (code === (frame.isArray ? Char.CloseBracket : Char.CloseBrace)) {
      this.#pos++;
      return true;
    }
    throw this.#unexpected(frame.isArray ? "after array element" : "after object key:value pair");
  }

  /** Reads a scalar, an empty container, or opens a container and pushes its frame. */
  #readValueOrOpen(stack: Frame[]): unknown {
    this.#skipWhitespace();
    const code = this.#text.charCodeAt(this.#pos);
    if (code === Char.OpenBrace || code === Char.OpenBracket) return this.#open(stack, code === Char.OpenBracket);
    if (code === Char.Quote) return this.#readString();
    if (code === Char.Minus || isDigit(code)) return this.#readNumber();
    if (this.#text.startsWith("true", this.#pos)) return this.#literal(4, true);
    if (this.#text.startsWith("false", this.#pos)) return this.#literal(5, false);
    if (this.#text.startsWith("null", this.#pos)) return this.#literal(4, null);
    throw this.#unexpected("looking for beginning of value");
  }

  #open(stack: Frame[], isArray: boolean): unknown {
    if (stack.length >= this.#options.maxDepth) {
      throw syntaxError(this.#text, this.#pos, `exceeded max depth of ${this.#options.maxDepth} nested objects and arrays`);
    }
    this.#pos++;
    this.#skipWhitespace();
    const close = isArray ? Char.CloseBracket : Char.CloseBrace;
    if (this.#text.charCodeAt(this.#pos) === close) {
      this.#pos++;
      return isArray ? [] : {};
    }
    const parent = stack[stack.length - 1];
    let slot: string | number = "";
    if (parent !== undefined) slot = parent.isArray ? (parent.container as unknown[]).length : parent.key;
    const frame: Frame = { container: isArray ? [] : {}, isArray, parent, slot, key: "" };
    if (!isArray) frame.key = this.#readKey();
    stack.push(frame);
    return openMarker;
  }

  #readKey(): string {
    this.#skipWhitespace();
    if (this.#text.charCodeAt(this.#pos) !== Char.Quote) throw this.#unexpected("looking for beginning of object key string");
    const key = this.#readString();
    this.#skipWhitespace();
    if (this.#text.charCodeAt(this.#pos) !== Char.Colon) throw this.#unexpected("after object key");
    this.#pos++;
    return key;
  }

  #literal(length: number, value: boolean | null): boolean | null {
    this.#pos += length;
    return value;
  }

  #readString(): string {
    const text = this.#text;
    const start = ++this.#pos;
    plainRun.lastIndex = start;
    plainRun.test(text);
    const pos = plainRun.lastIndex;
    const code = text.charCodeAt(pos);
    if (code === Char.Quote) {
      this.#pos = pos + 1;
      return text.slice(start, pos);
    }
    if (Number.isNaN(code)) throw syntaxError(text, pos, "unexpected end of JSON input");
    if (code < Char.Space) throw syntaxError(text, pos, `invalid character ${quoteChar(text.charAt(pos))} in string literal`);
    this.#pos = pos;
    return text.slice(start, pos) + this.#readEscapedRest();
  }

  /** Reads the rest of a string that contains escapes, up to and including the closing quote. */
  #readEscapedRest(): string {
    const text = this.#text;
    const parts: string[] = [];
    let pos = this.#pos;
    let chunkStart = pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (Number.isNaN(code)) throw syntaxError(text, pos, "unexpected end of JSON input");
      if (code === Char.Quote) break;
      if (code < Char.Space) throw syntaxError(text, pos, `invalid character ${quoteChar(text.charAt(pos))} in string literal`);
      if (code !== Char.Backslash) {
        pos++;
        continue;
      }
      parts.push(text.slice(chunkStart, pos));
      const escape = text.charAt(pos + 1);
      if (escape === "u") {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw syntaxError(text, pos + 2, `invalid character in \\u escape code: "${hex}"`);
        parts.push(String.fromCharCode(Number.parseInt(hex, 16)));
        pos += 6;
      } else {
        const replacement = escapes[escape];
        if (replacement === undefined) {
          if (escape === "") throw syntaxError(text, pos + 1, "unexpected end of JSON input");
          throw syntaxError(text, pos + 1, `invalid character ${quoteChar(escape)} in string escape code`);
        }
        parts.push(replacement);
        pos += 2;
      }
      chunkStart = pos;
    }
    parts.push(text.slice(chunkStart, pos));
    this.#pos = pos + 1;
    return parts.join("");
  }

  #readNumber(): number | bigint {
    const text = this.#text;
    const start = this.#pos;
    let pos = start;
    if (text.charCodeAt(pos) === Char.Minus) pos++;
    if (text.charCodeAt(pos) === Char.Zero) {
      pos++;
    } else if (isDigit(text.charCodeAt(pos))) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      throw this.#unexpectedAt(pos, "in numeric literal");
    }
    let integer = true;
    if (text.charCodeAt(pos) === Char.Dot) {
      integer = false;
      pos = this.#readDigits(pos + 1, "after decimal point in numeric literal");
    }
    const exponent = text.charCodeAt(pos);
    if (exponent === Char.LowerE || exponent === Char.UpperE) {
      integer = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Char.Plus || sign === Char.Minus) pos++;
      pos = this.#readDigits(pos, "in exponent of numeric literal");
    }
    this.#pos = pos;
    const literal = text.slice(start, pos);
    if (integer) return integerValue(literal);
    const value = Number(literal);
    if (!Number.isFinite(value)) throw syntaxError(text, start, `number ${literal} is out of the range of a 64-bit float`);
    return value;
  }

  #readDigits(pos: number, context: string): number {
    if (!isDigit(this.#text.charCodeAt(pos))) throw this.#unexpectedAt(pos, context);
    while (isDigit(this.#text.charCodeAt(pos))) pos++;
    return pos;
  }

  #skipWhitespace(): void {
    const text = this.#text;
    let pos = this.#pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code !== Char.Space && code !== Char.Newline && code !== Char.Return && code !== Char.Tab) break;
      pos++;
    }
    this.#pos = pos;
  }

  #unexpected(context: string): StatusError {
    return this.#unexpectedAt(this.#pos, context);
  }

  #unexpectedAt(pos: number, context: string): StatusError {
    if (pos >= this.#text.length) return syntaxError(this.#text, pos, "unexpected end of JSON input");
    return syntaxError(this.#text, pos, `invalid character ${quoteChar(this.#text.charAt(pos))} ${context}`);
  }
}

/** Marks that a container was opened and its first element is still to be read. */
const openMarker: unique symbol = Symbol("open");

/**
 * Parses JSON text exactly: integers outside ±(2^53 − 1) but within int64 become `bigint`,
 * and duplicate fields can be reported. Fails with a BadRequest StatusError naming the
 * line and column of the first syntax error.
 */
export function parseExact(text: string, options: ExactParseOptions): ExactParseResult {
  return new ExactParser(text, options).parse();
}
