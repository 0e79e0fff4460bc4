import { SchemaRegistry } from "@apimachinery/runtime";
import { allKindSchemas, allMessageSchemas } from "./gen/all.js";

export { allKindSchemas, allMessageSchemas };

// TODO: export addToScheme(scheme), for all group versions and per group version, once
// @apimachinery/runtime has a Scheme; until then only a SchemaRegistry can be filled.

/**
 * Adds the message schemas of every built-in group version to `registry` (a new one when
 * omitted) and returns it.
 */
export function builtinSchemas(registry: SchemaRegistry = new SchemaRegistry()): SchemaRegistry {
  return registry.add(allMessageSchemas);
}
