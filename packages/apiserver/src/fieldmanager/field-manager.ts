import { formatTime, StatusError, type GroupVersionKind } from "@apimachinery/meta";
import type { KindSchemaLookup } from "@apimachinery/runtime";
import type { ObjectData } from "../registry/strategy.js";
import { applyConflictError } from "./conflict.js";
import { FieldSet } from "./field-set.js";
import { capUpdateManagers } from "./cap-managers.js";
import {
  decodeManagedFields,
  emptyManaged,
  encodeManagedFields,
  isResetManagedFields,
  ManagedFieldsError,
  managerIdentifier,
  type Managed,
} from "./managed-fields.js";
import { dropNullFields } from "./merge.js";
import { fieldElement, type FieldPath } from "./path-element.js";
import { TypeNodes, type TypeNode } from "./type-node.js";
import { fieldsFromLastApplied, syncLastApplied } from "./last-applied.js";
import { ApplyConflictError, applyToManagedSets, updateManagedSets, type Conflict, type UpdaterOptions } from "./updater.js";
import { validateAppliedConfig } from "./validate-config.js";
import { isObject, valuesEqual } from "./value.js";

/** Settings of a FieldManager. */
export interface FieldManagerConfig {
  /** The Scheme whose schemas type built-in kinds; kinds it lacks are handled without schema. */
  readonly schemas?: KindSchemaLookup;
  /** Returns the current time as a meta/v1 Time; defaults to the clock, in whole seconds. */
  readonly now?: () => string;
  /** The most Update entries an object keeps before the oldest merge into `ancient-changes`; default 10. */
  readonly maxUpdateManagers?: number;
}

/** The options shared by every write. */
interface WriteOptions {
  /** The field manager, such as `kubectl`; an empty name becomes `unknown`. */
  readonly manager: string;
  /** The subresource written through, such as `status`; empty for the main resource. */
  readonly subresource?: string;
  /** The kind and version of the request. */
  readonly gvk: GroupVersionKind;
  /**
   * Paths of fields this request may not change, which no manager gains or loses through
   * it. Defaults: `status` for the main resource, `spec` for the `status` subresource.
   */
  readonly resetFields?: readonly (readonly string[])[];
}

/** Options of an apply. */
export interface ApplyOptions extends WriteOptions {
  /** Takes the conflicting fields from their managers instead of failing. */
  readonly force?: boolean;
}

/** Options of a non-apply write: create, update or patch. */
export interface UpdateOptions extends WriteOptions {
  readonly operation?: "Update";
}

/** Fields that no manager records, as Kubernetes strips them. */
const stripFields = FieldSet.of(
  [fieldElement("apiVersion")],
  [fieldElement("kind")],
  [fieldElement("metadata")],
  ...["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"].map(
    (name): FieldPath => [fieldElement("metadata"), fieldElement(name)],
  ),
);

/** The manager name of `kubectl apply --server-side`, which takes over fields from client-side apply. */
const kubectlManager = "kubectl";

/** The manager that Kubernetes credits with the fields of an object applied to for the first time. */
const beforeFirstApply = "before-first-apply";

/** Returns the fields a write through a subresource may not change: `status` for the main resource, `spec` for `status`. */
function defaultResetFields(subresource: string): string[][] {
  if (subresource === "") return [["status"]];
  if (subresource === "status") return [["spec"]];
  return [];
}

function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

function gvkString(apiVersion: unknown, kind: unknown): string {
  return `${typeof apiVersion === "string" ? apiVersion : ""}, Kind=${typeof kind === "string" ? kind : ""}`;
}

