import { FieldSet } from "./field-set.js";
import { comparePathElements, type PathElement } from "./path-element.js";
import type { TypeNode } from "./type-node.js";
import { childType, declaredField, listElementsOf, resolveNode } from "./typed-value.js";
import { isObject } from "./value.js";

/**
 * Returns the fields that a value sets, as Kubernetes counts them for an applied
 * configuration: every leaf, every atomic list or map, every element of an associative
 * list, every null or empty map, and every map key that is not a declared struct field.
 * A struct field that contains a non-empty struct counts only through what is inside it.
 */
export function toFieldSet(value: unknown, type: TypeNode): FieldSet {
  const set = new FieldSet();
  collect(value, type, [], set);
  return set;
}

function collect(value: unknown, type: TypeNode, path: PathElement[], set: FieldSet): void {
  const node = resolveNode(type, value);
  if (node.kind === "leaf" || node.atomic) {
    set.insert(path);
    return;
  }
  if (node.kind === "list") {
    if (!Array.isArray(value)) return;
    const elements = listElementsOf(node, value);
    if (!elements) {
      set.insert(path);
      return;
    }
    const duplicates = findDuplicates(elements);
    for (const element of duplicates) set.insert([...path, element]);
    value.forEach((item, i) => {
      const element = elements[i] as PathElement;
      if (duplicates.some((duplicate) => comparePathElements(duplicate, element) === 0)) return;
      const itemPath = [...path, element];
      collect(item, node.element, itemPath, set);
      set.insert(itemPath);
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, { kind: "field", name: key } as const];
    collect(child, childType(node, key), childPath, set);
    if (child === null || (isObject(child) && Object.keys(child).length === 0) || !declaredField(node, key)) set.insert(childPath);
  }
}

/** Returns the path elements that occur more than once, once each. */
export function findDuplicates(elements: readonly PathElement[]): PathElement[] {
  const sorted = [...elements].sort(comparePathElements);
  const out: PathElement[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as PathElement;
    const current = sorted[i] as PathElement;
    if (comparePathElements(previous, current) === 0 && (out.length === 0 || comparePathElements(out[out.length - 1] as PathElement, current) !== 0)) out.push(current);
  }
  return out;
}
