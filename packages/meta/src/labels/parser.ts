import { requireString } from "../input-checks.js";
import { StatusError } from "../status-error.js";
import { compareStrings, labelKeyError, newLabelRequirement, type LabelRequirement, type SelectionOperator } from "./requirement.js";
import { tokenize, type Token, type TokenKind } from "./lexer.js";

/** Thrown inside the parser and turned into a StatusError at its entry. */
class SyntaxProblem {
  constructor(readonly message: string) {}
}

const operatorOfToken: Partial<Record<TokenKind, SelectionOperator>> = {
  in: "in",
  equals: "=",
  doubleEquals: "==",
  greaterThan: "gt",
  lessThan: "lt",
  notIn: "notin",
  notEquals: "!=",
};

/** A recursive-descent parser over the token list, following Go's `labels.Parser`. */
class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  /** Reads the next token without consuming it; in a value position `in` and `notin` are identifiers. */
  private lookahead(values: boolean): Token {
    return this.contextual(this.tokenAt(this.position), values);
  }

  private consume(values: boolean): Token {
    return this.contextual(this.tokenAt(this.position++), values);
  }

  /** Returns the token at `index`, or the final end token past the end of the list. */
  private tokenAt(index: number): Token {
    return this.tokens[Math.min(index, this.tokens.length - 1)]!;
  }

  private contextual(token: Token, values: boolean): Token {
    return values && (token.kind === "in" || token.kind === "notIn") ? { kind: "identifier", literal: token.literal } : token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const next = this.lookahead(true);
      if (next.kind === "end") return requirements;
      if (next.kind !== "identifier" && next.kind !== "doesNotExist") {
        throw new SyntaxProblem(`found '${next.literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.parseRequirementWithContext());
      const separator = this.consume(true);
      if (separator.kind === "end") return requirements;
      if (separator.kind !== "comma") throw new SyntaxProblem(`found '${separator.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.kind !== "identifier" && after.kind !== "doesNotExist") {
        throw new SyntaxProblem(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirementWithContext(): LabelRequirement {
    try {
      return this.parseRequirement();
    } catch (error) {
      if (error instanceof SyntaxProblem) throw new SyntaxProblem(`unable to parse requirement: ${error.message}`);
      if (error instanceof StatusError) throw new SyntaxProblem(`unable to parse requirement: ${error.message}`);
      throw error;
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return newLabelRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === "in" || operator === "notin" ? this.parseValues() : this.parseExactValue();
    return newLabelRequirement(key, operator, [...values].sort(compareStrings));
  }

  private parseKeyAndInferOperator(): { key: string; operator: SelectionOperator | undefined } {
    let operator: SelectionOperator | undefined;
    let token = this.consume(true);
    if (token.kind === "doesNotExist") {
      operator = "!";
      token = this.consume(true);
    }
    if (token.kind !== "identifier") throw new SyntaxProblem(`found '${token.literal}', expected: identifier`);
    const keyError = labelKeyError(token.literal);
    if (keyError !== undefined) throw new SyntaxProblem(keyError);
    const next = this.lookahead(true).kind;
    if ((next === "end" || next === "comma") && operator === undefined) operator = "exists";
    return { key: token.literal, operator };
  }

  private parseOperator(): SelectionOperator {
    const token = this.consume(false);
    const operator = operatorOfToken[token.kind];
    if (operator === undefined) throw new SyntaxProblem(`found '${token.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    return operator;
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.kind !== "openPar") throw new SyntaxProblem(`found '${open.literal}' expected: '('`);
    const first = this.lookahead(true);
    if (first.kind === "identifier" || first.kind === "comma") {
      const values = this.parseIdentifierList();
      if (this.consume(true).kind !== "closePar") throw new SyntaxProblem(`found '${first.literal}', expected: ')'`);
      return values;
    }
    if (first.kind === "closePar") {
      this.consume(true);
      return new Set([""]);
    }
    throw new SyntaxProblem(`found '${first.literal}', expected: ',', ')' or identifier`);
  }

  /** Reads `a, b, c` up to `)`; an empty item (`(,a)`, `(a,,b)`, `(a,)`) is the empty value. */
  private parseIdentifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const token = this.consume(true);
      if (token.kind === "identifier") {
        values.add(token.literal);
        const next = this.lookahead(true);
        if (next.kind === "comma") continue;
        if (next.kind === "closePar") return values;
        throw new SyntaxProblem(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token.kind !== "comma") throw new SyntaxProblem(`found '${token.literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add("");
      const next = this.lookahead(true).kind;
      if (next === "closePar") {
        values.add("");
        return values;
      }
      if (next === "comma") values.add("");
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead(true).kind;
    if (next === "end" || next === "comma") return new Set([""]);
    const token = this.consume(true);
    if (token.kind === "identifier") return new Set([token.literal]);
    throw new SyntaxProblem(`found '${token.literal}', expected: identifier`);
  }
}

/**
 * Parses a label selector string into requirements in the order written.
 *
 * @throws StatusError (BadRequest) with the parser's message.
 */
export function parseLabelRequirements(text: string): LabelRequirement[] {
  try {
    return new Parser(tokenize(requireString(text, "label selector"))).parse();
  } catch (error) {
    if (error instanceof SyntaxProblem) throw StatusError.badRequest(error.message);
    throw error;
  }
}
