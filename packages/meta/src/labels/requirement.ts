import { StatusError } from "../status-error.js";
import { isQualifiedName, isValidLabelValue } from "../name-validation.js";

/** The operators of a label selector requirement, spelled as Go's `selection.Operator`. */
export type SelectionOperator = "in" | "notin" | "=" | "==" | "!=" | "exists" | "!" | "gt" | "lt";

/** All operators, in the order that error messages list them. */
export const SELECTION_OPERATORS: readonly SelectionOperator[] = ["in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"];

/** One condition of a label selector: a key, an operator and the values it compares with. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  /** The values; sorted and without duplicates when parsed from a string. */
  readonly values: readonly string[];
}

/** The labels of an object, as a selector reads them. */
export type Labels = Readonly<Record<string, string>>;

const int64Pattern = /^[+-]?\d+$/;
const maxInt64 = (1n << 63n) - 1n;

/** Parses a base-10 int64 as Go's `strconv.ParseInt(value, 10, 64)`; `undefined` when invalid. */
export function parseInt64(value: string): bigint | undefined {
  if (!int64Pattern.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed > maxInt64 || parsed < -maxInt64 - 1n ? undefined : parsed;
}

function invalid(field: string, value: unknown, detail: string): string {
  return `${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

/** Returns the message of an invalid label key, or `undefined` when the key is valid. */
export function labelKeyError(key: string, field = "key"): string | undefined {
  const errors = isQualifiedName(key);
  return errors.length === 0 ? undefined : invalid(field, key, errors.join("; "));
}

/** Joins error messages as Go's aggregate error does: one as it is, several in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(", ")}]`;
}

function operatorErrors(operator: string, values: readonly string[]): string[] {
  switch (operator) {
    case "in":
    case "notin":
      return values.length === 0 ? [invalid("values", values, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case "=":
    case "==":
    case "!=":
      return values.length !== 1 ? [invalid("values", values, "exact-match compatibility requires one single value")] : [];
    case "exists":
    case "!":
      return values.length !== 0 ? [invalid("values", values, "values set must be empty for exists and does not exist")] : [];
    case "gt":
    case "lt": {
      const errors = values.length !== 1 ? [invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required")] : [];
      values.forEach((value, index) => {
        if (parseInt64(value) === undefined) errors.push(invalid(`values[${index}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      return errors;
    }
    default: {
      const supported = SELECTION_OPERATORS.map((op) => JSON.stringify(op)).join(", ");
      return [`operator: Unsupported value: ${JSON.stringify(operator)}: supported values: ${supported}`];
    }
  }
}

/**
 * Builds a validated requirement, as Go's `labels.NewRequirement` does. The key must be a
 * qualified name and each value a valid label value. The number of values must fit the
 * operator: at least one for `in`/`notin`, exactly one for `=`/`==`/`!=`, none for the
 * exists operators, and one integer for `gt`/`lt`.
 *
 * @throws StatusError (BadRequest) with every problem found.
 */
export function newLabelRequirement(key: string, operator: SelectionOperator, values: readonly string[] = []): LabelRequirement {
  const errors: string[] = [];
  const keyError = labelKeyError(key);
  if (keyError !== undefined) errors.push(keyError);
  errors.push(...operatorErrors(operator, values));
  values.forEach((value, index) => {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) errors.push(invalid(`values[${index}][${key}]`, value, valueErrors.join("; ")));
  });
  if (errors.length > 0) throw StatusError.badRequest(aggregateMessage(errors));
  return { key, operator, values: [...values] };
}

/** Reports whether the labels satisfy one requirement. */
export function matchesRequirement(requirement: LabelRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case "in":
    case "=":
    case "==":
      return value !== undefined && requirement.values.includes(value);
    case "notin":
    case "!=":
      return value === undefined || !requirement.values.includes(value);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (value === undefined || requirement.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(requirement.values[0]!);
      if (actual === undefined || bound === undefined) return false;
      return requirement.operator === "gt" ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

const operatorText: Readonly<Record<SelectionOperator, string>> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  gt: ">",
  lt: "<",
  exists: "",
  "!": "",
};

/** Formats a requirement as Go's `Requirement.String()`: `!key`, `key`, `key=v`, `key in (a,b)`, `key>5`. */
export function formatRequirement(requirement: LabelRequirement): string {
  const { key, operator, values } = requirement;
  if (operator === "exists") return key;
  if (operator === "!") return `!${key}`;
  const joined = values.length === 1 ? values[0]! : [...values].sort(compareStrings).join(",");
  const list = operator === "in" || operator === "notin" ? `(${joined})` : joined;
  return `${key}${operatorText[operator]}${list}`;
}

/** Orders strings by UTF-16 code units, which is byte order for the ASCII of label keys and values. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

