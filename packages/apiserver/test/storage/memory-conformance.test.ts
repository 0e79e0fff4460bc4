import { MemoryStorage, type Storage } from "@apimachinery/apiserver";
import { describeStorageConformance } from "@apimachinery/apiserver/storage-testing";

describeStorageConformance("memory", {
  async open() {
    return new MemoryStorage({ progressNotifyIntervalMs: 100, futureRevisionTimeoutMs: 200 });
  },
  async reopen(store: Storage) {
    await store.close();
    return new MemoryStorage({ state: (store as MemoryStorage).state, progressNotifyIntervalMs: 100, futureRevisionTimeoutMs: 200 });
  },
});
