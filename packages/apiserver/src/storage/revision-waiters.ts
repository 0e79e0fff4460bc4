/**
 * Waiting for a watch cache to reach a revision, or to become ready, with a time limit.
 * Each waiter is settled exactly once: by progress, by its timer, or by `rejectAll`.
 */

interface Waiter {
  readonly revision: number;
  settle(error?: unknown): void;
}

/** Pending waits for a revision; `advance` releases those at or below the new revision. */
export class RevisionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** How many waits are pending. */
  get size(): number {
    return this.waiters.size;
  }

  /**
   * Waits until `advance` reaches `revision`; after `timeoutMs` rejects with `onTimeout()`.
   * While waiting, calls `nudge` at once and every `nudgeIntervalMs` (0: never).
   */
  wait(revision: number, timeoutMs: number, onTimeout: () => unknown, nudge: () => void = () => {}, nudgeIntervalMs = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => waiter.settle(onTimeout()), timeoutMs) : undefined;
      const nudger = nudgeIntervalMs > 0 ? setInterval(nudge, nudgeIntervalMs) : undefined;
      nudger?.unref();
      const waiter: Waiter = {
        revision,
        settle: (error?: unknown) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(timer);
          clearInterval(nudger);
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      this.waiters.add(waiter);
      nudge();
    });
  }

  /** Resolves every wait for `revision` or below. */
  advance(revision: number): void {
    for (const waiter of [...this.waiters]) if (waiter.revision <= revision) waiter.settle();
  }

  /** Rejects every pending wait with `error`. */
  rejectAll(error: unknown): void {
    for (const waiter of [...this.waiters]) waiter.settle(error);
  }
}
