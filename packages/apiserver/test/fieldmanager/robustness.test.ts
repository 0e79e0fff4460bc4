import { isStatusError } from "@apimachinery/meta";
import { describe, expect, it } from "vitest";
import type { ObjectData } from "../../src/registry/strategy.js";
import { deployment, deploymentKind, newFieldManager, stored } from "./support.js";

/** A small deterministic generator (mulberry32), so that every run tries the same inputs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keys = ["replicas", "selector", "template", "spec", "metadata", "containers", "name", "image", "ports", "containerPort", "args", "labels", "x"];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.floor(next() * 100);
    case 3:
      return keys[Math.floor(next() * keys.length)];
    case 4:
      return "nginx";
    case 5:
      return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      const size = Math.floor(next() * 4);
      for (let i = 0; i < size; i++) out[keys[Math.floor(next() * keys.length)] as string] = value(next, depth + 1);
      return out;
    }
  }
}

describe("field manager robustness", () => {
  it("answers generated input with objects or StatusErrors", () => {
    const next = random(20261204);
    const fm = newFieldManager();
    let live: ObjectData | undefined;
    let applied = 0;
    let rejected = 0;
    for (let round = 0; round < 300; round++) {
      const spec = value(next, 0);
      const config = { ...deployment(undefined), spec } as ObjectData;
      try {
        live = stored(fm.apply(live, config, { manager: next() < 0.5 ? "alpha" : "beta", gvk: deploymentKind, force: next() < 0.3 }));
        applied++;
      } catch (error) {
        expect(isStatusError(error), String(error)).toBe(true);
        rejected++;
      }
      const updated = fm.updateManagedFields(live, { ...deployment(undefined), spec: value(next, 0) } as ObjectData, { manager: "gamma", gvk: deploymentKind });
      expect(updated.kind).toBe("Deployment");
    }
    expect(applied).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
