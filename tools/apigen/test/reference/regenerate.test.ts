import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { referenceDir } from "@apimachinery/testing";
import { generate, readReferenceInput } from "../../src/index.js";

const reference = referenceDir();
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../packages/api");

describe.skipIf(reference === undefined)("generated api package", () => {
  it("matches a fresh generation byte for byte", () => {
    const output = generate({ ...readReferenceInput(reference ?? ""), packageJson: readFileSync(path.join(apiDir, "package.json"), "utf8") });
    const differing = [...output.files].filter(([file, text]) => {
      const target = path.join(apiDir, file);
      return !existsSync(target) || readFileSync(target, "utf8") !== text;
    });
    expect(differing.map(([file]) => file)).toEqual([]);
  });

  it("explains every JSON key of the fixtures", () => {
    const output = generate({ ...readReferenceInput(reference ?? ""), packageJson: "{}" });
    expect(output.report.unexplained).toEqual([]);
    expect(output.kinds.length).toBeGreaterThan(190);
  });
});
