import { compareObjects, type Comparison } from "./compare.js";
import { FieldSet } from "./field-set.js";
import { comparePaths, type FieldPath } from "./path-element.js";
import { mergeObjects } from "./merge.js";
import { removeItems } from "./remove.js";
import { toFieldSet } from "./to-field-set.js";
import type { TypeNode } from "./type-node.js";
import { valuesEqual } from "./value.js";

/** The fields one manager owns, at one API version, and whether it got them by apply. */
export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** The field sets of every manager, by manager identifier. */
export type ManagedSets = Map<string, VersionedSet>;

/** One field that an apply would take from another manager. */
export interface Conflict {
  /** The identifier of the manager that owns the field. */
  readonly manager: string;
  readonly path: FieldPath;
}

/** Thrown by an apply without force that would change fields other managers own. */
export class ApplyConflictError extends Error {
  override name = "ApplyConflictError";
  readonly conflicts: readonly Conflict[];

  constructor(conflicts: readonly Conflict[]) {
    super(`apply conflicts with ${conflicts.length} field(s) of other managers`);
    this.conflicts = conflicts;
  }
}

/** Settings shared by update and apply. */
export interface UpdaterOptions {
  /** The API version of the request, such as `apps/v1`. */
  readonly apiVersion: string;
  /** Fields the request may not change, such as `status` on the main resource. No manager gains or loses them. */
  readonly resetFields?: FieldSet;
  /** Fields no manager records, such as `metadata.name`; removed from the writing manager's set. */
  readonly stripFields?: FieldSet;
}

function filterComparison(comparison: Comparison, reset: FieldSet | undefined): Comparison {
  if (!reset) return comparison;
  return {
    added: comparison.added.recursiveDifference(reset),
    modified: comparison.modified.recursiveDifference(reset),
    removed: comparison.removed.recursiveDifference(reset),
  };
}

/**
 * Takes changed fields away from every manager but `workflow`, and removed fields from all
 * of them. Without `force`, a changed field that another manager owns is a conflict.
 */
function takeOwnership(live: unknown, next: unknown, type: TypeNode, managers: ManagedSets, workflow: string, force: boolean, options: UpdaterOptions): Comparison {
  const comparison = filterComparison(compareObjects(live, next, type), options.resetFields);
  const changed = comparison.modified.union(comparison.added);
  const conflicts: Conflict[] = [];
  const updated = new Map<string, VersionedSet>();
  for (const [manager, owned] of managers) {
    if (manager === workflow) continue;
    const conflicting = owned.set.intersection(changed);
    for (const path of conflicting.paths()) conflicts.push({ manager, path });
    updated.set(manager, { ...owned, set: owned.set.difference(conflicting).difference(comparison.removed) });
  }
  if (!force && conflicts.length > 0) {
    conflicts.sort((a, b) => (a.manager === b.manager ? comparePaths(a.path, b.path) : a.manager < b.manager ? -1 : 1));
    throw new ApplyConflictError(conflicts);
  }
  for (const [manager, owned] of updated) managers.set(manager, owned);
  for (const [manager, owned] of managers) if (owned.set.isEmpty()) managers.delete(manager);
  return comparison;
}

/** The workflow name under which an update's own changes are computed before they join the manager's entry. */
const currentOperation = "current-operation";

/**
 * Records a non-apply write. Every manager, this one included, loses the fields that
 * changed or went away. Then the manager gains what the write changed or added, on top of
 * what it kept. Returns false when the write changed no field the manager could own, so
 * that its entry keeps its time.
 */
export function updateManagedSets(live: unknown, next: unknown, type: TypeNode, managers: ManagedSets, manager: string, options: UpdaterOptions): boolean {
  const comparison = takeOwnership(live, next, type, managers, currentOperation, true, options);
  let set = comparison.modified.union(comparison.added);
  if (options.resetFields) set = set.recursiveDifference(options.resetFields);
  if (options.stripFields) set = set.difference(options.stripFields);
  if (set.isEmpty()) return false;
  const previous = managers.get(manager);
  managers.set(manager, { set: previous ? set.union(previous.set) : set, apiVersion: options.apiVersion, applied: false });
  return true;
}

/** The outcome of an apply: the merged object, or undefined when it equals the live object. */
export interface ApplyOutcome {
  readonly object: unknown;
}

/**
 * Applies a configuration. The configuration is merged into the live object and the
 * manager owns exactly its fields. What the manager applied before and no longer sends is
 * removed unless another manager owns it. Changed fields that other managers own are taken
 * from them with `force`, and reported as conflicts without it.
 */
export function applyToManagedSets(
  live: unknown,
  config: unknown,
  type: TypeNode,
  managers: ManagedSets,
  manager: string,
  force: boolean,
  options: UpdaterOptions,
): ApplyOutcome {
  const merged = mergeObjects(live, config, type);
  const lastSet = managers.get(manager);
  let set = toFieldSet(config, type);
  if (options.resetFields) set = set.recursiveDifference(options.resetFields);
  const candidate = new Map(managers);
  candidate.set(manager, { set, apiVersion: options.apiVersion, applied: true });
  const pruned = prune(merged, candidate, lastSet, type);
  takeOwnership(live, pruned, type, candidate, manager, force, options);
  const applied = candidate.get(manager);
  if (applied && options.stripFields) {
    const stripped = applied.set.difference(options.stripFields);
    if (stripped.isEmpty()) candidate.delete(manager);
    else candidate.set(manager, { ...applied, set: stripped });
  }
  managers.clear();
  for (const [name, owned] of candidate) managers.set(name, owned);
  return { object: valuesEqual(live, pruned) ? undefined : pruned };
}

/**
 * Removes fields that the manager applied last time and not this time, unless another
 * manager or this configuration owns them. Fields that no manager owned stay.
 */
function prune(merged: unknown, managers: ManagedSets, lastSet: VersionedSet | undefined, type: TypeNode): unknown {
  if (!lastSet || lastSet.set.isEmpty()) return merged;
  const last = ensureNamedFieldsAreMembers(lastSet.set, type);
  let pruned = removeItems(merged, last, type) ?? {};
  let owned = new FieldSet();
  for (const entry of managers.values()) owned = owned.union(entry.set);
  const mergedSet = ensureNamedFieldsAreMembers(toFieldSet(merged, type), type);
  const keep = ensureNamedFieldsAreMembers(toFieldSet(pruned, type), type).union(ensureNamedFieldsAreMembers(owned, type));
  pruned = removeItems(merged, mergedSet.difference(keep), type) ?? {};
  const prunedSet = ensureNamedFieldsAreMembers(toFieldSet(pruned, type), type);
  return removeItems(merged, mergedSet.difference(prunedSet).intersection(last), type) ?? {};
}

/**
 * Adds, as members, the struct fields that appear only as parents of deeper paths, so that
 * removing the set removes those fields as a whole. Map keys and list elements stay as they are.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: TypeNode | undefined): FieldSet {
  const fields = type?.kind === "map" ? type.fields : undefined;
  const members = [...set.members];
  const out = new FieldSet(members, []);
  for (const node of set.children) {
    let childType: TypeNode | undefined;
    if (node.element.kind === "field" && type?.kind === "map") {
      if (fields?.has(node.element.name)) out.addMember(node.element);
      childType = fields?.get(node.element.name)?.type ?? type.element;
    } else if (node.element.kind === "key" && type?.kind === "list") {
      childType = type.element;
    }
    out.children.push({ element: node.element, set: ensureNamedFieldsAreMembers(node.set, childType) });
  }
  return out;
}
