import { pathElementToString, type PathElement } from "./path-element.js";
import { findDuplicates } from "./to-field-set.js";
import type { TypeNode } from "./type-node.js";
import { childType, listElementOf, ListElementError, resolveNode } from "./typed-value.js";
import { isObject, valueToString } from "./value.js";

/**
 * Checks that an applied configuration can be owned field by field. Every element of an
 * associative list has its key (or is a scalar, for a set) and no key occurs twice.
 * Returns the problems as Kubernetes words them, each prefixed with its field path.
 * A struct, map or list of the schema must get a value of that shape, and a struct of a
 * built-in kind only its declared fields.
 * NOTE: scalar types are not checked here, although Kubernetes also rejects a string where
 * the schema has a number.
 */
export function validateAppliedConfig(config: unknown, type: TypeNode): string[] {
  const errors: string[] = [];
  visit(config, type, "", errors);
  return errors;
}

function visit(value: unknown, type: TypeNode, path: string, errors: string[]): void {
  if (type.kind === "map" && value !== null && !isObject(value)) {
    errors.push(`${path}: expected map, got ${valueToString(value)}`);
    return;
  }
  if (type.kind === "list" && value !== null && !Array.isArray(value)) {
    errors.push(`${path}: expected list, got ${valueToString(value)}`);
    return;
  }
  const node = resolveNode(type, value);
  if (node.kind === "leaf" || node.atomic) return;
  if (node.kind === "map") {
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (node.closed && !node.fields?.has(key)) errors.push(`${path}.${key}: field not declared in schema`);
      else visit(child, childType(node, key), `${path}.${key}`, errors);
    }
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
