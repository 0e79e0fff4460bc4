import { realisticPod } from "../suites/json.js";

/**
 * Returns the realistic 3 KB Pod as a client sends it on create: in `namespace`, named
 * `name`, without the fields the server sets (uid, resourceVersion, creationTimestamp).
 */
export function podToCreate(namespace: string, name: string): Record<string, unknown> {
  const pod = realisticPod();
  const metadata: Record<string, unknown> = { ...(pod["metadata"] as Record<string, unknown>), namespace, name };
  delete metadata["uid"];
  delete metadata["resourceVersion"];
  delete metadata["creationTimestamp"];
  delete metadata["generateName"];
  return { ...pod, metadata };
}

/** Returns a Namespace to create. */
export function namespaceToCreate(name: string): string {
  return JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
}
