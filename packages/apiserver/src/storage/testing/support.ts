/**
 * Helpers of the storage conformance suite: bounded waits, a reader over a Watch that
 * fails instead of hanging, and byte conversions.
 */
import type { KeyValue, Storage, StorageWatchEvent, Watch } from "../interface.js";

/** The maximum time any single step of the suite waits, in milliseconds. */
export const STEP_TIMEOUT_MS = 10_000;

/** Resolves like `promise`, or rejects naming `what` once `ms` milliseconds pass. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Returns a view of `store` whose every promise-returning method fails, naming the call,
 * when it does not settle within STEP_TIMEOUT_MS. Other members pass through unchanged.
 */
export function withStepTimeouts(store: Storage): Storage {
  return new Proxy(store, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== "function" || property === "watch") return member;
      return (...args: unknown[]): unknown => {
        const result: unknown = member.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const first = typeof args[0] === "string" ? JSON.stringify(args[0]) : "";
        return withTimeout(result, `${String(property)}(${first})`);
      };
    },
  });
}

/** Returns the UTF-8 bytes of `text`. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Returns the value of `kv` decoded as UTF-8, or undefined for no key-value. */
export function text(kv: KeyValue | undefined): string | undefined {
  return kv === undefined ? undefined : new TextDecoder().decode(kv.value);
}

/** Returns the rejection of `promise`; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await withTimeout(promise, what);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${what} to fail, but it succeeded`);
}

/** The events of a watch that change a key. */
export type ChangeEvent = Extract<StorageWatchEvent, { kv: KeyValue }>;

/** Reads a Watch one event at a time, each read bounded in time. */
export class EventReader {
  private readonly iterator: AsyncIterator<StorageWatchEvent>;
  /** A read that a `poll` gave up on; the next read takes its result, so no event is lost. */
  private pending: Promise<IteratorResult<StorageWatchEvent>> | undefined;

  constructor(readonly watch: Watch) {
    this.iterator = watch[Symbol.asyncIterator]();
  }

  private read(): Promise<IteratorResult<StorageWatchEvent>> {
    const read = this.pending ?? this.iterator.next();
    this.pending = read;
    return read.then((result) => {
      this.pending = undefined;
      return result;
    });
  }

  /** Returns the next event; fails when the watch ends or nothing arrives in time. */
  async next(what = "the next watch event"): Promise<StorageWatchEvent> {
    const result = await withTimeout(this.read(), what);
    if (result.done) throw new Error(`the watch ended while waiting for ${what}`);
    return result.value;
  }

  /** Returns the next event if one arrives within `ms` milliseconds, else undefined; the event is kept for later reads otherwise. */
  async poll(ms: number): Promise<StorageWatchEvent | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    const pending = this.pending ?? this.iterator.next();
    this.pending = pending;
    const result = await Promise.race([pending, expiry]).finally(() => clearTimeout(timer));
    if (result === undefined) return undefined;
    this.pending = undefined;
    if (result.done) throw new Error("the watch ended while polling it");
    return result.value;
  }

  /** Returns the next ADDED, MODIFIED or DELETED event, skipping BOOKMARKs; fails on ERROR. */
  async nextChange(what = "the next change event"): Promise<ChangeEvent> {
    for (;;) {
      const event = await this.next(what);
      if (event.type === "BOOKMARK") continue;
      if (event.type === "ERROR") throw new Error(`the watch failed while waiting for ${what}: ${event.error.message}`);
      return event;
    }
  }

  /** Returns the next `count` change events. */
  async changes(count: number): Promise<ChangeEvent[]> {
    const events: ChangeEvent[] = [];
    for (let index = 0; index < count; index++) events.push(await this.nextChange(`change event ${index + 1} of ${count}`));
    return events;
  }

  /** Returns the events left before the watch ends (at most `max`); fails when it does not end in time. */
  async rest(max = 1000): Promise<StorageWatchEvent[]> {
    const events: StorageWatchEvent[] = [];
    for (let index = 0; index < max; index++) {
      const result = await withTimeout(this.read(), "the end of the watch");
      if (result.done) return events;
      events.push(result.value);
    }
    throw new Error(`the watch did not end within ${max} events`);
  }

  stop(): void {
    this.watch.stop();
  }
}

/**
 * Writes `marker` under `key` until a watch started at the current revision reports it,
 * because a backend may establish such a watch after `watch()` returns. Returns the
 * revision of the first reported write.
 */
export async function warmUp(store: Storage, reader: EventReader, key: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await store.guaranteedUpdate(key, () => bytes(`warm-up ${attempt}`), { allowCreate: true });
    let seen = await reader.poll(100);
    while (seen?.type === "BOOKMARK") seen = await reader.poll(100);
    if (seen === undefined) continue;
    if (seen.type === "ERROR") throw new Error(`the watch failed during warm-up: ${seen.error.message}`);
    if (seen.kv.key !== key) throw new Error(`expected the warm-up key ${key}, got ${seen.kv.key}`);
    return seen.revision;
  }
  throw new Error(`the watch reported none of 100 writes to ${key}`);
}

/** A key-value as plain data with its value as text, so backends that return Buffers compare equal. */
export function plain(kv: KeyValue | undefined): { key: string; value: string; createRevision: number; modRevision: number } | undefined {
  if (kv === undefined) return undefined;
  return { key: kv.key, value: text(kv) as string, createRevision: kv.createRevision, modRevision: kv.modRevision };
}

/** Yields to the event loop so that concurrent writers interleave. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
