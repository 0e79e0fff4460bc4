import { MemoryStorage, type Storage } from "@apimachinery/apiserver";
import { describeStorageConformance, type StorageHarness } from "@apimachinery/apiserver/storage-testing";

const options = { progressNotifyIntervalMs: 100, futureRevisionTimeoutMs: 200 };

const harness: StorageHarness = {
  async open() {
    return new MemoryStorage(options);
  },
  async reopen(store: Storage) {
    await store.close();
    return new MemoryStorage({ ...options, state: (store as MemoryStorage).state });
  },
};

describeStorageConformance("memory", harness);
describeStorageConformance("memory, slow cases", harness, { slow: true });
