import { describe, expect, it } from "vitest";
import { CachedStorage, MemoryStorage, type StorageWatchEvent } from "@apimachinery/apiserver";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function firstEvent(watch: AsyncIterable<StorageWatchEvent>): Promise<StorageWatchEvent | undefined> {
  for await (const event of watch) return event;
  return undefined;
}

describe("CachedStorage", () => {
  it("reads keys outside its prefix from the storage", async () => {
    const memory = new MemoryStorage();
    const cached = await CachedStorage.open(memory, { prefix: "/registry/pods/", bookmarkIntervalMs: 0 });
    await cached.create("/registry/services/a", bytes("svc"));
    await cached.create("/registry/pods/a", bytes("pod"));
    expect(new TextDecoder().decode((await cached.get("/registry/services/a"))?.value)).toBe("svc");
    expect((await cached.list("/registry/services/")).items.map((kv) => kv.key)).toEqual(["/registry/services/a"]);
    expect((await cached.list("/registry/pods/")).items.map((kv) => kv.key)).toEqual(["/registry/pods/a"]);
    expect(cached.cache.size).toBe(1);
    await cached.close();
  });

  it("reads its own writes through the cache", async () => {
    const memory = new MemoryStorage();
    const cached = await CachedStorage.open(memory, { prefix: "/registry/", bookmarkIntervalMs: 0 });
    const created = await cached.create("/registry/pods/a", bytes("1"));
    const updated = await cached.update("/registry/pods/a", bytes("2"), created.modRevision);
    const read = await cached.get("/registry/pods/a");
    expect(read?.modRevision).toBe(updated.modRevision);
    expect((await cached.cache.get("/registry/pods/a"))?.kv.modRevision).toBe(updated.modRevision);
    await cached.close();
  });

  it("watches outside its prefix on the storage", async () => {
    const memory = new MemoryStorage();
    const cached = await CachedStorage.open(memory, { prefix: "/registry/pods/", bookmarkIntervalMs: 0 });
    const start = await cached.currentRevision();
    await cached.create("/registry/services/a", bytes("svc"));
    const event = await firstEvent(cached.watch("/registry/services/", { recursive: true, fromRevision: start }));
    expect(event?.type === "ADDED" ? event.kv.key : event?.type).toBe("/registry/services/a");
    await cached.close();
  });

  it("replays old watches from storage", async () => {
    const memory = new MemoryStorage();
    const first = await memory.create("/registry/pods/a", bytes("1"));
    await memory.update("/registry/pods/a", bytes("2"), first.modRevision);
    const cached = await CachedStorage.open(memory, { prefix: "/registry/", bookmarkIntervalMs: 0 });
    expect(cached.cache.oldestRevision).toBeGreaterThan(first.modRevision);
    const event = await firstEvent(cached.watch("/registry/pods/a", { fromRevision: first.modRevision }));
    expect(event?.type).toBe("MODIFIED");
    await cached.close();
  });
});
