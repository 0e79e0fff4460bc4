import { CachedStorage, MemoryStorage, type Storage } from "@apimachinery/apiserver";
import { describeStorageConformance } from "@apimachinery/apiserver/storage-testing";

const memoryOptions = { progressNotifyIntervalMs: 100, futureRevisionTimeoutMs: 200 };
const cacheOptions = { prefix: "/registry/", waitTimeoutMs: 500, bookmarkIntervalMs: 0 };

describeStorageConformance("watch cache over memory", {
  async open() {
    return CachedStorage.open(new MemoryStorage(memoryOptions), cacheOptions);
  },
  async reopen(store: Storage) {
    const cached = store as CachedStorage;
    await cached.close();
    const memory = new MemoryStorage({ ...memoryOptions, state: (cached.storage as MemoryStorage).state });
    return CachedStorage.open(memory, cacheOptions);
  },
});
