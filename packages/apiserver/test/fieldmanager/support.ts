import type { GroupVersionKind, ManagedFieldsEntry } from "@apimachinery/meta";
import { builtinScheme } from "../../src/codecs.js";
import { FieldManager } from "../../src/fieldmanager/index.js";
import type { ObjectData } from "../../src/registry/strategy.js";

/** The kinds the tests write. */
export const deploymentKind: GroupVersionKind = { group: "apps", version: "v1", kind: "Deployment" };
export const configMapKind: GroupVersionKind = { group: "", version: "v1", kind: "ConfigMap" };
export const widgetKind: GroupVersionKind = { group: "example.com", version: "v1", kind: "Widget" };

const scheme = builtinScheme();

/** Returns a FieldManager over the built-in schemas whose clock ticks one second per call from 2026-01-01T00:00:00Z. */
export function newFieldManager(maxUpdateManagers?: number): FieldManager {
  let tick = 0;
  const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString().replace(".000Z", "Z");
  return new FieldManager({ schemas: scheme, now, ...(maxUpdateManagers === undefined ? {} : { maxUpdateManagers }) });
}

/** Returns the managedFields of an object. */
export function entriesOf(object: ObjectData): ManagedFieldsEntry[] {
  return (object.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
}

/** Returns the managedFields as `manager/operation[/subresource]` → fieldsV1, in entry order. */
export function fieldsByManager(object: ObjectData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entriesOf(object)) {
    const name = [entry.manager, entry.operation, entry.subresource].filter(Boolean).join("/");
    out[name] = entry.fieldsV1;
  }
  return out;
}

/** Marks an object as stored, as the registry does after a create. */
export function stored(object: ObjectData): ObjectData {
  return { ...object, metadata: { ...(object.metadata ?? {}), uid: "3f2b1c1e-0000-4000-8000-000000000001", resourceVersion: "1" } };
}

/** Returns a Deployment configuration with the given spec; none when undefined. */
export function deployment(spec: Record<string, unknown> | undefined, metadata: Record<string, unknown> = {}): ObjectData {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default", ...metadata }, ...(spec ? { spec } : {}) };
}

/** Returns a pod template spec with the given containers. */
export function template(containers: unknown[]): Record<string, unknown> {
  return { metadata: { labels: { app: "web" } }, spec: { containers } };
}
