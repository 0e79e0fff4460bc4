import { describe, expect, it } from "vitest";
import { MAX_UPDATE_ATTEMPTS, conflictError, isStorageError, runGuaranteedUpdate, type KeyValue, type Storage } from "@apimachinery/apiserver";

const current: KeyValue = { key: "/a", value: new Uint8Array([1]), createRevision: 2, modRevision: 2 };

/** A store whose compare-and-swap always loses, as under a writer that never pauses. */
function alwaysConflicting(): Pick<Storage, "get" | "create" | "update"> & { updates: number } {
  const store = {
    updates: 0,
    get: async () => current,
    create: async (): Promise<KeyValue> => {
      throw new Error("unexpected create");
    },
    update: async (key: string): Promise<KeyValue> => {
      store.updates++;
      throw conflictError(key, 2, 3);
    },
  };
  return store;
}

describe("runGuaranteedUpdate", () => {
  it("gives up after the attempt limit", async () => {
    const store = alwaysConflicting();
    const error = await runGuaranteedUpdate(store, "/a", () => new Uint8Array([2])).catch((failure: unknown) => failure);
    expect(isStorageError(error, "Conflict")).toBe(true);
    expect((error as Error).message).toBe(`guaranteed update of key "/a" lost ${MAX_UPDATE_ATTEMPTS} races to other writers; try again`);
    expect(store.updates).toBe(MAX_UPDATE_ATTEMPTS);
  });

  it("does not retry other failures", async () => {
    const store = alwaysConflicting();
    let calls = 0;
    const error = await runGuaranteedUpdate(store, "/a", () => {
      calls++;
      return new Uint8Array(2 * 1024 * 1024);
    }).catch((failure: unknown) => failure);
    expect(isStorageError(error, "TooLarge")).toBe(true);
    expect(calls).toBe(1);
    expect(store.updates).toBe(0);
  });
});
