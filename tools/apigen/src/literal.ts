/** A value that `printLiteral` can write as TypeScript source. */
export type Literal = string | number | boolean | readonly Literal[] | { readonly [key: string]: Literal | undefined };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Returns `name` as a property key: bare when it is an identifier, quoted otherwise (`"$ref"`, `"x-kubernetes-map-type"`). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** Writes a value as a one-line TypeScript literal; object keys keep their insertion order and undefined values are left out. */
export function printLiteral(value: Literal): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isArray(value)) return `[${value.map(printLiteral).join(", ")}]`;
  const entries = Object.entries(value).filter((entry): entry is [string, Literal] => entry[1] !== undefined);
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([key, item]) => `${propertyKey(key)}: ${printLiteral(item)}`).join(", ")} }`;
}

function isArray(value: Literal): value is readonly Literal[] {
  return Array.isArray(value);
}
