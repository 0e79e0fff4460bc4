import { GENERATED_HEADER } from "./header.js";
import { describe } from "./emit-schema.js";
import { namespaceAlias } from "./emit-types.js";
import type { FolderModel, Layout } from "./layout.js";
import { compareNames } from "./parse-protos.js";

/** Folders every group version needs at registration: meta/v1 for WatchEvent, Status and the options. */
const ALWAYS_NEEDED = ["meta/v1"];

/**
 * Returns the folders whose messages the messages of `folder` use, directly or through other
 * messages, plus the folders every registration needs; `folder` itself comes first.
 */
export function folderClosure(layout: Layout, folder: FolderModel): FolderModel[] {
  const seenMessages = new Set<string>();
  const folders = new Set<FolderModel>([folder]);
  const queue = folder.messages.map((message) => message.name);
  for (const needed of layout.folders.filter((candidate) => ALWAYS_NEEDED.includes(candidate.info.folder))) {
    queue.push(...needed.messages.map((message) => message.name));
  }
  while (queue.length > 0) {
    const name = queue.pop() ?? "";
    if (seenMessages.has(name)) continue;
    seenMessages.add(name);
    const location = layout.locate(name);
    folders.add(location.folder);
    for (const field of location.message.fields) {
      const type = field.type.kind === "map" ? field.type.value : field.type;
      if (type.kind === "message") queue.push(type.message);
    }
  }
  folders.delete(folder);
  return [folder, ...[...folders].sort((a, b) => compareNames(a.info.folder, b.info.folder))];
}

/** Writes the `register.ts` of a folder with kinds: its `addToScheme`. */
export function emitRegister(layout: Layout, folder: FolderModel): string {
  const closure = folderClosure(layout, folder).slice(1);
  const genRoot = folder.info.folder.split("/").map(() => "..").join("/");
  const lines = [
    GENERATED_HEADER,
    'import type { Scheme } from "@apimachinery/runtime";',
    `import { registerGroupVersion } from "${genRoot}/../register.js";`,
  ];
  for (const other of closure) {
    lines.push(`import { messageSchemas as ${namespaceAlias(other)}Messages } from "${genRoot}/${other.info.folder}/schema.js";`);
  }
  lines.push('import { kindSchemas, messageSchemas } from "./schema.js";', "");
  lines.push(`/** Registers the kinds of ${describe(folder)} and the message schemas they use into a Scheme, and returns the scheme. */`);
  lines.push("export function addToScheme(scheme: Scheme): Scheme {");
  const tables = ["messageSchemas", ...closure.map((other) => `${namespaceAlias(other)}Messages`)];
  lines.push(`  const gv = { group: ${JSON.stringify(folder.info.group)}, version: ${JSON.stringify(folder.info.version)} };`);
  lines.push(`  return registerGroupVersion(scheme, gv, kindSchemas, [${tables.join(", ")}]);`);
  lines.push("}", "");
  return lines.join("\n");
}

/** Writes `gen/installers.ts`: every group version with kinds and its `addToScheme`. */
export function emitInstallers(layout: Layout): string {
  const folders = layout.folders.filter((folder) => folder.kinds.length > 0);
  const lines = [GENERATED_HEADER, 'import type { GroupVersionInstaller } from "../register.js";'];
  for (const folder of folders) {
    lines.push(`import { addToScheme as ${namespaceAlias(folder)} } from "./${folder.info.folder}/register.js";`);
  }
  lines.push("", "/** Every built-in group version with kinds, with the function that registers it into a Scheme. */");
  lines.push("export const groupVersionInstallers: readonly GroupVersionInstaller[] = [");
  for (const folder of folders) {
    lines.push(`  { group: ${JSON.stringify(folder.info.group)}, version: ${JSON.stringify(folder.info.version)}, addToScheme: ${namespaceAlias(folder)} },`);
  }
  lines.push("];", "");
  return lines.join("\n");
}
