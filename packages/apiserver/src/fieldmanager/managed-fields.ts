import type { ManagedFieldsEntry } from "@apimachinery/meta";
import { fromFieldsV1, FieldsV1Error, toFieldsV1 } from "./fields-v1.js";
import { FieldSet } from "./field-set.js";
import type { ManagedSets } from "./updater.js";
import { goJsonString, isObject } from "./value.js";

/** The field sets of an object's managers with the time each entry last changed. */
export interface Managed {
  readonly sets: ManagedSets;
  /** The `time` of each manager's entry, by manager identifier; absent when the entry has none. */
  readonly times: Map<string, string>;
}

/** Returns an empty Managed. */
export function emptyManaged(): Managed {
  return { sets: new Map(), times: new Map() };
}

/** The parts of an entry that tell one manager from another. */
export interface ManagerInfo {
  readonly manager: string;
  readonly operation: "Apply" | "Update";
  readonly apiVersion: string;
  readonly subresource?: string;
}

/**
 * Returns the identifier of a manager: the JSON of its entry without fields and time, and
 * without `apiVersion` for an applier, so that an applier keeps one entry across versions
 * while an updater has one per version. Keys and escapes follow Go's encoding, since
 * conflicts sort managers by this string.
 */
export function managerIdentifier(info: ManagerInfo): string {
  const parts: string[] = [];
  if (info.manager) parts.push(`"manager":${goJsonString(info.manager)}`);
  parts.push(`"operation":${goJsonString(info.operation)}`);
  if (info.operation !== "Apply" && info.apiVersion) parts.push(`"apiVersion":${goJsonString(info.apiVersion)}`);
  if (info.subresource) parts.push(`"subresource":${goJsonString(info.subresource)}`);
  return `{${parts.join(",")}}`;
}

/** Reads a manager identifier back into its parts. */
export function parseManagerIdentifier(identifier: string): { manager: string; operation: string; apiVersion: string; subresource: string } {
  const parsed = JSON.parse(identifier) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return { manager: text(parsed["manager"]), operation: text(parsed["operation"]), apiVersion: text(parsed["apiVersion"]), subresource: text(parsed["subresource"]) };
}

/** The reason managedFields could not be read. */
export class ManagedFieldsError extends Error {
  override name = "ManagedFieldsError";
}

/**
 * Reads `metadata.managedFields` into field sets, checking each entry as Kubernetes does:
 * `operation` is `Apply` or `Update`, `apiVersion` is set, `fieldsType` is `FieldsV1` and
 * `fieldsV1` parses. Throws ManagedFieldsError naming the first bad entry.
 */
export function decodeManagedFields(entries: unknown): Managed {
  const managed = emptyManaged();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError("managedFields must be a list");
  entries.forEach((entry: unknown, i) => {
    if (!isObject(entry)) throw new ManagedFieldsError(`managed fields entry ${i} must be an object`);
    const operation = entry["operation"];
    if (operation !== "Apply" && operation !== "Update") throw new ManagedFieldsError("operation must be `Apply` or `Update`");
    const apiVersion = typeof entry["apiVersion"] === "string" ? entry["apiVersion"] : "";
    if (apiVersion.length < 1) throw new ManagedFieldsError("apiVersion must not be empty");
    const fieldsType = typeof entry["fieldsType"] === "string" ? entry["fieldsType"] : "";
    if (fieldsType === "") throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== "FieldsV1") throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    const manager = typeof entry["manager"] === "string" ? entry["manager"] : "";
    const subresource = typeof entry["subresource"] === "string" ? entry["subresource"] : "";
    const identifier = managerIdentifier({ manager, operation, apiVersion, subresource });
    let set: FieldSet;
    try {
      set = entry["fieldsV1"] === undefined || entry["fieldsV1"] === null ? new FieldSet() : fromFieldsV1(entry["fieldsV1"]);
    } catch (error) {
      if (error instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding set of managed fields entry ${i}: ${error.message}`);
      throw error;
    }
    managed.sets.set(identifier, { set, apiVersion, applied: operation === "Apply" });
    if (typeof entry["time"] === "string") managed.times.set(identifier, entry["time"]);
    else managed.times.delete(identifier);
  });
  return managed;
}

function unixSeconds(time: string | null | undefined): number {
  if (!time) return 0;
  const millis = Date.parse(time);
  return Number.isNaN(millis) ? 0 : Math.floor(millis / 1000);
}

/**
 * Writes field sets as `metadata.managedFields` entries, sorted as Kubernetes sorts them:
 * by operation (Apply first), time, manager, apiVersion and subresource. Returns undefined
 * when no manager owns anything, so that the object carries no managedFields.
 */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.sets.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [identifier, owned] of managed.sets) {
    const info = parseManagerIdentifier(identifier);
    const entry: ManagedFieldsEntry = {};
    if (info.manager) entry.manager = info.manager;
    const operation = owned.applied ? "Apply" : info.operation;
    if (operation) entry.operation = operation;
    if (owned.apiVersion) entry.apiVersion = owned.apiVersion;
    const time = managed.times.get(identifier);
    if (time !== undefined) entry.time = time;
    entry.fieldsType = "FieldsV1";
    entry.fieldsV1 = toFieldsV1(owned.set);
    if (info.subresource) entry.subresource = info.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function compareStrings(left: string | undefined, right: string | undefined): number {
  const a = left ?? "";
  const b = right ?? "";
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return compareStrings(p.operation, q.operation);
  const seconds = unixSeconds(p.time) - unixSeconds(q.time);
  if (seconds !== 0) return seconds < 0 ? -1 : 1;
  return compareStrings(p.manager, q.manager) || compareStrings(p.apiVersion, q.apiVersion) || compareStrings(p.subresource, q.subresource);
}

/**
 * Reports whether a client's managedFields ask for a reset: an empty list, or a list of
 * one entry with no field set.
 */
export function isResetManagedFields(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  if (entries.length !== 1) return false;
  const only: unknown = entries[0];
  return isObject(only) && Object.values(only).every((value) => value === undefined);
}
