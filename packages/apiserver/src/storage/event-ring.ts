/**
 * A fixed-capacity ring buffer of events in revision order: the watch cache's window of
 * recent history. Pushing into a full ring evicts the oldest event.
 */

/** A ring of items that carry a revision, oldest first. */
export class EventRing<E extends { readonly revision: number }> {
  private readonly items: (E | undefined)[];
  private start = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`invalid event ring capacity ${capacity}: expected a positive integer`);
    this.items = new Array<E | undefined>(capacity);
  }

  /** The number of items held. */
  get size(): number {
    return this.length;
  }

  /** Appends an item (revisions must not decrease) and returns the evicted oldest one, if any. */
  push(item: E): E | undefined {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = item;
      this.length++;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** Returns the item at `index`, 0 being the oldest. */
  at(index: number): E {
    if (index < 0 || index >= this.length) throw new RangeError(`index ${index} is outside the ring of ${this.length} items`);
    return this.items[(this.start + index) % this.capacity] as E;
  }

  /** Returns the index of the oldest item with a revision above `revision`; `size` when there is none. */
  firstAfter(revision: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle).revision <= revision) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Removes every item. */
  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.length = 0;
  }
}
