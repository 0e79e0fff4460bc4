import { isQualifiedName, isValidLabelValue, labelSelectorAsSelector, validateLabels, type LabelSelector, type StatusCause } from "@apimachinery/meta";
import { arrayField, isPlainObject, objectItems, stringField, stringMapField, type PlainObject } from "../defaults/object-fields.js";
import { childPath, forbidden, indexPath, invalid, required } from "./field-errors.js";

/** Validates a LabelSelector's keys, values and operators, as Go's `ValidateLabelSelector` does. */
export function validateLabelSelector(selector: PlainObject, path: string): StatusCause[] {
  const causes = validateLabels(stringMapField(selector, "matchLabels"), childPath(path, "matchLabels"));
  objectItems(selector, "matchExpressions").forEach((expression, index) => {
    const itemPath = indexPath(childPath(path, "matchExpressions"), index);
    const operator = stringField(expression, "operator");
    const values = arrayField(expression, "values");
    if (operator === "In" || operator === "NotIn") {
      if (values.length === 0) causes.push(required(childPath(itemPath, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (values.length > 0) causes.push(forbidden(childPath(itemPath, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      causes.push(invalid(childPath(itemPath, "operator"), operator, "not a valid selector operator"));
    }
    const key = stringField(expression, "key");
    for (const message of isQualifiedName(key)) causes.push(invalid(childPath(itemPath, "key"), key, message));
    values.forEach((value, valueIndex) => {
      const text = typeof value === "string" ? value : "";
      for (const message of isValidLabelValue(text)) causes.push(invalid(indexPath(childPath(itemPath, "values"), valueIndex), text, message));
    });
  });
  return causes;
}

/**
 * Reports whether a selector matches a label set, as the workload validations check a
 * template against their selector. An absent selector matches nothing, and an empty one
 * matches everything. Returns undefined when the selector cannot be parsed.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean | undefined {
  try {
    const parsed = labelSelectorAsSelector(isPlainObject(selector) ? (selector as LabelSelector) : undefined);
    return parsed.matches(labels);
  } catch {
    return undefined;
  }
}

/** Reports whether a selector has no matchLabels and no matchExpressions. */
export function isEmptySelector(selector: PlainObject): boolean {
  return Object.keys(stringMapField(selector, "matchLabels")).length + arrayField(selector, "matchExpressions").length === 0;
}
