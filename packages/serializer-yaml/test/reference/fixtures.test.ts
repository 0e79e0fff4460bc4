import { readFileSync } from "node:fs";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import type { GroupVersionKind } from "@apimachinery/meta";
import { afterAll, describe, expect, test } from "vitest";
import { stringifyYaml, yamlSerializer } from "../../src/index.js";
import { decodeJson } from "@apimachinery/serializer-json";

/**
 * Returns the group-version-kind a fixture's name (`<group>.<version>.<Kind>`, `core` for
 * the core group) gives, which the Go round-trip test passes as decoding defaults.
 */
function defaultsOf(name: string): GroupVersionKind {
  const parts = name.split(".");
  const kind = parts.pop() ?? "";
  const version = parts.pop() ?? "";
  const group = parts.join(".");
  return { group: group === "core" ? "" : group, version, kind };
}

const fixtures = referenceDir() === undefined ? [] : listFixtures();
const passed = { roundTrip: 0, jsonTwin: 0, kubectlBytes: 0 };

describe.skipIf(fixtures.length === 0)("reference fixtures", () => {
  afterAll(() => {
    const total = fixtures.length;
    console.log(`YAML decode and re-encode round trip: ${passed.roundTrip}/${total}`);
    console.log(`YAML decodes to its JSON twin: ${passed.jsonTwin}/${total}`);
    console.log(`encoding the JSON twin gives the YAML bytes: ${passed.kubectlBytes}/${total}`);
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s round-trips", (_name, fixture) => {
    const defaults = defaultsOf(fixture.name);
    const decoded = yamlSerializer.decode(readFileSync(fixture.yaml), defaults);
    const again = yamlSerializer.decode(yamlSerializer.encode(decoded.object), defaults);
    expect(again.object).toEqual(decoded.object);
    expect(again.gvk).toEqual(decoded.gvk);
    passed.roundTrip++;
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s equals its JSON twin", (_name, fixture) => {
    const defaults = defaultsOf(fixture.name);
    const decoded = yamlSerializer.decode(readFileSync(fixture.yaml), defaults);
    const twin = decodeJson(readFileSync(fixture.json), { defaults });
    expect(decoded.object).toEqual(twin.object);
    expect(decoded.gvk).toEqual(twin.gvk);
    expect(decoded.gvk).toEqual(defaults);
    passed.jsonTwin++;
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s encodes as Go does", (_name, fixture) => {
    const twin = decodeJson(readFileSync(fixture.json), { defaults: defaultsOf(fixture.name) });
    expect(stringifyYaml(twin.object)).toBe(readFileSync(fixture.yaml, "utf8"));
    passed.kubectlBytes++;
  });
});
