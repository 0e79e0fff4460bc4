import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it } from "vitest";
import { allKindSchemas, builtinSchemas } from "@apimachinery/api";
import { isStatusError } from "@apimachinery/meta";
import { listFixtures, referenceDir } from "@apimachinery/testing";
import { ProtobufSerializer } from "../../src/index.js";

const reference = referenceDir();
const samples = ["core.v1.Pod", "apps.v1.Deployment", "apiextensions.k8s.io.v1.CustomResourceDefinition", "core.v1.WatchEvent", "coordination.k8s.io.v1.Lease"];
const fixtures = reference === undefined ? [] : listFixtures().filter((fixture) => samples.includes(fixture.name));
const serializer = new ProtobufSerializer({ schemas: builtinSchemas(), kinds: allKindSchemas });

function onlyStatusErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    // A StatusError that wraps an unexpected failure (TypeError, RangeError) still fails the property.
    if (isStatusError(error) && !error.message.includes("unexpected failure")) return true;
    throw error;
  }
}

/** Sets the varint at `offset` (a length prefix, where one starts there) to a random value. */
function corruptVarint(data: Uint8Array, offset: number, value: number): Uint8Array {
  const out = data.slice();
  let at = offset;
  while (at < out.length && out[at]! >= 0x80) at++;
  let rest = value;
  const encoded: number[] = [];
  while (rest > 0x7f) {
    encoded.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  encoded.push(rest);
  return Uint8Array.from([...out.subarray(0, offset), ...encoded, ...out.subarray(at + 1)]);
}

describe.skipIf(reference === undefined)("decoder on mutated golden fixtures", () => {
  const data = fixtures.map((fixture) => new Uint8Array(readFileSync(fixture.pb)));

  it("fails only with StatusErrors on bit flips", () => {
    fc.assert(
      fc.property(fc.nat({ max: data.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }), (index, flips) => {
        const mutated = data[index]!.slice();
        for (const [offset, bit] of flips) mutated[offset % mutated.length]! ^= 1 << bit;
        return onlyStatusErrors(() => serializer.decode(mutated));
      }),
      { numRuns: 1500 },
    );
  });

  it("fails only with StatusErrors on truncation", () => {
    fc.assert(
      fc.property(fc.nat({ max: data.length - 1 }), fc.nat(), (index, cut) => {
        const original = data[index]!;
        return onlyStatusErrors(() => serializer.decode(original.subarray(0, cut % original.length)));
      }),
      { numRuns: 1000 },
    );
  });

  it("fails only with StatusErrors on corrupted lengths", () => {
    fc.assert(
      fc.property(fc.nat({ max: data.length - 1 }), fc.nat(), fc.oneof(fc.nat({ max: 300 }), fc.nat()), (index, offset, value) => {
        const original = data[index]!;
        return onlyStatusErrors(() => serializer.decode(corruptVarint(original, 4 + (offset % (original.length - 4)), value)));
      }),
      { numRuns: 1500 },
    );
  });

  it("fails only with StatusErrors on spliced fixtures", () => {
    fc.assert(
      fc.property(fc.nat({ max: data.length - 1 }), fc.nat({ max: data.length - 1 }), fc.nat(), fc.nat(), (a, b, cutA, cutB) => {
        const left = data[a]!;
        const right = data[b]!;
        const spliced = Uint8Array.from([...left.subarray(0, cutA % left.length), ...right.subarray(cutB % right.length)]);
        return onlyStatusErrors(() => serializer.decode(spliced));
      }),
      { numRuns: 500 },
    );
  });
});
