import type { StatusCause } from "@apimachinery/meta";
import { defaults } from "@apimachinery/api";

/** One expected cause: its reason, its field, and text its message must contain. */
export type ExpectedCause = readonly [reason: string, field: string, contains: string];

/** Returns the causes reduced to reason and field, for exact comparison. */
export function reasonsAndFields(causes: readonly StatusCause[]): [string, string][] {
  return causes.map((cause) => [cause.reason ?? "", cause.field ?? ""]);
}

/** Builds a valid, defaulted Pod spec with one container. */
export function podSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const spec: Record<string, unknown> = { containers: [{ name: "app", image: "app:1" }], ...overrides };
  defaults.defaultPodSpec(spec);
  return spec;
}

/** Builds a valid, defaulted Deployment named `web`. */
export function deployment(specOverrides: Record<string, unknown> = {}): Record<string, unknown> {
  const object: Record<string, unknown> = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
      ...specOverrides,
    },
  };
  defaults.defaultDeployment(object);
  return object;
}
