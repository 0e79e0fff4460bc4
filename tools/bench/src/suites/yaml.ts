import { readFileSync } from "node:fs";
import path from "node:path";
import { fixtureDir } from "@apimachinery/testing";
import { stringifyYaml, yamlSerializer } from "@apimachinery/serializer-yaml";
import { dump as jsYamlDump, load as jsYamlLoad } from "js-yaml";
import { parse as yamlParse, stringify as yamlStringify } from "yaml";
import { measureOps, type BenchRow, type Suite, type SuiteOptions } from "../harness.js";

const SUITE = "yaml";

/**
 * Measures decoding and encoding of the `core.v1.Pod` reference fixture, which is 39 KB
 * of YAML and the same object as 61 KB of JSON. The rows compare serializer-yaml (js-yaml
 * with go-yaml v2's rules, and a go-yaml v2 emitter) with plain js-yaml 4 and with the
 * `yaml` 2 library in YAML 1.1 mode. JSON.parse and JSON.stringify of the same object are
 * the baselines.
 */
async function run(options: SuiteOptions): Promise<BenchRow[]> {
  const dir = fixtureDir("api");
  if (dir === undefined) {
    console.error("suite yaml skipped: the reference fixtures are absent");
    return [];
  }
  const yamlBytes = readFileSync(path.join(dir, "core.v1.Pod.yaml"));
  const yamlText = yamlBytes.toString("utf8");
  const jsonText = readFileSync(path.join(dir, "core.v1.Pod.json"), "utf8");
  const object = yamlSerializer.decode(yamlBytes).object;
  const plain = JSON.parse(jsonText) as unknown;
  const decodeBaseline = "JSON.parse of the Pod";
  const encodeBaseline = "JSON.stringify of the Pod";
  return measureOps(
    SUITE,
    [
      { name: decodeBaseline, fn: () => JSON.parse(jsonText) },
      { name: "decode Pod: serializer-yaml (js-yaml, go-yaml v2 rules)", fn: () => yamlSerializer.decode(yamlBytes), baseline: decodeBaseline },
      { name: "decode Pod: js-yaml 4 load, default schema", fn: () => jsYamlLoad(yamlText), baseline: decodeBaseline },
      { name: "decode Pod: yaml 2 parse, YAML 1.1 schema", fn: () => yamlParse(yamlText, { version: "1.1" }), baseline: decodeBaseline },
      { name: encodeBaseline, fn: () => JSON.stringify(plain) },
      { name: "encode Pod: serializer-yaml (go-yaml v2 emitter)", fn: () => stringifyYaml(object), baseline: encodeBaseline },
      { name: "encode Pod: js-yaml 4 dump", fn: () => jsYamlDump(plain, { noArrayIndent: true, sortKeys: true }), baseline: encodeBaseline },
      { name: "encode Pod: yaml 2 stringify", fn: () => yamlStringify(plain, { version: "1.1" }), baseline: encodeBaseline },
    ],
    options,
  );
}

/** The `yaml` suite. */
export const yamlSuite: Suite = { name: SUITE, run };
