import { SchemaRegistry } from "@apimachinery/runtime";
import { allKindSchemas, allMessageSchemas } from "./gen/all.js";

export { allKindSchemas, allMessageSchemas };

/**
 * Adds the message schemas of every built-in group version to `registry` (a new one when
 * omitted) and returns it.
 */
export function builtinSchemas(registry: SchemaRegistry = new SchemaRegistry()): SchemaRegistry {
  return registry.add(allMessageSchemas);
}
