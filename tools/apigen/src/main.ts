/**
 * Regenerates `packages/api` from the reference data: `node --import tsx src/main.ts` writes
 * the files, `--check` only compares them and exits with status 1 when any differs.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { referenceDir } from "@apimachinery/testing";
import { generate } from "./generate.js";
import { readReferenceInput } from "./reference-input.js";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../packages/api");

/** Lists the files under `src/gen` now, relative to the api package. */
function existingGenerated(): string[] {
  const genDir = path.join(apiDir, "src/gen");
  if (!existsSync(genDir)) return [];
  return readdirSync(genDir, { recursive: true, encoding: "utf8" })
    .map((file) => `src/gen/${file.split(path.sep).join("/")}`)
    .filter((file) => file.endsWith(".ts"));
}

function main(): number {
  const reference = referenceDir();
  if (reference === undefined) {
    console.error("apigen: the reference data is missing; set APIMACHINERY_REFERENCE_DIR");
    return 2;
  }
  const check = process.argv.includes("--check");
  const output = generate({
    ...readReferenceInput(reference),
    packageJson: readFileSync(path.join(apiDir, "package.json"), "utf8"),
  });

  const stale = existingGenerated().filter((file) => !output.files.has(file));
  const changed = [...output.files].filter(([file, text]) => {
    const target = path.join(apiDir, file);
    return !existsSync(target) || readFileSync(target, "utf8") !== text;
  });

  if (check) {
    for (const [file] of changed) console.error(`apigen: ${file} is out of date`);
    for (const file of stale) console.error(`apigen: ${file} is no longer generated`);
    return changed.length + stale.length === 0 ? 0 : 1;
  }
  for (const [file, text] of changed) {
    const target = path.join(apiDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  for (const file of stale) rmSync(path.join(apiDir, file));
  const { report } = output;
  console.log(
    `apigen: ${output.files.size} files (${changed.length} changed, ${stale.length} removed), ${output.kinds.length} kinds, ` +
      `${report.inline.size} inline fields, ${report.renamed.size} renamed fields, ${output.omitEmpty.size} omitEmpty fields, ` +
      `${report.unexplained.length} unexplained JSON keys`,
  );
  for (const key of report.unexplained) console.warn(`apigen: unexplained JSON key ${key}`);
  return 0;
}

process.exitCode = main();
