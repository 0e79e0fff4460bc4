import { builtinScheme, MemoryStorage, storageCodec, WatchCache, type ObjectData } from "@apimachinery/apiserver";
import { collectGarbage, type BenchRow, type Suite, type SuiteOptions } from "../harness.js";
import { usedMemory } from "../server/memory-sampler.js";

const SUITE = "memory";
const PREFIX = "/registry/configmaps/";

/** Builds a small ConfigMap as a controller writes one: two labels and three short data keys. */
function smallConfigMap(index: number): ObjectData {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `settings-${index}`,
      namespace: `team-${index % 50}`,
      uid: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      creationTimestamp: "2024-05-01T12:00:00Z",
      labels: { app: "web", shard: String(index % 16) },
    },
    data: { mode: "production", replicas: "3", endpoint: `https://backend-${index % 100}.example.com:8443` },
  } as ObjectData;
}

/** Returns the memory in use after a full garbage collection, in bytes. */
function settledMemory(): number {
  collectGarbage();
  return usedMemory();
}

/**
 * Memory per stored object: `count` small ConfigMaps (protobuf-encoded by the control plane's
 * storage codec, as the server stores built-in kinds) written to MemoryStorage, then a
 * WatchCache in front of it filled by its initial list. Each figure is the growth of V8 heap
 * plus Buffers after a full garbage collection, divided by the object count. The baseline
 * of the cache row is an array holding the same objects decoded, without a cache.
 */
async function run(options: SuiteOptions): Promise<BenchRow[]> {
  const count = options.quick ? 5000 : 100_000;
  if (!(globalThis as { gc?: unknown }).gc) {
    return [{ suite: SUITE, name: "skipped", value: 0, unit: "bytes", note: "run Node with --expose-gc, as pnpm bench does" }];
  }
  const codec = storageCodec(builtinScheme());
  const sample = codec.encode(smallConfigMap(0));

  const beforeArray = settledMemory();
  const decoded: ObjectData[] = [];
  for (let index = 0; index < count; index++) decoded.push(codec.decode(codec.encode(smallConfigMap(index))));
  const arrayBytes = (settledMemory() - beforeArray) / decoded.length;
  decoded.length = 0;

  const beforeStorage = settledMemory();
  const storage = new MemoryStorage();
  for (let index = 0; index < count; index++) {
    const object = smallConfigMap(index);
    await storage.create(`${PREFIX}${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`, codec.encode(object));
  }
  const storageBytes = (settledMemory() - beforeStorage) / count;

  const beforeCache = settledMemory();
  const cache = new WatchCache<ObjectData>(storage, { prefix: PREFIX, decode: (kv) => codec.decode(kv.value), bookmarkIntervalMs: 0 });
  await cache.start();
  const cacheBytes = (settledMemory() - beforeCache) / count;
  const cachedCount = (await cache.list({})).items.length;
  await cache.stop();
  await storage.close();

  const decodedName = `${count} decoded ConfigMaps in an array: memory per object`;
  return [
    { suite: SUITE, name: "small ConfigMap: stored protobuf value", value: sample.length, unit: "bytes", higherIsBetter: false, note: `${JSON.stringify(smallConfigMap(0)).length} bytes as JSON` },
    { suite: SUITE, name: decodedName, value: arrayBytes, unit: "bytes", higherIsBetter: false },
    { suite: SUITE, name: `MemoryStorage with ${count} ConfigMaps: memory per object`, value: storageBytes, unit: "bytes", higherIsBetter: false },
    {
      suite: SUITE,
      name: `WatchCache over it: memory per object`,
      value: cacheBytes,
      unit: "bytes",
      higherIsBetter: false,
      baseline: decodedName,
      note: `the cache contains ${cachedCount} objects`,
    },
  ];
}

/** The `memory` suite: memory per object in MemoryStorage and in a WatchCache, 100,000 small objects. */
export const memorySuite: Suite = { name: SUITE, run };
