import { readFileSync } from "node:fs";
import { isStatusError } from "@apimachinery/meta";
import { fixtureDir } from "@apimachinery/testing";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { YamlSerializer, parseDocuments, parseYaml, parseYamlAll, stringifyYaml, yamlSerializer } from "../src/index.js";

const strictSerializer = new YamlSerializer({ strict: true });

/** Runs `parse` and reports whether it returned or failed with a StatusError (anything else fails the property). */
function onlyStatusErrors(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (isStatusError(error)) return true;
    throw error;
  }
}

const sampleManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: "on"}
  annotations:
    note: |
      first line
      second line
spec:
  replicas: 0x3
  selector: &sel
    matchLabels:
      app: web
  template:
    metadata:
      labels: *sel
    spec:
      containers:
      - name: web
        image: 'nginx:1.25'
        args: ["--port", 8080, yes, ~]
        env:
        - {name: A, value: "1e3"}
        - name: B
          value: >-
            folded
            text
      base: &base {x: 1}
      derived:
        <<: *base
        y: !!str 2
`;

/** Mutations that hit YAML's structure: indicators, quotes, indentation, tabs and line breaks. */
const structural = fc.constantFrom(..." \t\n:-?[]{},&*!|>'\"%@`#~<.0123456789yn\\\r\u0000\u0085\ufeff");

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.array(structural, { maxLength: 6 }),
});

function mutate(text: string, mutations: readonly { at: number; remove: number; insert: string[] }[]): string {
  let result = text;
  for (const { at, remove, insert } of mutations) {
    const index = at % (result.length + 1);
    result = result.slice(0, index) + insert.join("") + result.slice(index + remove);
  }
  return result;
}

const fixtureText = (() => {
  const dir = fixtureDir("api");
  return dir === undefined ? sampleManifest : readFileSync(`${dir}/core.v1.Pod.yaml`, "utf8");
})();

describe("malformed input gives only StatusErrors", () => {
  test("random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => onlyStatusErrors(() => parseYamlAll(text))),
      { numRuns: 500 },
    );
  });

  test("random text from YAML's indicator characters", () => {
    fc.assert(
      fc.property(fc.array(structural, { maxLength: 200 }), (chars) => onlyStatusErrors(() => parseYamlAll(chars.join("")))),
      { numRuns: 1000 },
    );
  });

  test("random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyStatusErrors(() => yamlSerializer.decode(bytes))),
      { numRuns: 500 },
    );
  });

  test("mutated manifest", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) =>
        onlyStatusErrors(() => yamlSerializer.decodeAll(mutate(sampleManifest, mutations))),
      ),
      { numRuns: 1000 },
    );
  });

  test("mutated manifest in strict mode", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) =>
        onlyStatusErrors(() => strictSerializer.decodeAll(mutate(sampleManifest, mutations))),
      ),
      { numRuns: 500 },
    );
  });

  test("mutated reference fixture", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) =>
        onlyStatusErrors(() => yamlSerializer.decode(mutate(fixtureText, mutations))),
      ),
      { numRuns: 200 },
    );
  });
});

describe("first document", () => {
  const stream = `${sampleManifest}---\n# second\nkind: Service\nspec: {ports: [80]}\n...\n--- third\n`;

  test("parseYaml agrees with the first document of a full parse", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const text = mutate(stream, mutations);
        let all: ReturnType<typeof parseDocuments>;
        try {
          all = parseDocuments(text);
        } catch (error) {
          if (isStatusError(error)) return;
          throw error;
        }
        expect(parseYaml(text)).toEqual(all[0]?.value ?? null);
      }),
      { numRuns: 1000 },
    );
  });
});

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Returns the value Go would hand back after a JSON round trip: -0 becomes 0, and integral
 * numbers beyond ±(2^53 − 1) inside the int64 range become exact bigints.
 */
function goNormalized(value: unknown): unknown {
  if (typeof value === "number") {
    if (Object.is(value, -0)) return 0;
    if (Number.isInteger(value) && Math.abs(value) > MAX_SAFE && value >= -(2 ** 63) && value < 2 ** 63) return BigInt(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(goNormalized);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, goNormalized(item)]));
  }
  return value;
}

const trickyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("yes", "No", "on", "OFF", "y", "~", "null", "", "0755", "0x1F", "1e3", ".inf", "12:30", "2001-01-01", "<<", "- a", "a: b", "#c", " x", "x ", "a\nb", "a\n", "\n\n", "'", '"', "\t"),
  fc.array(fc.constantFrom("word", " ", "  ", "\n", ":", "#", "'", "-"), { maxLength: 60 }).map((parts) => parts.join("")),
);

const scalar = fc.oneof(
  trickyString,
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => (value >= -BigInt(MAX_SAFE) && value <= BigInt(MAX_SAFE) ? Number(value) : value)),
);

const { value: jsonLike } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(trickyString, tie("value"), { maxKeys: 4 }),
}));

describe("encoding round-trips", () => {
  test("decode(encode(x)) equals x", () => {
    fc.assert(
      fc.property(fc.dictionary(trickyString, jsonLike, { maxKeys: 6 }), (object) => {
        expect(parseYaml(stringifyYaml(object))).toEqual(goNormalized(object));
      }),
      { numRuns: 500 },
    );
  });

  test("encode is stable after one round trip", () => {
    fc.assert(
      fc.property(fc.dictionary(trickyString, jsonLike, { maxKeys: 6 }), (object) => {
        const text = stringifyYaml(object);
        expect(stringifyYaml(parseYaml(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
