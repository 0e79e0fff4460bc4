import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { ProtobufSerializer } from "../../src/index.js";
import { fixtureKind } from "../support/fixtures.js";
import { readJsonTwin } from "../support/json-twin.js";

const reference = referenceDir();
const fixtures = reference === undefined ? [] : listFixtures();
const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });

function hex(data: Uint8Array): string {
  return Buffer.from(data).toString("hex");
}

describe.skipIf(reference === undefined)("golden fixtures", () => {
  const passed = { decode: 0, reencode: 0, encodeJson: 0 };

  afterAll(() => {
    const total = fixtures.length;
    console.log(`protobuf golden fixtures: decode equals JSON twin ${passed.decode}/${total}, re-encode identical ${passed.reencode}/${total}, JSON twin encodes identical ${passed.encodeJson}/${total}`);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s decodes to its JSON twin", (name, fixture) => {
    const pb = new Uint8Array(readFileSync(fixture.pb));
    const decoded = serializer.decode(pb, fixtureKind(name));
    expect(decoded.object).toEqual(readJsonTwin(fixture.json));
    expect(decoded.gvk).toEqual(fixtureKind(name));
    passed.decode++;
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s re-encodes byte for byte", (name, fixture) => {
    const pb = new Uint8Array(readFileSync(fixture.pb));
    const decoded = serializer.decode(pb, fixtureKind(name));
    expect(hex(serializer.encode(decoded.object, fixtureKind(name)))).toBe(hex(pb));
    passed.reencode++;
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s JSON twin encodes to the .pb", (name, fixture) => {
    const pb = new Uint8Array(readFileSync(fixture.pb));
    expect(hex(serializer.encode(readJsonTwin(fixture.json), fixtureKind(name)))).toBe(hex(pb));
    passed.encodeJson++;
  });
});
