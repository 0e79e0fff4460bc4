import { readFileSync } from "node:fs";
import { parseJsonExact } from "../../src/json-exact.js";

/** Reads a fixture's JSON twin, keeping int64 integers exact as the codec does. */
export function readJsonTwin(file: string): Record<string, unknown> {
  return parseJsonExact(readFileSync(file, "utf8")) as Record<string, unknown>;
}
