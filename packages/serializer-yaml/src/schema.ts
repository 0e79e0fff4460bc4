import { FAILSAFE_SCHEMA, Type, type Schema, type State } from "js-yaml";
import { resolvePlain, type Resolved } from "./resolve.js";
import { FloatBox, MergeKeyBox, NullBox, UintBox, YamlValueError, type SourcePosition } from "./scalar-box.js";
import { decodeBinary } from "./binary.js";

let activeState: State | undefined;

/**
 * Records the parser state as a js-yaml `listener`, so that scalar callbacks can name
 * their position. It also rejects an empty key and a sequence or mapping used as a map
 * key, as sigs.k8s.io/yaml and go-yaml v2 do, where js-yaml would turn them into strings.
 */
export function trackState(event: string, state: State): void {
  activeState = state;
  if (event !== "close") return;
  const result: unknown = state.result;
  if (result === null || result === undefined) {
    // An empty node is a null scalar that js-yaml does not pass through the schema.
    if (isFollowedByKeyIndicator(state.input, state.position)) throw new YamlValueError("unsupported map key of type: <nil>, key: <nil>", currentPosition());
  } else if (typeof result === "object" && (state.kind === "sequence" || state.kind === "mapping")) {
    if (isFollowedByKeyIndicator(state.input, state.position)) {
      throw new YamlValueError(`invalid map key: a ${state.kind} cannot be a key`, currentPosition());
    }
  }
}

/**
 * Reports whether the next token after `position` is the `:` that follows a map key,
 * skipping blanks, line breaks and comments.
 */
function isFollowedByKeyIndicator(input: string, position: number): boolean {
  let index = position;
  while (index < input.length) {
    const char = input[index];
    if (char === " " || char === "\t" || char === "\n" || char === "\r") index++;
    else if (char === "#") {
      while (index < input.length && input[index] !== "\n") index++;
    } else break;
  }
  if (input[index] !== ":") return false;
  const next = input[index + 1];
  return next === undefined || " \t\r\n,[]{}".includes(next);
}

/** Forgets the parser state of the last load. */
export function resetState(): void {
  activeState = undefined;
}

/**
 * Returns the position of the scalar the parser has just read: where it starts when
 * `length` is its length on one line, otherwise where it ends.
 */
function currentPosition(length = 0): SourcePosition {
  if (activeState === undefined) return { line: 0, column: 0 };
  const end = activeState.position - activeState.lineStart;
  return { line: activeState.line + 1, column: (end >= length ? end - length : end) + 1 };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_INT64 = 9223372036854775807n;

/**
 * Converts a resolved integer to its JSON value: a number within ±(2^53 − 1), a bigint in
 * the rest of the int64 range, and a uint64 box above it (a float as a value, an error as a key).
 */
function integerValue(value: bigint, length: number): number | bigint | UintBox {
  if (value <= MAX_SAFE && value >= -MAX_SAFE) return Number(value);
  if (value <= MAX_INT64) return value;
  return new UintBox(value, currentPosition(length));
}

/**
 * Converts a resolution to the value js-yaml stores (boxes for null, floats and uint64).
 * `length` is the scalar's length in the source when it is plain, 0 otherwise.
 */
function valueOf(resolved: Resolved, text: string, length: number): unknown {
  switch (resolved.tag) {
    case "bool":
      return resolved.value;
    case "null":
      return new NullBox(currentPosition(length));
    case "int":
      return integerValue(resolved.value, length);
    case "float":
      return new FloatBox(resolved.value, currentPosition(length));
    default:
      return text;
  }
}

let lastResolved: Resolved | undefined;

/**
 * Every plain scalar goes through this type. `resolve` keeps the resolution for the
 * `construct` call that js-yaml makes right after it on the same scalar.
 */
const plainScalar = new Type("tag:apimachinery.k8s.io,2025:plain", {
  kind: "scalar",
  resolve(data: unknown): boolean {
    if (typeof data !== "string") return false;
    const resolved = resolvePlain(data, false);
    if (resolved.tag === "str") return false;
    lastResolved = resolved;
    return true;
  },
  construct(data: string): unknown {
    const resolved = lastResolved ?? resolvePlain(data, false);
    lastResolved = undefined;
    return valueOf(resolved, data, data.length);
  },
});

/**
 * The plain `<<` scalar. Its tag differs from js-yaml's merge tag on purpose: js-yaml
 * would merge with YAML 1.1 precedence (explicit keys always win), but go-yaml v2 lets a
 * merge overwrite the keys before it, so the decoder applies merges itself.
 */
const mergeKey = new Type("tag:apimachinery.k8s.io,2025:merge", {
  kind: "scalar",
  resolve: (data: unknown) => data === "<<",
  construct: () => new MergeKeyBox(currentPosition(2)),
});

const LONG_TAG_PREFIX = "tag:yaml.org,2002:";

function shortTag(tag: string): string {
  return tag.startsWith(LONG_TAG_PREFIX) ? `!!${tag.slice(LONG_TAG_PREFIX.length)}` : tag;
}

/** The tags go-yaml v2 resolves a scalar against; any other tag leaves the scalar a string. */
const RESOLVABLE = new Set(["!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp"]);

/**
 * Resolves a scalar with an explicit tag as go-yaml v2 does: the text must resolve to the
 * tag (an integer may stand for a float), `!!binary` is base64, and other tags keep the text.
 */
function resolveTagged(data: unknown, tag = ""): unknown {
  const text = typeof data === "string" ? data : "";
  const short = shortTag(tag);
  if (short === "!!binary") return decodeBinary(text, currentPosition());
  if (short === "!!merge" && text === "<<") return new MergeKeyBox(currentPosition());
  if (!RESOLVABLE.has(short) || short === "!!str") return text;
  const resolved = resolvePlain(text, short === "!!timestamp");
  const resolvedTag = `!!${resolved.tag}`;
  if (resolvedTag === short) return valueOf(resolved, text, 0);
  if (short === "!!float" && resolved.tag === "int") return new FloatBox(Number(resolved.value), currentPosition());
  throw new YamlValueError(`cannot decode ${resolvedTag} \`${text}\` as a ${short}`, currentPosition());
}

/** Collections keep their content whatever their tag, as go-yaml v2 ignores tags on them. */
const anyTaggedScalar = new Type("", { kind: "scalar", multi: true, construct: resolveTagged });
const anyTaggedSequence = new Type("", { kind: "sequence", multi: true, construct: (data: unknown) => data ?? [] });
const anyTaggedMapping = new Type("", { kind: "mapping", multi: true, construct: (data: unknown) => data ?? {} });

/** The js-yaml schema that reads YAML as go-yaml v2 does. */
export const goYamlSchema: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [plainScalar, mergeKey],
  explicit: [anyTaggedScalar, anyTaggedSequence, anyTaggedMapping],
});
