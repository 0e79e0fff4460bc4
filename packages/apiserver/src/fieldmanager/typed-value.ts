import { keyElement, type KeyField, type PathElement } from "./path-element.js";
import { deducedNode, type FieldNode, type ListNode, type MapNode, type TypeNode, untypedNode } from "./type-node.js";
import { isObject, isScalar } from "./value.js";

/** The shape a value takes under its type node: a leaf, a list or a map. */
export type ResolvedNode = { readonly kind: "leaf" } | ListNode | MapNode;

const leaf: ResolvedNode = { kind: "leaf" };
const deducedList: ListNode = { kind: "list", atomic: true, element: untypedNode };
const deducedMap: MapNode = { kind: "map", atomic: false, fields: undefined, element: deducedNode };

/**
 * Resolves a type node against a value. A value whose shape does not fit its type (a
 * string where the schema has a struct) is treated as a leaf, so that it is owned and
 * replaced as a whole.
 */
export function resolveNode(node: TypeNode, value: unknown): ResolvedNode {
  switch (node.kind) {
    case "scalar":
    case "untyped":
      return leaf;
    case "deduced":
      if (Array.isArray(value)) return deducedList;
      return isObject(value) ? deducedMap : leaf;
    case "list":
      return value === null || value === undefined || Array.isArray(value) ? node : leaf;
    case "map":
      return value === null || value === undefined || isObject(value) ? node : leaf;
  }
}

/** Reports whether a resolved node is owned and replaced as one value. */
export function isLeafLike(node: ResolvedNode): boolean {
  return node.kind === "leaf" || node.atomic;
}

/** Returns the declared field of a struct, or undefined for a map key or an undeclared field. */
export function declaredField(node: MapNode, key: string): FieldNode | undefined {
  return node.fields?.get(key);
}

/** Returns the type of the value under a key of a map or struct. */
export function childType(node: MapNode, key: string): TypeNode {
  return node.fields?.get(key)?.type ?? node.element;
}

/** The reason a list element has no path element. */
export class ListElementError extends Error {
  override name = "ListElementError";
}

/**
 * Returns the path element that identifies an element of an associative list: its key
 * fields for a map list, its value for a set. Throws ListElementError, worded as Kubernetes
 * words it, for an element that cannot be identified.
 */
export function listElementOf(list: ListNode, item: unknown): PathElement {
  if (list.keys !== undefined) {
    if (item === null) throw new ListElementError("associative list with keys may not have a null element");
    if (!isObject(item)) throw new ListElementError("associative list with keys may not have non-map elements");
    const fields: KeyField[] = [];
    for (const name of list.keys) {
      if (Object.hasOwn(item, name)) fields.push({ name, value: item[name] });
      else if (list.keyDefaults && Object.hasOwn(list.keyDefaults, name)) fields.push({ name, value: list.keyDefaults[name] });
    }
    if (list.keys.length > 0 && fields.length === 0) {
      throw new ListElementError(
        `associative list with keys has an element that omits all key fields ${JSON.stringify(list.keys)} (and doesn't have default values for any key fields)`,
      );
    }
    return keyElement(fields);
  }
  if (isObject(item)) throw new ListElementError("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new ListElementError("not supported: associative list with lists as elements");
  if (item === null || !isScalar(item)) throw new ListElementError("associative list without keys has an element that's an explicit null");
  return { kind: "value", value: item };
}

/**
 * Returns the path element of every element of an associative list. Returns undefined
 * when one of them has none, so that the caller treats the list as one leaf.
 */
export function listElementsOf(list: ListNode, items: readonly unknown[]): PathElement[] | undefined {
  const out: PathElement[] = [];
  for (const item of items) {
    try {
      out.push(listElementOf(list, item));
    } catch (error) {
      if (error instanceof ListElementError) return undefined;
      throw error;
    }
  }
  return out;
}
