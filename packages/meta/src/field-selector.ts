import { requireString } from "./input-checks.js";
import { StatusError } from "./status-error.js";

/** The fields of an object that a field selector reads, flattened to strings (`metadata.name`, `status.phase`). */
export type Fields = Readonly<Record<string, string>>;

/** One term of a field selector. `==` is read as `=`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: "=" | "!=";
  readonly value: string;
}

/**
 * A parsed field selector (Go's `fields.Selector`): terms that must all hold. A field that
 * is absent from the fields reads as the empty string, as in Go.
 */
export interface ParsedFieldSelector {
  /** The terms, in the order of the sorted input terms. */
  readonly requirements: readonly FieldRequirement[];
  /** False only for {@link nothingFieldSelector}. */
  readonly selectable: boolean;
  matches(fields: Fields): boolean;
  /** Reports whether the selector has no terms and so matches everything. */
  isEmpty(): boolean;
  /** Formats the selector with values escaped: `metadata.name=a\,b,status.phase!=Running`. */
  toString(): string;
  /** Returns the value that `field` must equal, from the first `=` term on it, or `undefined`. */
  requiresExactMatch(field: string): string | undefined;
  /**
   * Rewrites every term through `transform`, as Go's `Transform` does, for instance to map a
   * field label of an older API version. A term mapped to an empty field and value is dropped.
   */
  transform(transform: (field: string, value: string) => { field: string; value: string }): ParsedFieldSelector;
}

/** Escapes `\`, `,` and `=` in a value with a backslash (Go's `fields.EscapeValue`). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (char) => `\\${char}`);
}

/**
 * Reverses {@link escapeFieldValue} (Go's `fields.UnescapeValue`).
 *
 * @throws StatusError (BadRequest) for an unknown escape sequence, a trailing backslash, or
 * an unescaped `,` or `=`.
 */
export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let result = "";
  let escaped = false;
  for (const char of value) {
    if (escaped) {
      if (char !== "\\" && char !== "," && char !== "=") {
        throw StatusError.badRequest(`invalid field selector: invalid escape sequence: \\${char}`);
      }
      result += char;
      escaped = false;
    } else if (char === "\\") {
      escaped = true;
    } else if (char === "," || char === "=") {
      throw StatusError.badRequest(`invalid field selector: unescaped character in value: ${JSON.stringify(char)}`);
    } else {
      result += char;
    }
  }
  if (escaped) throw StatusError.badRequest("invalid field selector: invalid escape sequence: \\");
  return result;
}

function formatRequirement(requirement: FieldRequirement): string {
  return `${requirement.field}${requirement.operator}${escapeFieldValue(requirement.value)}`;
}

function matchesRequirement(requirement: FieldRequirement, fields: Fields): boolean {
  const actual = Object.prototype.hasOwnProperty.call(fields, requirement.field) ? fields[requirement.field]! : "";
  return requirement.operator === "=" ? actual === requirement.value : actual !== requirement.value;
}

/** Builds a selector from field requirements, kept in the given order. */
export function fieldSelectorFromRequirements(requirements: readonly FieldRequirement[]): ParsedFieldSelector {
  const terms = Object.freeze([...requirements]);
  return Object.freeze({
    requirements: terms,
    selectable: true,
    matches: (fields: Fields) => terms.every((term) => matchesRequirement(term, fields)),
    isEmpty: () => terms.length === 0,
    toString: () => terms.map(formatRequirement).join(","),
    requiresExactMatch: (field: string) => terms.find((term) => term.field === field && term.operator === "=")?.value,
    transform: (transform: (field: string, value: string) => { field: string; value: string }) =>
      fieldSelectorFromRequirements(
        terms.flatMap((term) => {
          const next = transform(term.field, term.value);
          return next.field === "" && next.value === "" ? [] : [{ field: next.field, operator: term.operator, value: next.value }];
        }),
      ),
  });
}

/** The field selector that matches everything. */
export const everythingFieldSelector: ParsedFieldSelector = fieldSelectorFromRequirements([]);

/** The field selector that matches nothing. Its string form is `""`. */
export const nothingFieldSelector: ParsedFieldSelector = Object.freeze({
  requirements: Object.freeze([]),
  selectable: false,
  matches: () => false,
  isEmpty: () => false,
  toString: () => "",
  requiresExactMatch: () => undefined,
  transform: () => nothingFieldSelector,
});

/** Orders strings by UTF-16 code units, as Go's sort orders ASCII strings. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Splits at commas that no backslash escapes. */
function splitTerms(text: string): string[] {
  if (text === "") return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (escaped) {
      escaped = false;
    } else if (char === "\\") {
      escaped = true;
    } else if (char === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** Splits a term at its first operator; at one position `!=` wins over `==`, and `==` over `=`. */
function splitTerm(term: string): { field: string; operator: "=" | "!=" | "=="; rest: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of ["!=", "==", "="] as const) {
      if (term.startsWith(operator, i)) return { field: term.slice(0, i), operator, rest: term.slice(i + operator.length) };
    }
  }
  return undefined;
}

/**
 * Parses a field selector, as Go's `fields.ParseSelector` does.
 *
 * Grammar:
 * ```
 * selector ::= [ term { "," term } ]
 * term     ::= field ( "=" | "==" | "!=" ) value
 * value    ::= { char | "\\\\" | "\\," | "\\=" }
 * ```
 * Field names are not checked here; a server checks them against the fields it supports
 * (see {@link ParsedFieldSelector.requirements}). Terms are sorted as strings before
 * parsing. Empty terms, and terms whose field and value are both empty, are skipped.
 *
 * @throws StatusError (BadRequest) for a term without an operator or a badly escaped value.
 */
export function parseFieldSelector(text: string): ParsedFieldSelector {
  const terms = splitTerms(requireString(text, "field selector")).sort(compareStrings);
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === "") continue;
    const split = splitTerm(term);
    if (split === undefined) {
      throw StatusError.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    }
    const operator = split.operator === "!=" ? "!=" : "=";
    const value = unescapeFieldValue(split.rest);
    // Go passes every term through an identity transform, which drops a term whose field
    // and value are both empty (`=`, `!=`), so such a term selects everything.
    if (split.field === "" && value === "") continue;
    requirements.push({ field: split.field, operator, value });
  }
  return fieldSelectorFromRequirements(requirements);
}

/** Builds a selector that requires each field to equal its value (Go's `fields.SelectorFromSet`). */
export function fieldSelectorFromSet(fields: Fields | undefined): ParsedFieldSelector {
  return fieldSelectorFromRequirements(Object.entries(fields ?? {}).map(([field, value]) => ({ field, operator: "=", value })));
}

/**
 * Checks that a selector uses only supported fields and returns the fields that it does
 * not support, so that a server can reject them with a BadRequest.
 */
export function unsupportedFields(selector: ParsedFieldSelector, supported: Iterable<string>): string[] {
  const known = new Set(supported);
  return [...new Set(selector.requirements.map((term) => term.field).filter((field) => !known.has(field)))];
}
