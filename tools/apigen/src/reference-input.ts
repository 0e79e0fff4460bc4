import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { FixtureInput } from "./generate.js";
import type { ProtoSource } from "./model.js";

/** Reads every `generated.proto` under `<reference>/k8s-proto` and every fixture (JSON and protobuf) of both fixture sets, in path order. */
export function readReferenceInput(reference: string): { protos: ProtoSource[]; fixtures: FixtureInput[] } {
  return { protos: readProtos(path.join(reference, "k8s-proto")), fixtures: readFixtures(reference) };
}

function readProtos(protoRoot: string): ProtoSource[] {
  const files = readdirSync(protoRoot, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("generated.proto"))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
  return files.map((file) => ({ file, text: readFileSync(path.join(protoRoot, file), "utf8") }));
}

function readFixtures(reference: string): FixtureInput[] {
  const fixtures: FixtureInput[] = [];
  for (const set of ["api", "apiextensions"]) {
    const dir = path.join(reference, "k8s-testdata", set, "HEAD");
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith(".json")) continue;
      const base = path.join(dir, file.slice(0, -".json".length));
      const pb = existsSync(`${base}.pb`) ? new Uint8Array(readFileSync(`${base}.pb`)) : undefined;
      const value: unknown = JSON.parse(readFileSync(`${base}.json`, "utf8"));
      fixtures.push({ name: file.slice(0, -".json".length), value, ...(pb === undefined ? {} : { pb }) });
    }
  }
  return fixtures;
}
