import { parseLabelRequirements } from "./parser.js";
import {
  compareStrings,
  formatRequirement,
  matchesRequirement,
  newLabelRequirement,
  type LabelRequirement,
  type Labels,
} from "./requirement.js";

/**
 * A parsed label selector (Go's `labels.Selector`): requirements sorted by key, all of
 * which must hold. Immutable; {@link ParsedLabelSelector.add} returns a new selector.
 */
export interface ParsedLabelSelector {
  /** The requirements, sorted by key; empty for {@link everythingLabelSelector} and {@link nothingLabelSelector}. */
  readonly requirements: readonly LabelRequirement[];
  /** False only for the selector that matches nothing. */
  readonly selectable: boolean;
  /** Reports whether the labels satisfy every requirement. */
  matches(labels: Labels): boolean;
  /** Reports whether the selector has no requirements and so matches everything. */
  isEmpty(): boolean;
  /** Formats the selector in the string grammar, requirements sorted by key: `app=web,tier in (a,b)`. */
  toString(): string;
  /** Returns a selector with more requirements, sorted by key again. */
  add(...requirements: LabelRequirement[]): ParsedLabelSelector;
  /** Returns the single value that `key` must have (`=`, `==`, or `in` with one value), or `undefined`. */
  requiresExactMatch(key: string): string | undefined;
}

function sortByKey(requirements: readonly LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => compareStrings(a.key, b.key));
}

function fromRequirements(sorted: readonly LabelRequirement[]): ParsedLabelSelector {
  return Object.freeze({
    requirements: Object.freeze([...sorted]),
    selectable: true,
    matches: (labels: Labels) => sorted.every((requirement) => matchesRequirement(requirement, labels)),
    isEmpty: () => sorted.length === 0,
    toString: () => sorted.map(formatRequirement).join(","),
    add: (...more: LabelRequirement[]) => fromRequirements(sortByKey([...sorted, ...more])),
    requiresExactMatch: (key: string) => {
      const requirement = sorted.find((candidate) => candidate.key === key);
      if (requirement === undefined) return undefined;
      const exact = requirement.operator === "=" || requirement.operator === "==" || requirement.operator === "in";
      return exact && requirement.values.length === 1 ? requirement.values[0] : undefined;
    },
  });
}

/** The selector that matches every object: no requirements, string form `""`. */
export const everythingLabelSelector: ParsedLabelSelector = fromRequirements([]);

/** The selector that matches no object. Its string form is `""` too, so it does not survive formatting. */
export const nothingLabelSelector: ParsedLabelSelector = Object.freeze({
  requirements: Object.freeze([]),
  selectable: false,
  matches: () => false,
  isEmpty: () => false,
  toString: () => "",
  add: () => nothingLabelSelector,
  requiresExactMatch: () => undefined,
});

/** Builds a selector from requirements, sorting them by key. */
export function labelSelectorFromRequirements(requirements: readonly LabelRequirement[]): ParsedLabelSelector {
  return fromRequirements(sortByKey(requirements));
}

/**
 * Parses a label selector string, as Go's `labels.Parse` does.
 *
 * Grammar:
 * ```
 * selector         ::= [ requirement { "," requirement } ]
 * requirement      ::= [ "!" ] key
 *                    | key ( "=" | "==" | "!=" ) [ value ]
 *                    | key ( "in" | "notin" ) "(" [ valueList ] ")"
 *                    | key ( ">" | "<" ) integer
 * valueList        ::= [ value ] { "," [ value ] }
 * key              ::= [ dnsSubdomain "/" ] name      (a qualified name)
 * value            ::= "" | label value of up to 63 characters
 * ```
 * Whitespace (space, tab, CR, LF) may surround every token. A bare `key` means "exists",
 * `!key` "does not exist". `in`/`notin` value lists are sorted and deduplicated, an empty
 * list item is the empty value, and `()` is the list of the empty value. Requirements are
 * sorted by key, so `toString()` gives the canonical form.
 *
 * @throws StatusError (BadRequest) with Go's message meaning, such as
 * `unable to parse requirement: found '', expected: identifier`.
 */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  return labelSelectorFromRequirements(parseLabelRequirements(text));
}

/**
 * Builds a selector that requires each label to have its value (Go's `SelectorFromSet`).
 * Keys and values are not validated. An empty set gives the selector that matches everything.
 */
export function labelSelectorFromSet(labels: Labels | undefined): ParsedLabelSelector {
  const requirements = Object.entries(labels ?? {}).map(([key, value]): LabelRequirement => ({ key, operator: "=", values: [value] }));
  return labelSelectorFromRequirements(requirements);
}

/**
 * Builds a selector from a label set like {@link labelSelectorFromSet}, validating every key
 * and value (Go's `ValidatedSelectorFromSet`).
 *
 * @throws StatusError (BadRequest) for an invalid key or value.
 */
export function validatedLabelSelectorFromSet(labels: Labels | undefined): ParsedLabelSelector {
  const requirements = Object.entries(labels ?? {}).map(([key, value]) => newLabelRequirement(key, "=", [value]));
  return labelSelectorFromRequirements(requirements);
}

/** Formats a label set as a selector string: `a=1,b=2`, keys sorted. */
export function formatLabels(labels: Labels | undefined): string {
  return Object.keys(labels ?? {})
    .sort(compareStrings)
    .map((key) => `${key}=${labels![key]}`)
    .join(",");
}
