import type { IKeyValue } from "etcd3";
import type { KeyValue } from "@apimachinery/apiserver";

/**
 * Maps storage keys to etcd keys under a fixed prefix and back, and computes the
 * `range_end` that selects every key under a prefix.
 */
export class KeyCodec {
  private readonly prefixBytes: Buffer;

  constructor(readonly prefix: string) {
    this.prefixBytes = Buffer.from(prefix, "utf8");
  }

  /** Returns the etcd key of a storage key. */
  encode(key: string): Buffer {
    return Buffer.from(this.prefix + key, "utf8");
  }

  /** Returns the storage key of an etcd key under the prefix. */
  decode(etcdKey: Buffer): string {
    return etcdKey.subarray(this.prefixBytes.length).toString("utf8");
  }

  /** Converts an etcd KeyValue into a storage KeyValue. */
  keyValue(kv: IKeyValue): KeyValue {
    return {
      key: this.decode(kv.key),
      value: new Uint8Array(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength),
      createRevision: Number(kv.create_revision),
      modRevision: Number(kv.mod_revision),
    };
  }
}

/**
 * Returns etcd's `range_end` for every key that starts with `start`: `start` with its last
 * byte below 0xff incremented and what follows dropped, or `"\0"` (every key) when there is
 * no such byte.
 */
export function prefixRangeEnd(start: Buffer): Buffer {
  const end = Buffer.from(start);
  for (let index = end.length - 1; index >= 0; index--) {
    if ((end[index] as number) < 0xff) {
      end[index] = (end[index] as number) + 1;
      return end.subarray(0, index + 1);
    }
  }
  return Buffer.from([0]);
}
