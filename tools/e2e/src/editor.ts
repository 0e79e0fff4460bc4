import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes an executable script for `KUBE_EDITOR` that replaces every `search` with
 * `replacement` in the file kubectl passes as its last argument, as a person editing
 * would, and returns the script's path. Both strings are taken literally.
 */
export function writeEditorScript(dir: string, name: string, search: string, replacement: string): string {
  const script = path.join(dir, name);
  const source = [
    `#!${process.execPath}`,
    `const fs = require("node:fs");`,
    `const file = process.argv[process.argv.length - 1];`,
    `fs.writeFileSync(file, fs.readFileSync(file, "utf8").split(${JSON.stringify(search)}).join(${JSON.stringify(replacement)}));`,
    "",
  ].join("\n");
  writeFileSync(script, source);
  chmodSync(script, 0o755);
  return script;
}
