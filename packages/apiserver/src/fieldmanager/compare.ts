import { FieldSet } from "./field-set.js";
import { serializePathElement, type PathElement } from "./path-element.js";
import type { ListNode, MapNode, TypeNode } from "./type-node.js";
import { declaredField, childType, isLeafLike, listElementsOf, resolveNode } from "./typed-value.js";
import { isObject, valuesEqual } from "./value.js";

/** The fields that differ between two versions of an object. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * Compares two versions of an object by schema. `undefined` is an absent value. A granular
 * list or map that appears or disappears is reported itself, besides what is inside it.
 * A struct field that Go's zero value already has (see `FieldNode.zeroPresent`) counts as
 * present and empty wherever its parent is present.
 */
export function compareObjects(lhs: unknown, rhs: unknown, type: TypeNode): Comparison {
  const comparison: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareValue(lhs, rhs, type, [], comparison);
  return comparison;
}

function compareLeaf(lhs: unknown, rhs: unknown, path: PathElement[], out: Comparison): void {
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
  else if (!valuesEqual(lhs, rhs)) out.modified.insert(path);
}

function compareValue(lhs: unknown, rhs: unknown, type: TypeNode, path: PathElement[], out: Comparison): void {
  const left = resolveNode(type, lhs);
  const right = resolveNode(type, rhs);
  const node = rhs === undefined ? left : right;
  if (lhs !== undefined && rhs !== undefined && left.kind !== right.kind) {
    compareLeaf(lhs, rhs, path, out);
    return;
  }
  if (isLeafLike(node)) {
    compareLeaf(lhs, rhs, path, out);
    return;
  }
  const empty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0);
  if (empty(lhs) && empty(rhs)) {
    compareLeaf(lhs, rhs, path, out);
    return;
  }
  const whole = node.kind === "list" ? compareLists(asArray(lhs), asArray(rhs), node, path, out) : compareMaps(asObject(lhs), asObject(rhs), node as MapNode, path, out);
  if (!whole) {
    compareLeaf(lhs, rhs, path, out);
    return;
  }
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return isObject(value) ? value : undefined;
}

function compareMaps(lhs: Record<string, unknown> | undefined, rhs: Record<string, unknown> | undefined, node: MapNode, path: PathElement[], out: Comparison): boolean {
  const keys = new Set([...Object.keys(lhs ?? {}), ...Object.keys(rhs ?? {})]);
  for (const key of keys) {
    const type = childType(node, key);
    const left = valueOrZero(lhs, key, node, type);
    const right = valueOrZero(rhs, key, node, type);
    compareValue(left, right, type, [...path, { kind: "field", name: key }], out);
  }
  return true;
}

/** Returns a field's value, or its Go zero value when the parent is present and Go always writes the field. */
export function valueOrZero(parent: Record<string, unknown> | undefined, key: string, node: MapNode, type: TypeNode): unknown {
  if (!parent) return undefined;
  if (Object.hasOwn(parent, key)) return parent[key];
  if (!declaredField(node, key)?.zeroPresent) return undefined;
  return type.kind === "map" ? {} : null;
}

function compareLists(lhs: unknown[], rhs: unknown[], node: ListNode, path: PathElement[], out: Comparison): boolean {
  const leftElements = listElementsOf(node, lhs);
  const rightElements = listElementsOf(node, rhs);
  if (!leftElements || !rightElements) return false;
  const groups = new Map<string, { element: PathElement; left: unknown[]; right: unknown[] }>();
  const group = (element: PathElement) => {
    const id = serializePathElement(element);
    let entry = groups.get(id);
    if (!entry) {
      entry = { element, left: [], right: [] };
      groups.set(id, entry);
    }
    return entry;
  };
  lhs.forEach((item, i) => group(leftElements[i] as PathElement).left.push(item));
  rhs.forEach((item, i) => group(rightElements[i] as PathElement).right.push(item));
  for (const { element, left, right } of groups.values()) {
    const itemPath = [...path, element];
    if (left.length <= 1 && right.length <= 1) {
      compareValue(left[0], right[0], node.element, itemPath, out);
    } else if (left.length >= 2 && right.length >= 2) {
      if (!valuesEqual(left, right)) out.modified.insert(itemPath);
    } else if (left.length >= 2) {
      if (right.length > 0) compareValue(undefined, right[0], node.element, itemPath, out);
      out.removed.insert(itemPath);
    } else {
      if (left.length > 0) compareValue(left[0], undefined, node.element, itemPath, out);
      out.added.insert(itemPath);
    }
  }
  return true;
}
