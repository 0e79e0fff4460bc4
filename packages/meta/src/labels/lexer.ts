/** The tokens of the label selector grammar. */
export type TokenKind =
  | "error"
  | "end"
  | "closePar"
  | "comma"
  | "doesNotExist"
  | "doubleEquals"
  | "equals"
  | "greaterThan"
  | "identifier"
  | "in"
  | "lessThan"
  | "notEquals"
  | "notIn"
  | "openPar";

/** A token and the text it was read from. */
export interface Token {
  readonly kind: TokenKind;
  readonly literal: string;
}

const keywords: ReadonlyMap<string, TokenKind> = new Map([
  [")", "closePar"],
  [",", "comma"],
  ["!", "doesNotExist"],
  ["==", "doubleEquals"],
  ["=", "equals"],
  [">", "greaterThan"],
  ["in", "in"],
  ["<", "lessThan"],
  ["!=", "notEquals"],
  ["notin", "notIn"],
  ["(", "openPar"],
]);

const isWhitespace = (char: string): boolean => char === " " || char === "\t" || char === "\r" || char === "\n";
const isSpecialSymbol = (char: string): boolean => "=!(),><".includes(char) && char !== "";
/** A NUL character ends the input for Go's lexer, which uses byte 0 as its end marker. */
const isEnd = (char: string): boolean => char === "" || char === "\0";

/** Splits a label selector into tokens, as Go's `labels.Lexer` does. */
export function tokenize(text: string): Token[] {
  let position = 0;
  const read = (): string => (position < text.length ? text[position++]! : "");
  const unread = (): void => {
    position--;
  };

  const scanIdentifierOrKeyword = (): Token => {
    let buffer = "";
    for (;;) {
      const char = read();
      if (isEnd(char)) break;
      if (isSpecialSymbol(char) || isWhitespace(char)) {
        unread();
        break;
      }
      buffer += char;
    }
    return { kind: keywords.get(buffer) ?? "identifier", literal: buffer };
  };

  const scanSpecialSymbol = (): Token => {
    let buffer = "";
    let last: Token | undefined;
    for (;;) {
      const char = read();
      if (isEnd(char)) break;
      if (!isSpecialSymbol(char)) {
        unread();
        break;
      }
      buffer += char;
      const kind = keywords.get(buffer);
      if (kind !== undefined) {
        last = { kind, literal: buffer };
      } else if (last !== undefined) {
        unread();
        break;
      }
    }
    return last ?? { kind: "error", literal: `error expected: keyword found '${buffer}'` };
  };

  const tokens: Token[] = [];
  for (;;) {
    let char = read();
    while (isWhitespace(char)) char = read();
    let token: Token;
    if (isEnd(char)) {
      token = { kind: "end", literal: "" };
    } else {
      unread();
      token = isSpecialSymbol(char) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
    }
    tokens.push(token);
    if (token.kind === "end") return tokens;
  }
}
