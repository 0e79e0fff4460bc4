import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const warned = new Set<string>();

/**
 * Returns the folder of the Kubernetes reference data: `$APIMACHINERY_REFERENCE_DIR`, or
 * `../shared/reference` beside the repository. Returns undefined, after printing one loud
 * line naming the missing path, when the folder is absent, as it is on a user's fresh clone.
 */
export function referenceDir(): string | undefined {
  const dir = process.env["APIMACHINERY_REFERENCE_DIR"] ?? path.resolve(repoRoot, "../shared/reference");
  if (existsSync(dir)) return dir;
  if (!warned.has(dir)) {
    warned.add(dir);
    console.warn(`\n!!! SKIPPING reference-data tests: ${dir} does not exist (set APIMACHINERY_REFERENCE_DIR) !!!\n`);
  }
  return undefined;
}

/** Returns the absolute path of `relative` inside the reference data, or undefined when it is absent. */
export function referencePath(...relative: string[]): string | undefined {
  const dir = referenceDir();
  return dir === undefined ? undefined : path.join(dir, ...relative);
}

/** Returns the golden fixture folders (`k8s-testdata/<set>/HEAD`) that exist. */
export function fixtureDir(set: "api" | "apiextensions"): string | undefined {
  return referencePath("k8s-testdata", set, "HEAD");
}

/** One golden fixture: a built-in type written by the Go implementation in three encodings. */
export interface Fixture {
  /** The file name without extension, `<group>.<version>.<Kind>` (`core.v1.Pod` for the core group). */
  readonly name: string;
  readonly json: string;
  readonly yaml: string;
  readonly pb: string;
}

/** Lists every fixture of both fixture sets; empty when the reference data is absent. */
export function listFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const set of ["api", "apiextensions"] as const) {
    const dir = fixtureDir(set);
    if (dir === undefined) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith(".json")) continue;
      const name = file.slice(0, -".json".length);
      const base = path.join(dir, name);
      fixtures.push({ name, json: `${base}.json`, yaml: `${base}.yaml`, pb: `${base}.pb` });
    }
  }
  return fixtures;
}
