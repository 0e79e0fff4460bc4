import type { Verb } from "../endpoints/request-info.js";

/** A column of server-side printing (`as=Table`), with the JSON path that fills it. */
export interface PrintColumn {
  readonly name: string;
  /** `string`, `integer`, `number`, `boolean` or `date`. */
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  /** 0 for the default view, 1 and more for `-o wide`. */
  readonly priority: number;
  /** Computes the cell from the object. */
  readonly cell: (object: Record<string, unknown>) => unknown;
}

/** A resource that the server serves: names, scope, verbs and how it is printed. */
export interface ResourceInfo {
  /** The API group; empty for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  /** The plural resource name in paths (`deployments`). */
  readonly resource: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  /** Subresources served, such as `status`. */
  readonly subresources: readonly string[];
  /** Columns of `as=Table` after NAME and before AGE, as kubectl shows them. */
  readonly columns: readonly PrintColumn[];
  /**
   * Whether objects carry `metadata.generation`, bumped on every spec change (Deployments,
   * Jobs, Pods); kube-apiserver leaves it out for kinds such as ConfigMap. Default false.
   */
  readonly tracksGeneration?: boolean;
  /**
   * Fields that field selectors may use besides `metadata.name` and `metadata.namespace`,
   * each with the function that reads it from an object.
   */
  readonly selectableFields?: Readonly<Record<string, (object: Record<string, unknown>) => unknown>>;
}

/** The verbs of an ordinary resource. */
export const allVerbs: readonly Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** Returns `apps/v1` or `v1` for the resource's group version. */
export function apiVersionOf(info: { readonly group: string; readonly version: string }): string {
  return info.group === "" ? info.version : `${info.group}/${info.version}`;
}

/** Returns `deployments.apps` or `pods`, as error messages name a resource. */
export function qualifiedResource(info: { readonly group: string; readonly resource: string }): string {
  return info.group === "" ? info.resource : `${info.resource}.${info.group}`;
}
