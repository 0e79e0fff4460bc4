import { comparePathElements, type FieldPath, type PathElement } from "./path-element.js";

/** A child set under one path element. */
interface ChildNode {
  readonly element: PathElement;
  readonly set: FieldSet;
}

function search<T>(items: readonly T[], element: PathElement, elementOf: (item: T) => PathElement): { index: number; found: boolean } {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = comparePathElements(elementOf(items[middle] as T), element);
    if (order === 0) return { index: middle, found: true };
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return { index: low, found: false };
}

const identity = (element: PathElement) => element;
const nodeElement = (node: ChildNode) => node.element;

/**
 * A set of field paths as a trie: `members` are the paths that end at this level, and
 * `children` hold the paths that go deeper. A path element may be both a member and a
 * child, which FieldsV1 writes as `".": {}` inside the child. Both lists stay sorted.
 */
export class FieldSet {
  readonly members: PathElement[];
  readonly children: ChildNode[];

  constructor(members: PathElement[] = [], children: ChildNode[] = []) {
    this.members = members;
    this.children = children;
  }

  /** Returns a set of the given paths. */
  static of(...paths: FieldPath[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Adds a path in place; an empty path adds nothing. */
  insert(path: FieldPath): void {
    if (path.length === 0) return;
    let set: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) set = set.descend(path[i] as PathElement);
    set.addMember(path[path.length - 1] as PathElement);
  }

  /** Adds a member at this level in place. */
  addMember(element: PathElement): void {
    const { index, found } = search(this.members, element, identity);
    if (!found) this.members.splice(index, 0, element);
  }

  /** Returns the child set under an element, creating it when absent. */
  descend(element: PathElement): FieldSet {
    const { index, found } = search(this.children, element, nodeElement);
    if (found) return (this.children[index] as ChildNode).set;
    const set = new FieldSet();
    this.children.splice(index, 0, { element, set });
    return set;
  }

  /** Reports whether an element is a member at this level. */
  hasMember(element: PathElement): boolean {
    return search(this.members, element, identity).found;
  }

  /** Reports whether the set contains the path as a member. */
  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    let set: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && set; i++) set = set.child(path[i] as PathElement);
    return set?.hasMember(path[path.length - 1] as PathElement) ?? false;
  }

  /** Returns the child set under an element, or undefined. */
  child(element: PathElement): FieldSet | undefined {
    const { index, found } = search(this.children, element, nodeElement);
    return found ? (this.children[index] as ChildNode).set : undefined;
  }

  /** Returns the paths under an element, relative to it; an empty set when there are none. */
  withPrefix(element: PathElement): FieldSet {
    return this.child(element) ?? new FieldSet();
  }

  /** Reports whether the set has no member at any level. */
  isEmpty(): boolean {
    return this.members.length === 0 && this.children.every((node) => node.set.isEmpty());
  }

  /** Returns the paths in either set. */
  union(other: FieldSet): FieldSet {
    return new FieldSet(mergeSorted(this.members, other.members, identity, (a) => a), unionChildren(this.children, other.children));
  }

  /** Returns the paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    const members = this.members.filter((element) => other.hasMember(element));
    const children: ChildNode[] = [];
    for (const node of this.children) {
      const otherSet = other.child(node.element);
      if (!otherSet) continue;
      const set = node.set.intersection(otherSet);
      if (!set.isEmpty()) children.push({ element: node.element, set });
    }
    return new FieldSet(members, children);
  }

  /** Returns the paths of this set that are not in the other; a member removes only itself, not what is below it. */
  difference(other: FieldSet): FieldSet {
    const members = this.members.filter((element) => !other.hasMember(element));
    const children: ChildNode[] = [];
    for (const node of this.children) {
      const otherSet = other.child(node.element);
      if (!otherSet) {
        children.push(node);
        continue;
      }
      const set = node.set.difference(otherSet);
      if (!set.isEmpty()) children.push({ element: node.element, set });
    }
    return new FieldSet(members, children);
  }

  /** Returns the paths of this set that are neither in the other nor below one of its members. */
  recursiveDifference(other: FieldSet): FieldSet {
    const members = this.members.filter((element) => !other.hasMember(element));
    const children: ChildNode[] = [];
    for (const node of this.children) {
      if (other.hasMember(node.element)) continue;
      const otherSet = other.child(node.element);
      if (!otherSet) {
        children.push(node);
        continue;
      }
      const set = node.set.recursiveDifference(otherSet);
      if (!set.isEmpty()) children.push({ element: node.element, set });
    }
    return new FieldSet(members, children);
  }

  /** Reports whether both sets hold the same paths. */
  equals(other: FieldSet): boolean {
    if (this.members.length !== other.members.length || this.children.length !== other.children.length) return false;
    if (this.members.some((element, i) => comparePathElements(element, other.members[i] as PathElement) !== 0)) return false;
    return this.children.every((node, i) => {
      const otherNode = other.children[i] as ChildNode;
      return comparePathElements(node.element, otherNode.element) === 0 && node.set.equals(otherNode.set);
    });
  }

  /** Calls `visit` with every member path: this level's members first, then each child's, in order. */
  forEach(visit: (path: FieldPath) => void, prefix: PathElement[] = []): void {
    for (const element of this.members) visit([...prefix, element]);
    for (const node of this.children) node.set.forEach(visit, [...prefix, node.element]);
  }

  /** Returns every member path in order. */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    this.forEach((path) => out.push(path));
    return out;
  }
}

function mergeSorted<T>(left: readonly T[], right: readonly T[], elementOf: (item: T) => PathElement, combine: (a: T, b: T) => T): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left[i] as T;
    const b = right[j] as T;
    const order = comparePathElements(elementOf(a), elementOf(b));
    if (order < 0) {
      out.push(a);
      i++;
    } else if (order > 0) {
      out.push(b);
      j++;
    } else {
      out.push(combine(a, b));
      i++;
      j++;
    }
  }
  return out.concat(left.slice(i), right.slice(j));
}

function unionChildren(left: readonly ChildNode[], right: readonly ChildNode[]): ChildNode[] {
  return mergeSorted(left, right, nodeElement, (a, b) => ({ element: a.element, set: a.set.union(b.set) }));
}
