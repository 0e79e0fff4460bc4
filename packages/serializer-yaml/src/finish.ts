import { FloatBox, NullBox, ScalarBox, UintBox, YamlValueError } from "./scalar-box.js";

/**
 * The bounds of go-yaml v2's check against alias bombs ("excessive aliasing"): up to
 * 400,000 decoded nodes, 99% may come from alias expansion; from 4,000,000 nodes on, 10%;
 * in between the allowed share falls linearly.
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
    const name = Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
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
  if (box instanceof NullBox) return null;
  return null;
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
      for (const key of Object.keys(record)) {
        this.count();
        setOwn(record, key, this.finish(record[key]));
      }
    }
    this.open.delete(value);
    return value;
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
