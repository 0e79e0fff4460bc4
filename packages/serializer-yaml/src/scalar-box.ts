import { formatGoFloat } from "./go-float.js";

/** A position in the source: 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A value that go-yaml v2 or sigs.k8s.io/yaml rejects although the YAML syntax is valid,
 * raised from inside js-yaml's callbacks and turned into a BadRequest by the decoder.
 */
export class YamlValueError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
  }
}

/**
 * A resolved scalar that needs different handling as a map key and as a value. js-yaml
 * turns map keys into strings with `String(key)`, which calls `toString` here, so a box
 * can apply sigs.k8s.io/yaml's key conversion. The decoder replaces every box that ends up
 * as a value by its JSON value.
 */
export abstract class ScalarBox {
  constructor(readonly position: SourcePosition) {}

  /** A tag other than `Object`, so that js-yaml calls `toString` instead of using "[object Object]". */
  get [Symbol.toStringTag](): string {
    return "ScalarBox";
  }
}

/** A null scalar (`~`, `null`, empty). As a map key it is an error, as in sigs.k8s.io/yaml. */
export class NullBox extends ScalarBox {
  override toString(): string {
    throw new YamlValueError("unsupported map key of type: <nil>, key: <nil>", this.position);
  }
}

/** A float scalar. As a map key it becomes Go's 32-bit `%g` form, as sigs.k8s.io/yaml writes float keys. */
export class FloatBox extends ScalarBox {
  constructor(
    readonly value: number,
    position: SourcePosition,
  ) {
    super(position);
  }

  override toString(): string {
    return formatGoFloat(this.value, 32);
  }
}

/** An integer in (2^63 − 1, 2^64 − 1], a Go uint64. Not a valid map key for sigs.k8s.io/yaml. */
export class UintBox extends ScalarBox {
  constructor(
    readonly value: bigint,
    position: SourcePosition,
  ) {
    super(position);
  }

  override toString(): string {
    throw new YamlValueError(`unsupported map key of type: uint64, key: 0x${this.value.toString(16)}`, this.position);
  }
}

/** The prefix of the property names that stand for `<<` merge keys until the decoder applies them. */
export const MERGE_KEY_PREFIX = "\u0000<<merge\u0000";

let mergeKeyCount = 0;

/**
 * A plain `<<` scalar. As a map key it becomes a unique placeholder property, so js-yaml
 * keeps every merge in its place and the decoder can apply them in go-yaml v2's order.
 * As a value it is the string "<<".
 */
export class MergeKeyBox extends ScalarBox {
  override toString(): string {
    mergeKeyCount = (mergeKeyCount + 1) % Number.MAX_SAFE_INTEGER;
    return `${MERGE_KEY_PREFIX}${mergeKeyCount}:${this.position.line}:${this.position.column}`;
  }
}

/** Reads the position a merge placeholder property was created with. */
export function mergeKeyPosition(key: string): SourcePosition {
  const [, line = "0", column = "0"] = key.slice(MERGE_KEY_PREFIX.length).split(":");
  return { line: Number(line), column: Number(column) };
}
