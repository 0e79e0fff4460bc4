import { GENERATED_HEADER } from "./header.js";
import type { Layout } from "./layout.js";
import { namespaceAlias } from "./emit-types.js";
import { describe } from "./emit-schema.js";

/** Writes the `index.ts` of one folder: its types, its schema tables and its `addToScheme`. */
export function emitFolderIndex(layout: Layout, folderName: string): string {
  const folder = layout.folders.find((candidate) => candidate.info.folder === folderName);
  if (folder === undefined) throw new Error(`unknown folder ${folderName}`);
  return [
    GENERATED_HEADER,
    "/**",
    " * @packageDocumentation",
    ` * The types and schema tables of ${describe(folder)}.`,
    " */",
    'export type * from "./types.js";',
    'export { kindSchemas, messageSchemas } from "./schema.js";',
    ...(folder.kinds.length > 0 ? ['export { addToScheme } from "./register.js";'] : []),
    "",
  ].join("\n");
}

/** Writes `gen/all.ts`: the schema tables of every folder in one list each. */
export function emitAll(layout: Layout): string {
  const lines = [GENERATED_HEADER, 'import type { KindSchema, MessageSchema } from "@apimachinery/runtime";'];
  for (const folder of layout.folders) {
    const alias = namespaceAlias(folder);
    lines.push(`import { kindSchemas as ${alias}Kinds, messageSchemas as ${alias}Messages } from "./${folder.info.folder}/schema.js";`);
  }
  lines.push("", "/** The message schemas of every built-in group version and apimachinery package. */");
  lines.push("export const allMessageSchemas: readonly MessageSchema[] = [");
  for (const folder of layout.folders) lines.push(`  ...${namespaceAlias(folder)}Messages,`);
  lines.push("];", "", "/** The kinds of every built-in group version. */");
  lines.push("export const allKindSchemas: readonly KindSchema[] = [");
  for (const folder of layout.folders) if (folder.kinds.length > 0) lines.push(`  ...${namespaceAlias(folder)}Kinds,`);
  lines.push("];", "");
  return lines.join("\n");
}

/** Writes `gen/namespaces.ts`: the types of each folder as one type-only namespace (`appsV1.Deployment`). */
export function emitNamespaces(layout: Layout): string {
  const lines = [GENERATED_HEADER];
  for (const folder of layout.folders) {
    lines.push(`/** The types of ${describe(folder)}. */`);
    lines.push(`export type * as ${namespaceAlias(folder)} from "./${folder.info.folder}/types.js";`);
  }
  lines.push("");
  return lines.join("\n");
}

/** One subpath export of the api package. */
export interface SubpathExport {
  readonly source: string;
  readonly types: string;
  readonly import: string;
}

/**
 * Returns the package.json `exports` map: the root entry and one subpath per folder
 * (`./apps/v1`). tsup writes the JavaScript to `dist/<folder>/index.js` and `tsc` writes the
 * declarations, mirroring `src`, under `dist/types`.
 */
export function packageExports(layout: Layout): Record<string, SubpathExport> {
  const exports: Record<string, SubpathExport> = {
    ".": { source: "./src/index.ts", types: "./dist/types/index.d.ts", import: "./dist/index.js" },
  };
  for (const folder of layout.folders) {
    const name = folder.info.folder;
    exports[`./${name}`] = {
      source: `./src/gen/${name}/index.ts`,
      types: `./dist/types/gen/${name}/index.d.ts`,
      import: `./dist/${name}/index.js`,
    };
  }
  return exports;
}

/** Returns the package.json text with its `exports` replaced, keeping every other key and its order. */
export function updatePackageJson(text: string, exports: Record<string, SubpathExport>): string {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("package.json is not an object");
  const updated = { ...parsed, exports };
  return `${JSON.stringify(updated, null, 2)}\n`;
}
