import { decodeJson } from "@apimachinery/serializer-json";
import { describe, expect, test } from "vitest";
import { stringifyYaml, yamlSerializer } from "../src/index.js";

/** Pairs of a YAML manifest and the JSON that Kubernetes reads it as. */
const pairs: readonly (readonly [string, string, string])[] = [
  [
    "YAML 1.1 scalars",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  labels:\n    on: off\ndata:\n  a: yes\n  b: 0644\n  c: ~\n  d: 12:30\n  e: 2008-01-01T01:01:01Z\n",
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"flags","labels":{"true":false}},"data":{"a":true,"b":420,"c":null,"d":"12:30","e":"2008-01-01T01:01:01Z"}}',
  ],
  [
    "int64 values",
    "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsUser: 9007199254740993\n    runAsGroup: -9223372036854775808\n  priority: 9223372036854775807\n",
    '{"apiVersion":"v1","kind":"Pod","spec":{"securityContext":{"runAsUser":9007199254740993,"runAsGroup":-9223372036854775808},"priority":9223372036854775807}}',
  ],
  [
    "numbers beyond int64",
    "apiVersion: v1\nkind: X\nbig: 18446744073709551615\nfloat: 1.5e300\nwhole: 2.0\n",
    '{"apiVersion":"v1","kind":"X","big":18446744073709551615,"float":1.5e300,"whole":2}',
  ],
  [
    "anchors and merges",
    "apiVersion: v1\nkind: X\nbase: &b {cpu: 100m, memory: 1Gi}\nlimits:\n  <<: *b\n  cpu: 200m\n",
    '{"apiVersion":"v1","kind":"X","base":{"cpu":"100m","memory":"1Gi"},"limits":{"cpu":"200m","memory":"1Gi"}}',
  ],
  [
    "block scalars",
    "apiVersion: v1\nkind: X\nscript: |\n  echo hi\n  exit 0\nfolded: >-\n  one\n  two\n",
    '{"apiVersion":"v1","kind":"X","script":"echo hi\\nexit 0\\n","folded":"one two"}',
  ],
];

describe("YAML and JSON decode alike", () => {
  test.each(pairs)("%s", (_name, yamlText, jsonText) => {
    const fromYaml = yamlSerializer.decode(yamlText);
    const fromJson = decodeJson(jsonText);
    expect(fromYaml.object).toEqual(fromJson.object);
    expect(fromYaml.gvk).toEqual(fromJson.gvk);
  });

  test.each(pairs)("%s re-encode to the same object", (_name, yamlText, jsonText) => {
    const fromJson = decodeJson(jsonText);
    expect(yamlSerializer.decode(stringifyYaml(fromJson.object)).object).toEqual(fromJson.object);
  });
});
