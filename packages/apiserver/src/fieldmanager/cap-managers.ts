import { managerIdentifier, type Managed } from "./managed-fields.js";

/** The manager that collects the oldest Update entries of an object with too many of them. */
export const ancientChangesManager = "ancient-changes";

function seconds(time: string | undefined): number {
  if (!time) return 0;
  const millis = Date.parse(time);
  return Number.isNaN(millis) ? 0 : Math.floor(millis / 1000);
}

/**
 * Merges the oldest Update entries, per API version, into one `ancient-changes` entry
 * until at most `max` Update entries remain, as Kubernetes caps them. Apply entries are
 * never merged. Changes `managed` in place.
 */
export function capUpdateManagers(managed: Managed, max: number): void {
  const updaters = [...managed.sets.entries()].filter(([, owned]) => !owned.applied).map(([identifier]) => identifier);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => {
    const age = seconds(managed.times.get(a)) - seconds(managed.times.get(b));
    if (age !== 0) return age;
    return a < b ? -1 : 1;
  });
  const firstOfVersion = new Map<string, string>();
  let count = updaters.length;
  for (const identifier of updaters) {
    if (count <= max) break;
    const owned = managed.sets.get(identifier);
    if (!owned) continue;
    const bucket = managerIdentifier({ manager: ancientChangesManager, operation: "Update", apiVersion: owned.apiVersion });
    const first = firstOfVersion.get(owned.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(owned.apiVersion, identifier);
      continue;
    }
    if (!managed.sets.has(bucket)) {
      const firstSet = managed.sets.get(first);
      if (firstSet) managed.sets.set(bucket, firstSet);
      managed.sets.delete(first);
    }
    const bucketSet = managed.sets.get(bucket);
    managed.sets.set(bucket, { set: owned.set.union(bucketSet?.set ?? owned.set), apiVersion: owned.apiVersion, applied: false });
    managed.sets.delete(identifier);
    count--;
    const time = managed.times.get(identifier);
    if (time === undefined) managed.times.delete(bucket);
    else managed.times.set(bucket, time);
  }
}
