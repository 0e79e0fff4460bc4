import { readFileSync } from "node:fs";
import path from "node:path";
import { dumpYaml, loadYaml } from "@kubernetes/client-node";
import { ObjectSerializer } from "@kubernetes/client-node/dist/serializer.js";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { decodeJson, encodeJsonText } from "@apimachinery/serializer-json";
import { ProtobufSerializer } from "@apimachinery/serializer-protobuf";
import { stringifyYaml, yamlSerializer } from "@apimachinery/serializer-yaml";
import { fixtureDir } from "@apimachinery/testing";
import { compareRow, measureOps, type BenchRow, type Suite, type SuiteOptions, type Task } from "../harness.js";
import { realisticPod } from "./json.js";

const SUITE = "client-node";

/** The built-in kinds by `group/version/kind`, looked up in a map as a Scheme does. */
const builtinKinds = new Map(allKindSchemas.map((kind) => [`${kind.group}/${kind.version}/${kind.kind}`, kind]));
const builtinLookup = {
  schemas: builtinSchemas(),
  kindSchema: (gvk: { readonly group: string; readonly version: string; readonly kind: string }) => builtinKinds.get(`${gvk.group}/${gvk.version}/${gvk.kind}`),
};

/** client-node's JSON path for a Pod: `JSON.parse` then `ObjectSerializer.deserialize` into a V1Pod (Dates included). */
function clientNodeDecode(text: string): unknown {
  return ObjectSerializer.deserialize(JSON.parse(text), "V1Pod");
}

/** client-node's JSON path for a Pod: `ObjectSerializer.serialize` of a V1Pod then `JSON.stringify`. */
function clientNodeEncode(pod: unknown): string {
  return JSON.stringify(ObjectSerializer.serialize(pod, "V1Pod"));
}

/**
 * Returns the tasks of one Pod document: decode and encode in JSON, protobuf and YAML by
 * this project's codecs and by client-node 1.x, each beside `JSON.parse` or `JSON.stringify`.
 */
function tasksFor(label: string, jsonText: string, serializer: ProtobufSerializer): Task[] {
  const object = decodeJson(jsonText, { schemas: builtinLookup }).object;
  const protobufBytes = serializer.encode(object);
  const yamlText = stringifyYaml(object);
  const yamlBytes = new TextEncoder().encode(yamlText);
  const clientNodePod = clientNodeDecode(jsonText);
  const plain = JSON.parse(jsonText) as unknown;
  const parse = `${label} decode: JSON.parse`;
  const stringify = `${label} encode: JSON.stringify`;
  return [
    { name: parse, fn: () => JSON.parse(jsonText) },
    { name: `${label} decode: client-node JSON.parse + ObjectSerializer`, fn: () => clientNodeDecode(jsonText), baseline: parse },
    { name: `${label} decode: decodeJson typed`, fn: () => decodeJson(jsonText, { schemas: builtinLookup }), baseline: parse },
    { name: `${label} decode: protobuf`, fn: () => serializer.decode(protobufBytes), baseline: parse },
    { name: `${label} decode: client-node loadYaml`, fn: () => loadYaml(yamlText), baseline: parse },
    { name: `${label} decode: serializer-yaml`, fn: () => yamlSerializer.decode(yamlBytes), baseline: parse },
    { name: stringify, fn: () => JSON.stringify(plain) },
    { name: `${label} encode: client-node ObjectSerializer + JSON.stringify`, fn: () => clientNodeEncode(clientNodePod), baseline: stringify },
    { name: `${label} encode: encodeJsonText`, fn: () => encodeJsonText(object), baseline: stringify },
    { name: `${label} encode: protobuf`, fn: () => serializer.encode(object), baseline: stringify },
    { name: `${label} encode: client-node dumpYaml`, fn: () => dumpYaml(clientNodePod), baseline: stringify },
    { name: `${label} encode: serializer-yaml`, fn: () => stringifyYaml(object), baseline: stringify },
  ];
}

/** Adds rows that compare this project's codecs with client-node's instead of with the built-ins. */
function peerComparisons(rows: readonly BenchRow[], label: string): BenchRow[] {
  const find = (name: string) => rows.find((row) => row.name === `${label} ${name}`);
  const pairs: [string, string][] = [
    ["decode: protobuf", "decode: client-node JSON.parse + ObjectSerializer"],
    ["decode: decodeJson typed", "decode: client-node JSON.parse + ObjectSerializer"],
    ["decode: serializer-yaml", "decode: client-node loadYaml"],
    ["encode: protobuf", "encode: client-node ObjectSerializer + JSON.stringify"],
    ["encode: encodeJsonText", "encode: client-node ObjectSerializer + JSON.stringify"],
    ["encode: serializer-yaml", "encode: client-node dumpYaml"],
  ];
  const compared: BenchRow[] = [];
  for (const [ours, peer] of pairs) {
    const row = find(ours);
    const base = find(peer);
    if (row && base) compared.push(compareRow(row, `${row.name} (vs client-node)`, base.name));
  }
  return compared;
}

/**
 * Codecs of this project against `@kubernetes/client-node` 1.x, the peer TypeScript
 * library, on the realistic 3 KB Pod and the 61 KB `core.v1.Pod` golden fixture. client-node
 * reads JSON with `JSON.parse` and `ObjectSerializer.deserialize`, which turns timestamps
 * into Date objects, and reads YAML with js-yaml through `loadYaml`. It writes through
 * `ObjectSerializer.serialize`, then `JSON.stringify` or js-yaml's `dumpYaml`.
 */
export const clientNodeSuite: Suite = {
  name: SUITE,
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });
    const documents: [string, string][] = [["3 KB Pod", JSON.stringify(realisticPod())]];
    const dir = fixtureDir("api");
    if (dir !== undefined) documents.push(["Pod fixture", readFileSync(path.join(dir, "core.v1.Pod.json"), "utf8")]);
    const rows: BenchRow[] = [];
    for (const [label, text] of documents) {
      const measured = await measureOps(SUITE, tasksFor(label, text, serializer), options);
      rows.push(...measured, ...peerComparisons(measured, label));
    }
    if (dir === undefined) rows.push({ suite: SUITE, name: "Pod fixture", value: 0, unit: "ops/s", note: "skipped: reference data absent" });
    return rows;
  },
};