function withoutManagedFields(object: ObjectData): ObjectData {
  if (!object.metadata || !Object.hasOwn(object.metadata, "managedFields")) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function withManagedFields(object: ObjectData, managed: Managed): ObjectData {
  const stripped = withoutManagedFields(object);
  const entries = encodeManagedFields(managed);
  if (!entries) return stripped;
  return { ...stripped, metadata: { ...(stripped.metadata ?? {}), managedFields: entries } };
}

/**
 * Tracks which field manager owns which field in `metadata.managedFields`, and merges
 * server-side apply configurations, as kube-apiserver's field manager does. Objects are
 * never changed in place; every method returns a new object.
 */
export class FieldManager {
  readonly #types: TypeNodes;
  readonly #now: () => string;
  readonly #maxUpdateManagers: number;

  constructor(config: FieldManagerConfig = {}) {
    this.#types = new TypeNodes(config.schemas);
    this.#now = config.now ?? (() => formatTime(Date.now()));
    this.#maxUpdateManagers = config.maxUpdateManagers ?? 10;
  }

  /**
   * Applies a configuration to the live object (undefined to create it) and returns the
   * merged object with its managedFields. Throws a StatusError: Conflict (409) with one
   * `FieldManagerConflict` cause per field another manager owns, unless `force`;
   * BadRequest for a configuration of another kind or with managedFields.
   */
  apply(live: ObjectData | undefined, applied: ObjectData, options: ApplyOptions): ObjectData {
    const apiVersion = apiVersionOf(options.gvk);
    if (applied.apiVersion !== apiVersion || applied.kind !== options.gvk.kind) {
      throw StatusError.badRequest(`invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
    }
    if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) {
      throw StatusError.badRequest("metadata.managedFields must be nil");
    }
    const type = this.#types.forKind(options.gvk);
    this.#checkConfig(applied, type, options);

    let result: ObjectData;
    try {
      result = this.#applyOnce(live, applied, options, type, options.force ?? false);
    } catch (error) {
      if (!(error instanceof ApplyConflictError)) throw error;
      const remaining = conflictsAfterMigration(error.conflicts, live, options.manager, apiVersion, type);
      if (remaining.length > 0) throw applyConflictError(remaining);
      result = this.#applyOnce(live, applied, options, type, true);
    }

    if (options.manager === kubectlManager) result = syncLastApplied(result, applied);
    return keepTimestampsOnNoop(result, live);
  }

  /** Applies once; throws ApplyConflictError on conflicts. */
  #applyOnce(live: ObjectData | undefined, applied: ObjectData, options: ApplyOptions, type: TypeNode, force: boolean): ObjectData {
    const apiVersion = apiVersionOf(options.gvk);
    const empty: ObjectData = { apiVersion, kind: options.gvk.kind };
    let liveObject = live ? withoutManagedFields(live) : empty;
    let managed: Managed;
    try {
      managed = decodeManagedFields(live?.metadata?.managedFields);
    } catch (error) {
      if (error instanceof ManagedFieldsError) throw StatusError.internal(`failed to decode managed fields: ${error.message}`);
      throw error;
    }

    const updater = this.#updaterOptions(options, apiVersion);
    const subresource = options.subresource ?? "";
    if (managed.sets.size === 0) {
      // An object never applied to before: its current fields go to a placeholder updater,
      // so that the first apply conflicts with what others wrote.
      const placeholder = managerIdentifier({ manager: beforeFirstApply, operation: "Update", apiVersion, subresource });
      this.#recordUpdate(empty, liveObject, type, managed, placeholder, updater);
    }

    const identifier = managerIdentifier({ manager: options.manager || "unknown", operation: "Apply", apiVersion, subresource });
    const outcome = applyToManagedSets(liveObject, applied, type, managed.sets, identifier, force, updater);
    if (outcome.object !== undefined) {
      managed.times.set(identifier, this.#now());
      liveObject = (type.kind === "deduced" ? outcome.object : dropNullFields(outcome.object, type)) as ObjectData;
    }
    return withManagedFields(liveObject, managed);
  }

  /**
   * Records a create, update or patch in managedFields and returns `next` with the new
   * entries. Client-sent managedFields are honoured as Kubernetes honours them: absent or
   * unreadable keeps the live entries, `[]` or `[{}]` resets them, a valid non-empty list
   * replaces them (except through a subresource, which always keeps the live entries).
   * Errors never fail the write: the live entries are kept instead.
   */
  updateManagedFields(live: ObjectData | undefined, next: ObjectData, options: UpdateOptions): ObjectData {
    try {
      return keepTimestampsOnNoop(this.#update(live, next, options), live);
    } catch {
      const stripped = withoutManagedFields(next);
      const entries = live?.metadata?.managedFields;
      return entries === undefined ? stripped : { ...stripped, metadata: { ...(stripped.metadata ?? {}), managedFields: entries } };
    }
  }

  #update(live: ObjectData | undefined, next: ObjectData, options: UpdateOptions): ObjectData {
    const apiVersion = apiVersionOf(options.gvk);
    const managed = this.#managedOfUpdate(live, next, options.subresource ?? "");
    const nextObject = withoutManagedFields(next);
    if (managed.sets.size === 0 && live?.metadata?.uid) {
      // Kubernetes starts tracking an existing object only at its first apply, or at create.
      return nextObject;
    }
    const type = this.#types.forKind(options.gvk);
    const identifier = managerIdentifier({ manager: options.manager || "unknown", operation: "Update", apiVersion, subresource: options.subresource ?? "" });
    const liveObject = live ? withoutManagedFields(live) : {};
    this.#recordUpdate(liveObject, nextObject, type, managed, identifier, this.#updaterOptions(options, apiVersion));
    capUpdateManagers(managed, this.#maxUpdateManagers);
    return withManagedFields(nextObject, managed);
  }

  #managedOfUpdate(live: ObjectData | undefined, next: ObjectData, subresource: string): Managed {
    const liveManaged = () => {
      try {
        return decodeManagedFields(live?.metadata?.managedFields);
      } catch {
        return emptyManaged();
      }
    };
    if (subresource !== "") return liveManaged();
    const sent = next.metadata?.managedFields;
    if (isResetManagedFields(sent)) return emptyManaged();
    try {
      const managed = decodeManagedFields(sent);
      return managed.sets.size > 0 ? managed : liveManaged();
    } catch {
      return liveManaged();
    }
  }

  #recordUpdate(live: unknown, next: unknown, type: TypeNode, managed: Managed, identifier: string, options: UpdaterOptions): void {
    if (updateManagedSets(live, next, type, managed.sets, identifier, options)) managed.times.set(identifier, this.#now());
  }

  #updaterOptions(options: WriteOptions, apiVersion: string): UpdaterOptions {
    const paths = options.resetFields ?? defaultResetFields(options.subresource ?? "");
    const resetFields = FieldSet.of(...paths.map((path) => path.map(fieldElement)));
    return { apiVersion, resetFields, stripFields };
  }

  #checkConfig(applied: ObjectData, type: TypeNode, options: ApplyOptions): void {
    const errors = validateAppliedConfig(applied, type);
    if (errors.length === 0) return;
    const metadata = applied.metadata ?? {};
    const name = `${metadata.namespace ?? ""}/${metadata.name ?? ""}`;
    const detail = errors.length === 1 ? (errors[0] as string) : ["errors:", ...errors.map((error) => `  ${error}`)].join("\n");
    const message = `failed to create typed patch object (${name}; ${gvkString(apiVersionOf(options.gvk), options.gvk.kind)}): ${detail}`;
    // Kubernetes returns this as an error without a Status: code 500 and an empty reason.
    throw new StatusError({ code: 500, reason: "", message });
  }
}

/**
 * Returns the conflicts that remain when `kubectl` applies over fields that client-side
 * `kubectl apply` set and that still hold the values its last-applied annotation records.
 */
function conflictsAfterMigration(conflicts: readonly Conflict[], live: ObjectData | undefined, manager: string, apiVersion: string, type: TypeNode): readonly Conflict[] {
  if (manager !== kubectlManager || !live) return conflicts;
  const allowed = fieldsFromLastApplied(withoutManagedFields(live), apiVersion, type);
  if (!allowed) return conflicts;
  return conflicts.filter((conflict) => !allowed.has(conflict.path));
}

/**
 * Keeps the live entries' times when a write changed nothing but those times, so that a
 * no-op write leaves the object as it was.
 */
export function keepTimestampsOnNoop(next: ObjectData, live: ObjectData | undefined): ObjectData {
  const liveEntries = live?.metadata?.managedFields;
  const nextEntries = next.metadata?.managedFields;
  if (!Array.isArray(liveEntries) || !Array.isArray(nextEntries) || liveEntries.length !== nextEntries.length) return next;
  const untimed = (entry: unknown) => (isObject(entry) ? { ...entry, time: undefined } : entry);
  if (!nextEntries.every((entry, i) => valuesEqual(untimed(entry), untimed(liveEntries[i])))) return next;
  if (!valuesEqual(withoutManagedFields(next), withoutManagedFields(live as ObjectData))) return next;
  return { ...next, metadata: { ...(next.metadata ?? {}), managedFields: liveEntries } };
}
