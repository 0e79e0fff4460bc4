import { describe, expect, it } from "vitest";
import { StorageError, WatchQueue, type StorageWatchEvent } from "@apimachinery/apiserver";

const bookmark = (revision: number): StorageWatchEvent => ({ type: "BOOKMARK", revision });

describe("WatchQueue", () => {
  it("serves concurrent reads in order", async () => {
    const queue = new WatchQueue();
    const iterator = queue[Symbol.asyncIterator]();
    const first = iterator.next();
    const second = iterator.next();
    queue.push(bookmark(1));
    queue.push(bookmark(2));
    expect((await first).value).toEqual(bookmark(1));
    expect((await second).value).toEqual(bookmark(2));
  });

  it("delivers buffered events before ending", async () => {
    const queue = new WatchQueue();
    queue.push(bookmark(1));
    queue.end();
    queue.push(bookmark(2));
    const events: StorageWatchEvent[] = [];
    for await (const event of queue) events.push(event);
    expect(events).toEqual([bookmark(1)]);
  });

  it("ends after an ERROR event", async () => {
    let stops = 0;
    const queue = new WatchQueue(() => stops++);
    const error = new StorageError("Compacted", "/a", "too old resource version: 1 (5)");
    queue.push({ type: "ERROR", error });
    queue.push(bookmark(9));
    const events: StorageWatchEvent[] = [];
    for await (const event of queue) events.push(event);
    expect(events).toEqual([{ type: "ERROR", error }]);
    expect(stops).toBe(1);
    expect(queue.done).toBe(true);
  });

  it("stop drops buffered events and ends pending reads", async () => {
    let stops = 0;
    const queue = new WatchQueue(() => stops++);
    const iterator = queue[Symbol.asyncIterator]();
    const pending = iterator.next();
    queue.stop();
    expect(await pending).toEqual({ value: undefined, done: true });
    const other = new WatchQueue();
    other.push(bookmark(1));
    other.stop();
    expect(await other[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
    queue.stop();
    expect(stops).toBe(1);
  });

  it("keeps order across a long buffer", async () => {
    const queue = new WatchQueue();
    for (let revision = 1; revision <= 5000; revision++) queue.push(bookmark(revision));
    queue.end();
    let expected = 1;
    for await (const event of queue) {
      expect(event).toEqual(bookmark(expected));
      expected++;
    }
    expect(expected).toBe(5001);
  });
});
