/** A JSON object of a document. */
export type Json = Record<string, unknown>;

/** Calls `visit` with every object nested in `value` and its JSON pointer-like path. */
export function walkObjects(value: unknown, visit: (object: Json, path: string) => void, path = ""): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkObjects(item, visit, `${path}/${index}`));
    return;
  }
  if (value === null || typeof value !== "object") return;
  visit(value as Json, path);
  for (const [key, inner] of Object.entries(value)) walkObjects(inner, visit, `${path}/${key}`);
}

/** Returns every `$ref` in a document with the path where it sits. */
export function refsOf(document: unknown): { ref: string; path: string }[] {
  const refs: { ref: string; path: string }[] = [];
  walkObjects(document, (object, path) => {
    if (typeof object["$ref"] === "string") refs.push({ ref: object["$ref"], path });
  });
  return refs;
}

/** Reads a nested object by keys, failing the test with the missing key. */
export function at(value: unknown, ...keys: string[]): Json {
  let current: unknown = value;
  for (const key of keys) {
    if (current === null || typeof current !== "object") throw new Error(`no object at ${keys.join(".")} (stopped before ${key})`);
    current = (current as Json)[key];
  }
  if (current === null || typeof current !== "object") throw new Error(`no object at ${keys.join(".")}`);
  return current as Json;
}
