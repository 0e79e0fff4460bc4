import { describe, expect, it, test } from "vitest";
import { builtinSchemas, defaults } from "@apimachinery/api";
import { isBadRequest } from "@apimachinery/meta";

const schemas = builtinSchemas();
const canonicalizer = new defaults.QuantityCanonicalizer(schemas);

function podWith(resources: Record<string, unknown>): Record<string, unknown> {
  return { spec: { containers: [{ name: "c", image: "app:1", resources }] } };
}

function resourcesOf(pod: Record<string, unknown>): unknown {
  return ((pod["spec"] as Record<string, unknown>)["containers"] as Record<string, unknown>[])[0]!["resources"];
}

test.each([
  ["0.5", "500m"],
  ["1024Mi", "1Gi"],
  ["1000m", "1"],
  ["1.5Gi", "1536Mi"],
  ["2000000k", "2G"],
  [" 100m ", "100m"],
  ["1e3", "1e3"],
  ["0.0001", "1m"],
  [2, "2"],
  ["0", "0"],
])("ResourceList quantity %j becomes %j", (input, expected) => {
  const pod = podWith({ limits: { cpu: input } });
  canonicalizer.canonicalize(pod, "k8s.io.api.core.v1.Pod");
  expect(resourcesOf(pod)).toEqual({ limits: { cpu: expected } });
});

describe("QuantityCanonicalizer", () => {
  it("reaches nested templates", () => {
    const deployment = { spec: { template: podWith({ requests: { memory: "1048576Ki" } }) } };
    canonicalizer.canonicalize(deployment, "k8s.io.api.apps.v1.Deployment");
    expect(resourcesOf(deployment.spec.template)).toEqual({ requests: { memory: "1Gi" } });
  });

  it("reaches a CronJob's job template", () => {
    const cronJob = { spec: { jobTemplate: { spec: { template: podWith({ limits: { cpu: "0.25" } }) } } } };
    canonicalizer.canonicalize(cronJob, "k8s.io.api.batch.v1.CronJob");
    expect(resourcesOf(cronJob.spec.jobTemplate.spec.template)).toEqual({ limits: { cpu: "250m" } });
  });

  it("canonicalizes a single Quantity field without rounding", () => {
    const pod = { spec: { containers: [], volumes: [{ name: "v", emptyDir: { sizeLimit: "0.5Gi" } }] } };
    canonicalizer.canonicalize(pod, "k8s.io.api.core.v1.Pod");
    expect(pod.spec.volumes[0]!.emptyDir.sizeLimit).toBe("512Mi");
  });

  it("leaves other fields alone", () => {
    const pod = podWith({ limits: { cpu: "0.5" } });
    (pod["metadata"] as unknown) = { annotations: { size: "0.5" } };
    canonicalizer.canonicalize(pod, "k8s.io.api.core.v1.Pod");
    expect(pod["metadata"]).toEqual({ annotations: { size: "0.5" } });
  });

  it("ignores kinds without quantities", () => {
    const configMap = { data: { cpu: "0.5" } };
    canonicalizer.canonicalize(configMap, "k8s.io.api.core.v1.ConfigMap");
    expect(configMap).toEqual({ data: { cpu: "0.5" } });
  });

  it("rejects a malformed quantity naming the field", () => {
    const pod = podWith({ limits: { cpu: "lots" } });
    let caught: unknown;
    try {
      canonicalizer.canonicalize(pod, "k8s.io.api.core.v1.Pod");
    } catch (error) {
      caught = error;
    }
    expect(isBadRequest(caught)).toBe(true);
    expect((caught as Error).message).toContain("spec.containers[0].resources.limits[cpu]");
    expect((caught as Error).message).toContain("lots");
  });

  it("rejects a quantity of the wrong type", () => {
    const pod = podWith({ limits: { cpu: { value: 1 } } });
    expect(() => canonicalizer.canonicalize(pod, "k8s.io.api.core.v1.Pod")).toThrow(/spec\.containers\[0\]\.resources\.limits\[cpu\]/);
  });
});

test.each([
  [1, -4, 1, -3],
  [-1, -4, -1, -3],
  [12345, -6, 13, -3],
  [12000, -6, 12, -3],
  [5, -1, 5, -1],
])("roundUpToMilli of %i×10^%i", (unscaled, scale, roundedUnscaled, roundedScale) => {
  const rounded = defaults.roundUpToMilli({ unscaled: BigInt(unscaled), scale, format: "DecimalSI" });
  expect(rounded.unscaled).toBe(BigInt(roundedUnscaled));
  expect(rounded.scale).toBe(roundedScale);
});
