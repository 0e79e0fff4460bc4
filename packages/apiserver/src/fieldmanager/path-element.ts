import { compareNumbers, compareStrings, compareValues, goJson, goJsonString, isObject, isScalar, valueToString, valuesEqual } from "./value.js";

/** One field of a key that selects an element of a map list, such as `name: "nginx"`. */
export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

/**
 * One step of a field path. It selects a field of a map or struct (`f:`), the element of
 * a map list with the given key fields sorted by name (`k:`), the element of a set list
 * with the given value (`v:`), or an index into a list (`i:`).
 */
export type PathElement =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "key"; readonly fields: readonly KeyField[] }
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "index"; readonly index: number };

/** A field path from the root of an object. */
export type FieldPath = readonly PathElement[];

const kindRank = { field: 0, key: 1, value: 2, index: 3 } as const;

/** Returns the path element of a field name. */
export function fieldElement(name: string): PathElement {
  return { kind: "field", name };
}

/** Returns the path element of a map-list key; the fields are sorted by name. */
export function keyElement(fields: readonly KeyField[]): PathElement {
  return { kind: "key", fields: [...fields].sort((a, b) => compareStrings(a.name, b.name)) };
}

/** Compares two path elements: fields first, then keys, values and indexes, each in its own order. */
export function comparePathElements(left: PathElement, right: PathElement): number {
  if (left.kind !== right.kind) return kindRank[left.kind] < kindRank[right.kind] ? -1 : 1;
  switch (left.kind) {
    case "field":
      return compareStrings(left.name, (right as typeof left).name);
    case "key":
      return compareKeys(left.fields, (right as typeof left).fields);
    case "value":
      return compareValues(left.value, (right as typeof left).value);
    case "index": {
      const other = (right as typeof left).index;
      return compareNumbers(left.index, other);
    }
  }
}

function compareKeys(left: readonly KeyField[], right: readonly KeyField[]): number {
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const a = left[i] as KeyField;
    const b = right[i] as KeyField;
    const order = compareStrings(a.name, b.name) || compareValues(a.value, b.value);
    if (order !== 0) return order;
  }
  return compareNumbers(left.length, right.length);
}

/** Reports whether two path elements select the same child. */
export function pathElementsEqual(left: PathElement, right: PathElement): boolean {
  if (left.kind !== right.kind) return false;
  switch (left.kind) {
    case "field":
      return left.name === (right as typeof left).name;
    case "key": {
      const other = (right as typeof left).fields;
      return left.fields.length === other.length && left.fields.every((field, i) => field.name === other[i]?.name && valuesEqual(field.value, other[i]?.value));
    }
    case "value":
      return valuesEqual(left.value, (right as typeof left).value);
    case "index":
      return left.index === (right as typeof left).index;
  }
}

/** Writes a path element as a FieldsV1 key: `f:name`, `k:{"name":"a"}`, `v:"x"` or `i:0`. */
export function serializePathElement(element: PathElement): string {
  switch (element.kind) {
    case "field":
      return `f:${element.name}`;
    case "key":
      return `k:{${element.fields.map((field) => `${goJsonString(field.name)}:${goJson(field.value)}`).join(",")}}`;
    case "value":
      return `v:${goJson(element.value)}`;
    case "index":
      return `i:${element.index}`;
  }
}

/** The reason a FieldsV1 key could not be read. */
export class PathElementError extends Error {
  override name = "PathElementError";
}

/**
 * Reads a FieldsV1 key. Returns undefined for a key with an unknown one-letter prefix,
 * which Kubernetes skips so that a later format stays readable. Throws PathElementError
 * for a malformed key.
 */
export function parsePathElement(text: string): PathElement | undefined {
  if (text.length < 2) throw new PathElementError(`key must be 2 characters long: ${JSON.stringify(text)}`);
  if (text[1] !== ":") throw new PathElementError(`missing colon: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case "f":
      return { kind: "field", name: body };
    case "v":
      return { kind: "value", value: parseJson(body, text) };
    case "k": {
      const parsed = parseJson(body, text);
      if (!isObject(parsed)) throw new PathElementError(`key ${text} is not a JSON object`);
      return keyElement(Object.entries(parsed).map(([name, value]) => ({ name, value })));
    }
    case "i": {
      if (!/^[+-]?[0-9]+$/.test(body)) throw new PathElementError(`invalid index in ${text}`);
      return { kind: "index", index: Number.parseInt(body, 10) };
    }
    default:
      return undefined;
  }
}

function parseJson(body: string, text: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PathElementError(`invalid JSON in ${text}`);
  }
}

/** Writes a path element as Kubernetes prints it in messages: `.name`, `[name="a"]`, `[="x"]`, `[0]`. */
export function pathElementToString(element: PathElement): string {
  switch (element.kind) {
    case "field":
      return `.${element.name}`;
    case "key":
      return `[${element.fields.map((field) => `${field.name}=${valueToString(field.value)}`).join(",")}]`;
    case "value":
      return `[=${valueToString(element.value)}]`;
    case "index":
      return `[${element.index}]`;
  }
}

/** Writes a field path as Kubernetes prints it: `.spec.containers[name="nginx"].image`. */
export function pathToString(path: FieldPath): string {
  return path.map(pathElementToString).join("");
}

/** Compares two paths element by element; a prefix sorts first. */
export function comparePaths(left: FieldPath, right: FieldPath): number {
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const order = comparePathElements(left[i] as PathElement, right[i] as PathElement);
    if (order !== 0) return order;
  }
  return compareNumbers(left.length, right.length);
}

/** Reports whether a value may be an element of a set list: a scalar. */
export function isSetElement(value: unknown): boolean {
  return isScalar(value);
}
