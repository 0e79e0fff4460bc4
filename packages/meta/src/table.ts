import type { ListMeta } from "./list-meta.js";
import type { ConditionStatus } from "./condition.js";

/** A table of objects for display, as `kubectl get` requests it (meta.k8s.io/v1 Table). */
export interface Table {
  apiVersion: "meta.k8s.io/v1";
  kind: "Table";
  metadata?: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** One column of a Table. */
export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean`. */
  type: string;
  /** An OpenAPI format, such as `name` for the column that names the object, or `date`. */
  format: string;
  description: string;
  /** 0 for columns always shown; higher for columns shown with `-o wide`. */
  priority: number;
}

/** One row of a Table: a cell per column, and the object it describes. */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** The object, its PartialObjectMetadata, or absent, as TableOptions.includeObject requests. */
  object?: unknown;
}

/** A condition of a row; `Completed` marks a finished object that kubectl may hide. */
export interface TableRowCondition {
  type: "Completed" | (string & {});
  status: ConditionStatus | (string & {});
  reason?: string;
  message?: string;
}
