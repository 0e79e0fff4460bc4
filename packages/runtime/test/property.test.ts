import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { isStatusError } from "@apimachinery/meta";
import {
  CodecFactory,
  metaTransformRestrictions,
  nestedField,
  parseAccept,
  parseMediaType,
  removeNestedField,
  setNestedField,
  type SerializerInfo,
} from "@apimachinery/runtime";

function info(mediaType: string): SerializerInfo {
  const [type = "", subType = ""] = mediaType.split("/");
  const serializer = {
    mediaType,
    identifier: mediaType,
    encode: () => new Uint8Array(),
    decode: () => ({ object: {}, gvk: { group: "", version: "", kind: "" } }),
  };
  return { mediaType, mediaTypeType: type, mediaTypeSubType: subType, encodesAsText: true, serializer };
}

const factory = new CodecFactory([info("application/json"), info("application/yaml"), info("application/vnd.kubernetes.protobuf")]);

/** Header-like text: mostly the characters that media types are made of. */
const headerText = fc.string({ unit: fc.constantFrom(..."application/json;q=0.5,*/ \"\\as=Tble;g=v1yamlx\t".split("")), maxLength: 80 });

/** Runs `action` and fails the property when it throws anything but a StatusError. */
function onlyStatusErrors(action: () => unknown): boolean {
  try {
    action();
  } catch (error) {
    if (!isStatusError(error)) throw error;
  }
  return true;
}

describe("media type properties", () => {
  test("parsers never throw", () => {
    fc.assert(
      fc.property(fc.oneof(headerText, fc.string({ unit: "binary" })), (text) => {
        parseMediaType(text);
        for (const clause of parseAccept(text)) {
          expect(clause.q).toBeGreaterThan(0);
          expect(clause.q).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("negotiation fails only with StatusErrors", () => {
    fc.assert(
      fc.property(headerText, (text) =>
        onlyStatusErrors(() => factory.negotiateOutput(text, metaTransformRestrictions)) && onlyStatusErrors(() => factory.negotiateInput(text)),
      ),
      { numRuns: 3000 },
    );
  });

  test("accept is ordered by weight", () => {
    fc.assert(
      fc.property(headerText, (text) => {
        const weights = parseAccept(text).map((clause) => clause.q);
        expect(weights).toEqual([...weights].sort((a, b) => b - a));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("unstructured properties", () => {
  test("set then get returns the value", () => {
    const path = fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(path, fc.jsonValue(), (fields, value) => {
        const object: Record<string, unknown> = {};
        setNestedField(object, value, ...fields);
        expect(nestedField(object, ...fields)).toStrictEqual(value);
        removeNestedField(object, ...fields);
        expect(nestedField(object, ...fields)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});
