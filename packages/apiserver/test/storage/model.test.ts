import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStorage, WatchCache, isStorageError, type KeyValue, type Storage, type StorageWatchEvent } from "@apimachinery/apiserver";

/** One random write against a small key space, so that keys collide often. */
type Operation =
  | { readonly kind: "put"; readonly key: string; readonly value: string }
  | { readonly kind: "delete"; readonly key: string }
  | { readonly kind: "compact" };

const KEYS = ["/p/a", "/p/b", "/p/c/1", "/p/c/2", "/q/a"];

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("put" as const), key: fc.constantFrom(...KEYS), value: fc.string({ maxLength: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom(...KEYS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact" as const) }) },
);

type Model = ReadonlyMap<string, string>;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Applies the operations to `store` and returns the model state after each revision. */
async function run(store: Storage, operations: readonly Operation[]): Promise<Map<number, Model>> {
  const states = new Map<number, Model>();
  let model = new Map<string, string>();
  states.set(await store.currentRevision(), new Map(model));
  for (const op of operations) {
    if (op.kind === "compact") {
      await store.compact(await store.currentRevision());
      continue;
    }
    if (op.kind === "put") {
      await store.guaranteedUpdate(op.key, () => encoder.encode(op.value), { allowCreate: true });
      model = new Map(model).set(op.key, op.value);
    } else {
      const deleted = await store.delete(op.key).catch((error: unknown) => {
        if (isStorageError(error, "KeyNotFound")) return undefined;
        throw error;
      });
      expect(deleted === undefined).toBe(!model.has(op.key));
      model = new Map(model);
      model.delete(op.key);
    }
    states.set(await store.currentRevision(), model);
  }
  return states;
}

/** Returns the model state at `revision`: that of the newest write at or below it. */
function stateAt(states: Map<number, Model>, revision: number): Model {
  let best = -1;
  for (const recorded of states.keys()) if (recorded <= revision && recorded > best) best = recorded;
  return states.get(best) as Model;
}

function entriesUnder(model: Model, prefix: string): [string, string][] {
  return [...model.entries()].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function entriesOf(items: readonly KeyValue[]): [string, string][] {
  return items.map((kv) => [kv.key, decoder.decode(kv.value)]);
}

const SENTINEL = "/p/~sentinel";

/** Replays a watch's change events over `model` up to the sentinel write, which it leaves out. */
async function replay(store: Storage, from: number, model: Model): Promise<Model> {
  const state = new Map(model);
  const watch = store.watch("/p/", { fromRevision: from, recursive: true });
  for await (const event of watch as AsyncIterable<StorageWatchEvent>) {
    if (event.type === "ERROR") throw event.error;
    if (event.type === "BOOKMARK") continue;
    if (event.kv.key === SENTINEL) break;
    if (event.type === "DELETED") state.delete(event.kv.key);
    else state.set(event.kv.key, decoder.decode(event.kv.value));
  }
  return state;
}

describe("MemoryStorage against a model", () => {
  it("lists and watches match the model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 40 }), async (operations) => {
        const store = new MemoryStorage();
        try {
          const states = await run(store, operations);
          const current = await store.currentRevision();
          const compacted = await store.compactedRevision();
          const finalState = stateAt(states, current);
          expect(entriesOf((await store.list("/p/")).items)).toEqual(entriesUnder(finalState, "/p/"));
          await store.create(SENTINEL, encoder.encode("end"));
          for (let revision = Math.max(1, compacted); revision <= current; revision++) {
            const expected = entriesUnder(stateAt(states, revision), "/p/");
            expect(entriesOf((await store.list("/p/", { revision })).items)).toEqual(expected);
            const pages: KeyValue[] = [];
            let token: string | undefined;
            do {
              const page = await store.list("/p/", { revision, limit: 2, ...(token ? { continue: token } : {}) });
              pages.push(...page.items);
              token = page.continue;
            } while (token);
            expect(entriesOf(pages)).toEqual(expected);
            const replayed = await replay(store, revision, stateAt(states, revision));
            expect(entriesUnder(replayed, "/p/")).toEqual(entriesUnder(finalState, "/p/"));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("WatchCache against a model", () => {
  it("exact reads inside the window agree with the model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), async (operations, capacity) => {
        const store = new MemoryStorage();
        const cache = new WatchCache<string>(store, { prefix: "/p/", decode: (kv) => decoder.decode(kv.value), capacity, bookmarkIntervalMs: 0 });
        await cache.start();
        try {
          const states = await run(store, operations);
          const current = await store.currentRevision();
          await cache.waitForRevision(current);
          const latest = await cache.list();
          expect(latest.items.map((entry) => [entry.key, entry.object])).toEqual(entriesUnder(stateAt(states, current), "/p/"));
          for (let revision = Math.max(1, cache.oldestRevision); revision <= current; revision++) {
            const page = await cache.list({ revision, revisionMatch: "Exact" });
            expect(page.items.map((entry) => [entry.key, entry.object])).toEqual(entriesUnder(stateAt(states, revision), "/p/"));
          }
        } finally {
          await cache.stop();
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
