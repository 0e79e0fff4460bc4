import { pathElementsEqual, serializePathElement, type PathElement } from "./path-element.js";
import type { ListNode, MapNode, TypeNode } from "./type-node.js";
import { childType, isLeafLike, listElementsOf, resolveNode } from "./typed-value.js";
import { isObject } from "./value.js";

/**
 * Merges an applied configuration (`rhs`) into a live object (`lhs`) by schema. Leaves,
 * atomic lists and atomic maps take the configuration's value. Granular maps merge key by
 * key, and associative lists element by element, matched by key or value. `undefined` is
 * an absent value.
 */
export function mergeObjects(lhs: unknown, rhs: unknown, type: TypeNode): unknown {
  if (lhs === undefined) return rhs;
  if (rhs === undefined) return lhs;
  const left = resolveNode(type, lhs);
  const right = resolveNode(type, rhs);
  if (left.kind !== right.kind || isLeafLike(right)) return rhs;
  if (right.kind === "list") {
    const leftItems = Array.isArray(lhs) ? lhs : [];
    const rightItems = Array.isArray(rhs) ? rhs : [];
    if (leftItems.length === 0 && rightItems.length === 0) return rhs;
    return mergeLists(leftItems, rightItems, right) ?? rhs;
  }
  const leftMap = isObject(lhs) ? lhs : {};
  const rightMap = isObject(rhs) ? rhs : {};
  if (Object.keys(leftMap).length === 0 && Object.keys(rightMap).length === 0) return rhs;
  return mergeMaps(leftMap, rightMap, right as MapNode);
}

function mergeMaps(lhs: Record<string, unknown>, rhs: Record<string, unknown>, node: MapNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(lhs)) out[key] = Object.hasOwn(rhs, key) ? mergeObjects(value, rhs[key], childType(node, key)) : value;
  for (const [key, value] of Object.entries(rhs)) if (!Object.hasOwn(lhs, key)) out[key] = value;
  return out;
}

/**
 * Merges two associative lists as Kubernetes orders them. Elements of both keep the
 * configuration's order, and elements only in the live list stay where they were
 * relative to the shared ones.
 */
function mergeLists(lhs: unknown[], rhs: unknown[], node: ListNode): unknown[] | undefined {
  const leftElements = listElementsOf(node, lhs);
  const rightElements = listElementsOf(node, rhs);
  if (!leftElements || !rightElements) return undefined;
  const id = serializePathElement;
  const leftById = new Map<string, unknown>();
  for (let i = 0; i < lhs.length; i++) {
    const key = id(leftElements[i] as PathElement);
    // A live list may hold duplicates; they are not merged with the configuration.
    leftById.set(key, leftById.has(key) ? null : lhs[i]);
  }
  const rightById = new Map<string, unknown>();
  rhs.forEach((item, i) => rightById.set(id(rightElements[i] as PathElement), item));
  const shared = rightElements.filter((element) => leftById.has(id(element)));
  let nextShared = shared.shift();
  const mergedRight = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (key: string) => {
    const merged = mergeObjects(leftById.has(key) ? leftById.get(key) : undefined, rightById.get(key), node.element);
    if (merged !== undefined) out.push(merged);
  };
  let l = 0;
  let r = 0;
  while (l < lhs.length || r < rhs.length) {
    if (l < lhs.length && r < rhs.length) {
      const element = leftElements[l] as PathElement;
      if (pathElementsEqual(element, rightElements[r] as PathElement)) {
        mergedRight.add(id(element));
        mergeItem(id(element));
        l++;
        r++;
        nextShared = shared.shift();
        continue;
      }
      if (rightById.has(id(element)) && nextShared !== undefined && !pathElementsEqual(nextShared, element)) {
        l++;
        continue;
      }
    }
    if (l < lhs.length) {
      const key = id(leftElements[l] as PathElement);
      if (!rightById.has(key)) {
        out.push(lhs[l]);
        l++;
        continue;
      } else if (mergedRight.has(key)) {
        l++;
      }
    }
    if (r < rhs.length) {
      const element = rightElements[r] as PathElement;
      const key = id(element);
      mergedRight.add(key);
      mergeItem(key);
      r++;
      if (nextShared !== undefined && pathElementsEqual(nextShared, element)) nextShared = shared.shift();
    }
  }
  return out;
}

/**
 * Returns a value without the struct fields that are null, as decoding into a typed Go
 * object drops them. Map values and list elements stay as they are.
 */
export function dropNullFields(value: unknown, type: TypeNode): unknown {
  const node = resolveNode(type, value);
  if (node.kind === "leaf" || node.atomic) return value;
  if (node.kind === "list") {
    if (!Array.isArray(value)) return value;
    return value.map((item) => dropNullFields(item, node.element));
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null && node.fields?.has(key)) continue;
    out[key] = dropNullFields(child, childType(node, key));
  }
  return out;
}
