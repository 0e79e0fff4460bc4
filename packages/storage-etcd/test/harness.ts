import { randomUUID } from "node:crypto";
import { Etcd3 } from "etcd3";
import { etcdUnavailable, startEtcd, type EtcdServer } from "@apimachinery/testing";
import type { Storage } from "@apimachinery/apiserver";
import { EtcdStorage, type EtcdStorageOptions } from "../src/index.js";

/**
 * Starts (or finds) the etcd of a test file. Returns undefined after printing one loud
 * line when there is none; throws when `CI` is set, so CI fails instead of skipping.
 */
export async function etcdForTests(suite: string): Promise<EtcdServer | undefined> {
  const server = await startEtcd();
  if (server === undefined) console.warn(etcdUnavailable(suite));
  return server;
}

/** Opens stores on one etcd, each under its own random prefix, and deletes their keys afterwards. */
export class EtcdTestStores {
  private readonly prefixes = new Set<string>();

  constructor(
    readonly endpoints: readonly string[],
    /** Options for every store, besides the endpoints and the prefix. */
    private readonly options: Omit<EtcdStorageOptions, "endpoints" | "prefix"> = {},
  ) {}

  /** Opens a store under a fresh random prefix. */
  async open(): Promise<EtcdStorage> {
    const prefix = `/apimachinery-test/${randomUUID()}`;
    this.prefixes.add(prefix);
    return new EtcdStorage({ ...this.options, endpoints: this.endpoints, prefix });
  }

  /** Closes `store` and opens a new client on the same prefix, as after a restart. */
  async reopen(store: Storage): Promise<EtcdStorage> {
    if (!(store instanceof EtcdStorage)) throw new TypeError("reopen expects an EtcdStorage");
    await store.close();
    return new EtcdStorage({ ...this.options, endpoints: this.endpoints, prefix: store.prefix });
  }

  /** Deletes every key under the prefixes this instance handed out. */
  async cleanup(): Promise<void> {
    const client = new Etcd3({ hosts: [...this.endpoints] });
    try {
      for (const prefix of this.prefixes) await client.delete().prefix(prefix);
      this.prefixes.clear();
    } finally {
      client.close();
    }
  }
}
