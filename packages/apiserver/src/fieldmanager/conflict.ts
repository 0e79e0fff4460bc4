import { StatusError, type StatusCause } from "@apimachinery/meta";
import { parseManagerIdentifier } from "./managed-fields.js";
import { pathToString } from "./path-element.js";
import type { Conflict } from "./updater.js";

/**
 * Names a manager as Kubernetes does in conflict messages: `"kubectl"`, with
 * ` with subresource "status"` for a subresource and ` using apps/v1` for an updater.
 */
export function printManager(identifier: string): string {
  let info;
  try {
    info = parseManagerIdentifier(identifier);
  } catch {
    return JSON.stringify(identifier);
  }
  let text = JSON.stringify(info.manager);
  if (info.subresource) text += ` with subresource ${JSON.stringify(info.subresource)}`;
  if (info.operation === "Update") text += ` using ${info.apiVersion}`;
  return text;
}

/**
 * Returns the 409 Conflict of an apply that would change fields other managers own: one
 * `FieldManagerConflict` cause per field, and a message that lists them per manager.
 */
export function applyConflictError(conflicts: readonly Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((conflict) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${printManager(conflict.manager)}`,
    field: pathToString(conflict.path),
  }));
  return new StatusError({ reason: "Conflict", code: 409, message: conflictMessage(conflicts), details: { causes } });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const first = conflicts[0];
  if (conflicts.length === 1 && first) return `Apply failed with 1 conflict: conflict with ${printManager(first.manager)}: ${pathToString(first.path)}`;
  const byManager = new Map<string, string[]>();
  for (const conflict of conflicts) {
    const paths = byManager.get(conflict.manager) ?? [];
    paths.push(pathToString(conflict.path));
    byManager.set(conflict.manager, paths);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager) ?? []) lines.push(`- ${path}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}
