import {
  FloatBox,
  MERGE_KEY_PREFIX,
  MergeKeyBox,
  NullBox,
  ScalarBox,
  UintBox,
  YamlValueError,
  mergeKeyPosition,
  type SourcePosition,
} from "./scalar-box.js";

/**
 * The bounds of go-yaml v2's check against alias bombs ("excessive aliasing"). Up to
 * 400,000 decoded nodes, 99% may come from alias expansion. From 4,000,000 nodes on, 10%
 * may, and in between the allowed share falls linearly.
 */
const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - ALIAS_RATIO_LOW)) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MIN_INT64 = -9223372036854775808n;
const MAX_INT64 = 9223372036854775807n;

/**
 * Returns the value a float scalar has after sigs.k8s.io/yaml wrote it as JSON and the
 * Unstructured JSON decoder read it back: Go writes integral floats below 1e21 as plain
 * digits, which read back as int64 where they fit. Infinity and NaN have no JSON form.
 */
function floatValue(box: FloatBox): number | bigint {
  const value = box.value;
  if (!Number.isFinite(value)) {
    let name = value > 0 ? "+Inf" : "-Inf";
    if (Number.isNaN(value)) name = "NaN";
    throw new YamlValueError(`json: unsupported value: ${name}`, box.position);
  }
  if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return value;
  if (Math.abs(value) <= MAX_SAFE) return value === 0 ? 0 : value;
  const exact = BigInt(value);
  return exact >= MIN_INT64 && exact <= MAX_INT64 ? exact : value;
}

function boxValue(box: ScalarBox): unknown {
  if (box instanceof FloatBox) return floatValue(box);
  if (box instanceof UintBox) return Number(box.value);
  if (box instanceof MergeKeyBox) return "<<";
  return null;
}

function isMergeKey(key: string): boolean {
  return key.charCodeAt(0) === 0 && key.startsWith(MERGE_KEY_PREFIX);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Turns what js-yaml returned into plain JSON data: boxes become their JSON values, and
 * every object or array that js-yaml shares between an anchor and its aliases is copied,
 * so no two places in the result share an object. Counts nodes as go-yaml v2 does and
 * fails on excessive aliasing and on an anchor that contains itself.
 */
export class DocumentFinisher {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly visited = new Set<object>();
  private readonly open = new Set<object>();

  finish(value: unknown): unknown {
    this.count();
    if (value === null || typeof value !== "object") return value;
    if (value instanceof ScalarBox) return boxValue(value);
    if (this.open.has(value)) throw new YamlValueError("anchor value contains itself", { line: 0, column: 0 });
    if (this.visited.has(value)) return this.copyAlias(value);
    this.visited.add(value);
    this.open.add(value);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = this.finish(value[index]);
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.some(isMergeKey)) {
        this.finishWithMerges(record, keys);
        this.open.delete(value);
        return value;
      }
      for (const key of keys) {
        this.count();
        setOwn(record, key, this.finish(record[key]));
      }
    }
    this.open.delete(value);
    return value;
  }

  /**
   * Rebuilds a mapping that contains `<<` merge keys as go-yaml v2 decodes it. In key
   * order, each merge writes the merged mapping's keys over what is already there, and
   * keys after the merge overwrite merged ones. A merged sequence of mappings is applied
   * last to first, so earlier ones win. The rebuild happens in place, so aliases to the
   * mapping see the result.
   */
  private finishWithMerges(record: Record<string, unknown>, keys: readonly string[]): void {
    // NOTE: JavaScript lists integer-like keys ("1", "42") first, so against such a key a
    // merge applies as if it came later in the mapping than it does in the source.
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      this.count();
      const value = this.finish(record[key]);
      if (!isMergeKey(key)) {
        setOwn(result, key, value);
        continue;
      }
      const position = mergeKeyPosition(key);
      const sources = Array.isArray(value) ? [...value].reverse() : [value];
      for (const source of sources) this.mergeInto(result, source, position);
    }
    for (const key of keys) delete record[key];
    for (const key of Object.keys(result)) setOwn(record, key, result[key]);
  }

  private mergeInto(target: Record<string, unknown>, source: unknown, position: SourcePosition): void {
    if (!isMapping(source)) throw new YamlValueError("map merge requires map or sequence of maps as the value", position);
    for (const key of Object.keys(source)) setOwn(target, key, source[key]);
  }

  private copyAlias(value: object): unknown {
    this.aliasDepth++;
    const copy = this.copy(value);
    this.aliasDepth--;
    return copy;
  }

  /** Deep-copies a value that `finish` already converted, counting each node as an alias expansion. */
  private copy(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      const result: unknown[] = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index++) {
        this.count();
        result[index] = this.copy(value[index]);
      }
      return result;
    }
    const source = value as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      this.count();
      this.count();
      setOwn(result, key, this.copy(source[key]));
    }
    return result;
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlValueError("document contains excessive aliasing", { line: 0, column: 0 });
    }
  }
}
