import { addQuantities, compareQuantities, isZeroQuantity, parseQuantityJSON, type ParsedQuantity } from "@apimachinery/meta";
import { objectField, objectItems, type PlainObject } from "./object-fields.js";

/** The quality-of-service classes of a pod. */
export type PodQOSClass = "Guaranteed" | "Burstable" | "BestEffort";

const qosResources = ["cpu", "memory"];

function readQuantity(value: unknown): ParsedQuantity | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  try {
    return parseQuantityJSON(value);
  } catch {
    return undefined;
  }
}

function addTo(totals: Map<string, ParsedQuantity>, name: string, quantity: ParsedQuantity): void {
  const current = totals.get(name);
  totals.set(name, current === undefined ? quantity : addQuantities(current, quantity));
}

/**
 * Computes a pod's QoS class from the cpu and memory of its containers and init containers,
 * as Go's `GetPodQOS` does: BestEffort without requests or limits, Guaranteed when every
 * container limits both and the requests equal the limits, Burstable otherwise.
 */
export function podQOSClass(pod: PlainObject): PodQOSClass {
  const spec = objectField(pod, "spec");
  const requests = new Map<string, ParsedQuantity>();
  const limits = new Map<string, ParsedQuantity>();
  let guaranteed = true;
  for (const container of [...objectItems(spec, "containers"), ...objectItems(spec, "initContainers")]) {
    const resources = objectField(container, "resources");
    for (const [name, value] of Object.entries(objectField(resources, "requests") ?? {})) {
      const quantity = readQuantity(value);
      if (qosResources.includes(name) && quantity !== undefined && !isZeroQuantity(quantity)) addTo(requests, name, quantity);
    }
    const limited = new Set<string>();
    for (const [name, value] of Object.entries(objectField(resources, "limits") ?? {})) {
      const quantity = readQuantity(value);
      if (!qosResources.includes(name) || quantity === undefined || isZeroQuantity(quantity)) continue;
      limited.add(name);
      addTo(limits, name, quantity);
    }
    if (!qosResources.every((name) => limited.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || compareQuantities(limit, request) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
