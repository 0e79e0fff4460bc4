import type { PrintColumn, ResourceInfo } from "../registry/resource.js";
import type { ObjectData } from "../registry/strategy.js";

/** Formats the time since `timestamp` as kubectl shows ages: `45s`, `5m12s`, `3h`, `12d`, `2y`. */
export function humanAge(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return "<unknown>";
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ""}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ""}`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return `${days}d${hours % 24 ? `${hours % 24}h` : ""}`;
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

/** The part of its object that a Table row carries (`includeObject`). */
export type IncludeObject = "None" | "Metadata" | "Object";

/**
 * Builds a meta.k8s.io/v1 Table of objects: NAME, the resource's own columns, AGE.
 * `wide` columns (priority above 0) are always included; kubectl hides them unless `-o wide`.
 */
export function toTable(
  info: ResourceInfo,
  objects: readonly ObjectData[],
  listMeta: Record<string, unknown>,
  include: IncludeObject,
): Record<string, unknown> {
  // kubectl shows AGE after the default columns and before the `-o wide` ones.
  const shown = info.columns.filter((column) => column.priority === 0);
  const wide = info.columns.filter((column) => column.priority !== 0);
  const definition = (column: PrintColumn) => ({ name: column.name, type: column.type, format: column.format ?? "", description: column.description ?? "", priority: column.priority });
  const columnDefinitions = [
    { name: "Name", type: "string", format: "name", description: "", priority: 0 },
    ...shown.map(definition),
    { name: "Age", type: "string", format: "", description: "", priority: 0 },
    ...wide.map(definition),
  ];
  const cell = (object: ObjectData) => (column: PrintColumn) => column.cell(object) ?? "<none>";
  const rows = objects.map((object) => {
    const cells = [object.metadata?.name ?? "", ...shown.map(cell(object)), humanAge(object.metadata?.creationTimestamp), ...wide.map(cell(object))];
    const row: Record<string, unknown> = { cells };
    if (include === "Object") row["object"] = object;
    else if (include === "Metadata") {
      row["object"] = { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata ?? {} };
    }
    return row;
  });
  return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: listMeta, columnDefinitions, rows };
}
