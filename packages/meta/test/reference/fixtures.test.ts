import { readFileSync } from "node:fs";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { describe, expect, test } from "vitest";
import {
  formatMicroTime,
  formatTime,
  labelSelectorFromSet,
  normalizeQuantity,
  parseMicroTime,
  parseTime,
  type ObjectWithMeta,
} from "../../src/index.js";

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const quantityMaps = new Set(["limits", "requests", "capacity", "allocatable", "hard", "used"]);

interface Found {
  times: string[];
  microTimes: string[];
  quantities: string[];
}

/** Collects the timestamps and the values of resource maps that a fixture contains. */
function collect(value: unknown, parentKey: string, found: Found): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, parentKey, found);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (quantityMaps.has(key) && item !== null && typeof item === "object" && !Array.isArray(item)) {
        for (const quantity of Object.values(item)) if (typeof quantity === "string") found.quantities.push(quantity);
      }
      collect(item, key, found);
    }
  } else if (typeof value === "string" && timestampPattern.test(value)) {
    (/\.\d{6}Z$/.test(value) ? found.microTimes : found.times).push(value);
  }
}

const fixtures = listFixtures();

describe.skipIf(referenceDir() === undefined)("golden fixtures", () => {
  test("timestamps and quantities print as Go wrote them", () => {
    const found: Found = { times: [], microTimes: [], quantities: [] };
    for (const fixture of fixtures) collect(JSON.parse(readFileSync(fixture.json, "utf8")), "", found);

    for (const time of found.times) expect(formatTime(parseTime(time))).toBe(time);
    for (const microTime of found.microTimes) expect(formatMicroTime(parseMicroTime(microTime))).toBe(microTime);
    for (const quantity of found.quantities) expect(normalizeQuantity(quantity)).toBe(quantity);

    console.log(
      `meta fixtures: ${found.times.length} Time, ${found.microTimes.length} MicroTime and ${found.quantities.length} Quantity values from ${fixtures.length} fixtures`,
    );
    expect(found.times.length).toBeGreaterThan(0);
    expect(found.microTimes.length).toBeGreaterThan(0);
  });

  test("object metadata has the ObjectMeta shape", () => {
    let checked = 0;
    for (const fixture of fixtures) {
      const object = JSON.parse(readFileSync(fixture.json, "utf8")) as ObjectWithMeta;
      const metadata = object.metadata;
      if (metadata?.creationTimestamp === undefined) continue;
      checked++;
      expect(formatTime(parseTime(metadata.creationTimestamp!))).toBe(metadata.creationTimestamp);
      expect(labelSelectorFromSet(metadata.labels).matches(metadata.labels ?? {})).toBe(true);
      for (const owner of metadata.ownerReferences ?? []) {
        expect(typeof owner.uid).toBe("string");
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
