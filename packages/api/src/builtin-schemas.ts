import { SchemaRegistry, type Scheme } from "@apimachinery/runtime";
import { allKindSchemas, allMessageSchemas } from "./gen/all.js";
import { groupVersionInstallers } from "./gen/installers.js";

export { allKindSchemas, allMessageSchemas, groupVersionInstallers };

/**
 * Adds the message schemas of every built-in group version to `registry` (a new one when
 * omitted) and returns it.
 */
export function builtinSchemas(registry: SchemaRegistry = new SchemaRegistry()): SchemaRegistry {
  return registry.add(allMessageSchemas);
}

/**
 * Registers every built-in group version into a Scheme, with the message schemas of its
 * kinds, and returns the scheme. Import `addToScheme` from a subpath
 * (`@apimachinery/api/apps/v1`) to register one group version and load only its tables.
 */
export function addToScheme(scheme: Scheme): Scheme {
  for (const installer of groupVersionInstallers) installer.addToScheme(scheme);
  return scheme;
}
