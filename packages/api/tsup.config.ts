import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

interface ExportConditions {
  readonly source: string;
  readonly import: string;
}

/**
 * Builds one tsup entry per subpath export of package.json, which `pnpm gen:api` writes. The
 * entry name is the output path of the `import` condition without `./dist/` and `.js`.
 */
function entries(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
    exports: Record<string, ExportConditions>;
  };
  const result: Record<string, string> = {};
  for (const conditions of Object.values(manifest.exports)) {
    result[conditions.import.replace(/^\.\/dist\//, "").replace(/\.js$/, "")] = conditions.source.replace(/^\.\//, "");
  }
  return result;
}

/**
 * Declarations come from `tsc -p tsconfig.build.json` into `dist/types` (the build script runs
 * it after tsup). tsup's bundled declarations of about 70 entries took 4 to 14 minutes on a
 * loaded 2-core machine and failed twice, once out of memory, while tsc writes them in seconds.
 */
export default defineConfig({
  entry: entries(),
  format: ["esm"],
  dts: false,
  clean: true,
  target: "node20",
  sourcemap: true,
});
