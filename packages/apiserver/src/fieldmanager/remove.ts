import type { FieldSet } from "./field-set.js";
import type { PathElement } from "./path-element.js";
import type { TypeNode } from "./type-node.js";
import { childType, listElementsOf, resolveNode } from "./typed-value.js";
import { isObject } from "./value.js";

/**
 * Returns a copy of a value without the members of `toRemove`: a member path drops the
 * field or list element with everything below it, and a deeper path descends. Returns
 * undefined where nothing is left: an empty or atomic list or map under a removed prefix,
 * as Kubernetes leaves them. A field whose value ends up undefined is dropped, as decoding
 * into a typed object drops a null.
 */
export function removeItems(value: unknown, toRemove: FieldSet, type: TypeNode): unknown {
  const node = resolveNode(type, value);
  if (node.kind === "leaf") return value;
  if (node.atomic) return undefined;
  if (node.kind === "list") {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const elements = listElementsOf(node, value);
    if (!elements) return value;
    const items: unknown[] = [];
    value.forEach((item, i) => {
      const element = elements[i] as PathElement;
      if (toRemove.hasMember(element)) return;
      const below = toRemove.child(element);
      const kept = below && !below.isEmpty() ? removeItems(item, below, node.element) : item;
      if (kept !== undefined) items.push(kept);
    });
    return items.length > 0 ? items : undefined;
  }
  if (!isObject(value) || Object.keys(value).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const element: PathElement = { kind: "field", name: key };
    if (toRemove.hasMember(element)) continue;
    const below = toRemove.child(element);
    const kept = below && !below.isEmpty() ? removeItems(child, below, childType(node, key)) : child;
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
