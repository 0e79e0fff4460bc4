import type { FieldsV1 } from "@apimachinery/meta";
import { FieldSet } from "./field-set.js";
import { comparePathElements, parsePathElement, PathElementError, serializePathElement } from "./path-element.js";
import { isObject } from "./value.js";

/**
 * Writes a field set in the FieldsV1 format as Kubernetes writes it. Each path element is
 * one key, in path-element order (fields, then keys, values and indexes). A member without
 * children is `{}`, and a child that is also a member starts with `".": {}`.
 */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  return writeLevel(set, false);
}

function writeLevel(set: FieldSet, includeSelf: boolean): FieldsV1 {
  const out: FieldsV1 = {};
  if (includeSelf && (set.members.length > 0 || set.children.length > 0)) out["."] = {};
  let m = 0;
  let c = 0;
  const { members, children } = set;
  while (m < members.length || c < children.length) {
    const member = members[m];
    const child = children[c];
    let order: number;
    if (member === undefined) order = 1;
    else if (child === undefined) order = -1;
    else order = comparePathElements(member, child.element);
    if (order < 0 && member !== undefined) {
      out[serializePathElement(member)] = {};
      m++;
    } else if (order > 0 && child !== undefined) {
      out[serializePathElement(child.element)] = writeLevel(child.set, false);
      c++;
    } else if (child !== undefined) {
      out[serializePathElement(child.element)] = writeLevel(child.set, true);
      m++;
      c++;
    }
  }
  return out;
}

/** The reason a FieldsV1 value could not be read. */
export class FieldsV1Error extends Error {
  override name = "FieldsV1Error";
}

/**
 * Reads a FieldsV1 value into a field set. Keys with an unknown prefix are skipped, as
 * Kubernetes skips them. A value that is not an object of objects, or a malformed key,
 * throws FieldsV1Error.
 */
export function fromFieldsV1(fields: unknown): FieldSet {
  if (!isObject(fields)) throw new FieldsV1Error("FieldsV1 must be a JSON object");
  return readLevel(fields).set ?? new FieldSet();
}

function readLevel(fields: Record<string, unknown>): { set: FieldSet | undefined; isMember: boolean } {
  let set: FieldSet | undefined;
  let isMember = false;
  for (const [key, value] of Object.entries(fields)) {
    if (!isObject(value)) throw new FieldsV1Error(`the value of ${JSON.stringify(key)} must be a JSON object`);
    if (key === ".") {
      isMember = true;
      continue;
    }
    let element;
    try {
      element = parsePathElement(key);
    } catch (error) {
      throw new FieldsV1Error(error instanceof PathElementError ? error.message : String(error));
    }
    if (!element) continue;
    const child = readLevel(value);
    set ??= new FieldSet();
    if (child.isMember) set.addMember(element);
    if (child.set) {
      const target = set.descend(element);
      const merged = target.union(child.set);
      target.members.splice(0, target.members.length, ...merged.members);
      target.children.splice(0, target.children.length, ...merged.children);
    }
  }
  return { set, isMember: isMember || set === undefined };
}
