import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addToScheme, allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { Scheme } from "@apimachinery/runtime";
import { decodeJson, encodeJson } from "@apimachinery/serializer-json";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { ProtobufSerializer } from "../../src/index.js";
import { fixtureKind } from "../support/fixtures.js";

const reference = referenceDir();
const fixtures = reference === undefined ? [] : listFixtures();
const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });
const scheme = addToScheme(new Scheme());

describe.skipIf(reference === undefined)("parity with the JSON serializer", () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s decodes as JSON decoding does", (name, fixture) => {
    const fromProtobuf = serializer.decode(new Uint8Array(readFileSync(fixture.pb)), fixtureKind(name));
    const fromJson = decodeJson(new Uint8Array(readFileSync(fixture.json)), { defaults: fixtureKind(name), schemas: scheme });
    expect(fromProtobuf.object).toEqual(fromJson.object);
    expect(fromProtobuf.gvk).toEqual(fromJson.gvk);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s survives protobuf then JSON then protobuf", (name, fixture) => {
    const pb = new Uint8Array(readFileSync(fixture.pb));
    const viaJson = decodeJson(encodeJson(serializer.decode(pb, fixtureKind(name)).object), { defaults: fixtureKind(name) }).object;
    expect(Buffer.from(serializer.encode(viaJson, fixtureKind(name))).equals(Buffer.from(pb))).toBe(true);
  });
});
