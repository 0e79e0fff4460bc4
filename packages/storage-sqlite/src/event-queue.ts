/** A FIFO queue with constant-time `shift`, for watch events waiting for their consumer. */
export class EventQueue<T> {
  private items: T[] = [];
  private head = 0;

  /** The number of queued items. */
  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  pushAll(items: readonly T[]): void {
    for (const item of items) this.items.push(item);
  }

  /** Removes and returns the oldest item, or undefined when the queue is empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    // Drop the consumed front once it is both large and most of the array.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
