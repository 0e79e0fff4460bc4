import type { StorageError } from "@apimachinery/apiserver";

interface Waiter {
  readonly revision: number;
  readonly resolve: () => void;
  readonly reject: (error: StorageError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Reads waiting for the store to reach a revision, woken by commits. */
export class RevisionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves once `reached` reports `revision`, or rejects with `onTimeout()` after `timeoutMs`. */
  wait(revision: number, timeoutMs: number, onTimeout: () => StorageError): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        revision,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(onTimeout());
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Wakes every read waiting for `revision` or an earlier one. */
  reached(revision: number): void {
    if (this.waiters.size === 0) return;
    for (const waiter of this.waiters) {
      if (waiter.revision > revision) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** Rejects every waiting read, as when the store closes. */
  rejectAll(error: () => StorageError): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error());
    }
    this.waiters.clear();
  }
}
