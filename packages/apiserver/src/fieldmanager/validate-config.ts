import { pathElementToString, type PathElement } from "./path-element.js";
import { findDuplicates } from "./to-field-set.js";
import type { TypeNode } from "./type-node.js";
import { childType, listElementOf, ListElementError, resolveNode } from "./typed-value.js";
import { isObject } from "./value.js";

/**
 * Checks that an applied configuration can be owned field by field: every element of an
 * associative list has its key (or is a scalar, for a set) and no key occurs twice.
 * Returns the problems as Kubernetes words them, each prefixed with its field path.
 * NOTE: scalar types are not checked here, although Kubernetes also rejects a string where
 * the schema has a number. A value of the wrong shape is owned as one leaf instead.
 */
export function validateAppliedConfig(config: unknown, type: TypeNode): string[] {
  const errors: string[] = [];
  visit(config, type, "", errors);
  return errors;
}

function visit(value: unknown, type: TypeNode, path: string, errors: string[]): void {
  const node = resolveNode(type, value);
  if (node.kind === "leaf" || node.atomic) return;
  if (node.kind === "map") {
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) visit(child, childType(node, key), `${path}.${key}`, errors);
    return;
  }
  if (!Array.isArray(value)) return;
  const elements: PathElement[] = [];
  value.forEach((item, i) => {
    try {
      const element = listElementOf(node, item);
      elements.push(element);
      visit(item, node.element, path + pathElementToString(element), errors);
    } catch (error) {
      if (!(error instanceof ListElementError)) throw error;
      errors.push(`${path}: element ${i}: ${error.message}`);
    }
  });
  for (const duplicate of findDuplicates(elements)) errors.push(`${path}: duplicate entries for key ${pathElementToString(duplicate)}`);
}
