import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { builtinCodecs, builtinScheme, createApiHandler, MemoryStorage, Store, storageCodec, type ObjectData } from "@apimachinery/apiserver";
import { builtinResources, emulatedVersion } from "@apimachinery/server";
import { podToCreate } from "./pods.js";

/** Options of {@link startHandlerServer}. */
export interface HandlerServerOptions {
  /** Serve lists from a watch cache in front of the storage (true) or from the storage itself. */
  readonly watchCache: boolean;
  /** The namespace to fill with Pods, and how many. */
  readonly namespace: string;
  readonly pods: number;
}

/**
 * Starts the REST handler of the apiserver library over plain node:http on loopback, serving
 * only Pods on memory storage, with `options.pods` copies of the 3 KB Pod written through the
 * Store first. The control plane always puts a watch cache in front of storage, so this
 * server is what lets a list be served from storage for comparison.
 */
export async function startHandlerServer(options: HandlerServerOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const info = builtinResources.find((resource) => resource.group === "" && resource.resource === "pods");
  if (!info) throw new Error("the built-in resources lack pods");
  const scheme = builtinScheme();
  const storage = new MemoryStorage();
  const store = new Store(info, storage, storageCodec(scheme), {}, { watchCache: options.watchCache });
  for (let index = 0; index < options.pods; index++) {
    await store.create(options.namespace, podToCreate(options.namespace, `pod-${index}`) as ObjectData);
  }
  await store.start();
  const handler = createApiHandler({ stores: [store], codecs: builtinCodecs(scheme), version: emulatedVersion, checkNamespaces: false });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await store.stop();
      await storage.close();
      await closed;
    },
  };
}
