import { describeValue, requireString, requireStringArray, requireStringMap } from "./input-checks.js";
import { StatusError } from "./status-error.js";
import { newLabelRequirement, type LabelRequirement, type SelectionOperator } from "./labels/requirement.js";
import { parseLabelRequirements } from "./labels/parser.js";
import {
  everythingLabelSelector,
  labelSelectorFromRequirements,
  nothingLabelSelector,
  type ParsedLabelSelector,
} from "./labels/selector.js";

/** The operator of a LabelSelectorRequirement. */
export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** One expression of a LabelSelector (meta/v1 LabelSelectorRequirement). */
export interface LabelSelectorRequirement {
  /** The label key. */
  key: string;
  operator: LabelSelectorOperator | (string & {});
  /** The values; non-empty for In and NotIn, empty for Exists and DoesNotExist. */
  values?: string[];
}

/**
 * A label query over objects (meta/v1 LabelSelector): every `matchLabels` entry and every
 * expression must hold. An empty selector matches everything; an absent one matches nothing.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

const selectionOfOperator: Readonly<Record<LabelSelectorOperator, SelectionOperator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

const labelSelectorOperatorOf: Readonly<Record<"in" | "notin" | "exists" | "!", LabelSelectorOperator>> = {
  in: "In",
  notin: "NotIn",
  exists: "Exists",
  "!": "DoesNotExist",
};

function isLabelSelectorOperator(operator: string): operator is LabelSelectorOperator {
  return Object.prototype.hasOwnProperty.call(selectionOfOperator, operator);
}

/** Checks the shape of `matchExpressions` in data that no schema has checked. */
function readExpressions(value: unknown): LabelSelectorRequirement[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw StatusError.badRequest(`invalid matchExpressions: expected an array, got ${describeValue(value)}`);
  return value.map((item: unknown, index) => {
    const expression = (item ?? {}) as Record<string, unknown>;
    const key = requireString(expression["key"], `matchExpressions[${index}].key`);
    const operator = requireString(expression["operator"], `matchExpressions[${index}].operator`);
    const values = expression["values"] === undefined || expression["values"] === null ? [] : requireStringArray(expression["values"], `matchExpressions[${index}].values`);
    return { key, operator, values };
  });
}

/**
 * Converts a LabelSelector to a parsed selector, as Go's `LabelSelectorAsSelector` does:
 * `undefined` or `null` matches nothing, an empty selector everything.
 *
 * @throws StatusError (BadRequest) for an unknown operator or an invalid key, value or value count.
 */
export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): ParsedLabelSelector {
  if (selector === undefined || selector === null) return nothingLabelSelector;
  const labels = Object.entries(requireStringMap(selector.matchLabels ?? {}, "matchLabels"));
  const expressions = readExpressions(selector.matchExpressions);
  if (labels.length + expressions.length === 0) return everythingLabelSelector;

  const requirements: LabelRequirement[] = labels.map(([key, value]) => newLabelRequirement(key, "=", [value]));
  for (const expression of expressions) {
    if (!isLabelSelectorOperator(expression.operator)) {
      throw StatusError.badRequest(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    }
    requirements.push(newLabelRequirement(expression.key, selectionOfOperator[expression.operator], expression.values ?? []));
  }
  return labelSelectorFromRequirements(requirements);
}

/**
 * Converts a LabelSelector to a plain label map, as Go's `LabelSelectorAsMap` does; only
 * `In` expressions with exactly one value can be expressed. `undefined` gives `undefined`.
 *
 * @throws StatusError (BadRequest) for any other expression.
 */
export function labelSelectorAsMap(selector: LabelSelector | null | undefined): Record<string, string> | undefined {
  if (selector === undefined || selector === null) return undefined;
  const result: Record<string, string> = { ...requireStringMap(selector.matchLabels ?? {}, "matchLabels") };
  for (const expression of readExpressions(selector.matchExpressions)) {
    const operator = JSON.stringify(expression.operator);
    if (expression.operator === "In") {
      if (expression.values?.length !== 1) {
        throw StatusError.badRequest(`operator ${operator} without a single value cannot be converted into the old label selector format`);
      }
      result[expression.key] = expression.values[0]!;
    } else if (isLabelSelectorOperator(expression.operator)) {
      throw StatusError.badRequest(`operator ${operator} cannot be converted into the old label selector format`);
    } else {
      throw StatusError.badRequest(`${operator} is not a valid selector operator`);
    }
  }
  return result;
}

/**
 * Converts requirements to a LabelSelector: `=` and `==` become `matchLabels`, the others
 * `matchExpressions`. Always returns both fields, as Go's `ParseToLabelSelector` does.
 *
 * @throws StatusError (BadRequest) for `!=`, `gt` and `lt`, which a LabelSelector cannot express.
 */
export function requirementsToLabelSelector(requirements: readonly LabelRequirement[]): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const requirement of requirements) {
    switch (requirement.operator) {
      case "=":
      case "==":
        if (requirement.values.length !== 1) throw StatusError.badRequest("equals operator must have exactly one value");
        matchLabels[requirement.key] = requirement.values[0]!;
        break;
      case "in":
      case "notin":
      case "exists":
      case "!": {
        const operator = labelSelectorOperatorOf[requirement.operator];
        matchExpressions.push({ key: requirement.key, operator, values: [...new Set(requirement.values)].sort() });
        break;
      }
      case "gt":
      case "lt":
        throw StatusError.badRequest(`${JSON.stringify(requirement.operator)} isn't supported in label selectors`);
      default:
        throw StatusError.badRequest(`${JSON.stringify(requirement.operator)} is not a valid label selector operator`);
    }
  }
  return { matchLabels, matchExpressions };
}

/**
 * Parses a label selector string into a LabelSelector, as Go's `ParseToLabelSelector`
 * does. `!=` is rejected because a LabelSelector cannot express it.
 *
 * @throws StatusError (BadRequest) naming the string when it does not parse or convert.
 */
export function parseToLabelSelector(text: string): LabelSelector {
  try {
    return requirementsToLabelSelector(parseLabelRequirements(text));
  } catch (error) {
    if (error instanceof StatusError) throw StatusError.badRequest(`couldn't parse the selector string ${JSON.stringify(text)}: ${error.message}`);
    throw error;
  }
}

/** Converts a parsed selector back to a LabelSelector; see {@link requirementsToLabelSelector} for what it rejects. */
export function selectorAsLabelSelector(selector: ParsedLabelSelector): LabelSelector {
  return requirementsToLabelSelector(selector.requirements);
}

/** Wraps a label set in a LabelSelector of `matchLabels` (Go's `SetAsLabelSelector`); `undefined` stays `undefined`. */
export function setAsLabelSelector(labels: Readonly<Record<string, string>> | undefined): LabelSelector | undefined {
  return labels === undefined ? undefined : { matchLabels: { ...labels } };
}

/**
 * Formats a LabelSelector for display as Go's `FormatLabelSelector` does: the selector
 * string, `<none>` when it is empty, or `<error>` when it does not convert.
 */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  try {
    const text = labelSelectorAsSelector(selector).toString();
    return text === "" ? "<none>" : text;
  } catch (error) {
    if (error instanceof StatusError) return "<error>";
    throw error;
  }
}
