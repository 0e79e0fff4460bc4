import { collectGarbage } from "../harness.js";

/** Memory in use, in bytes: the V8 heap plus memory outside it (Buffers and other ArrayBuffers). */
export function usedMemory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * Samples {@link usedMemory} every millisecond, from a baseline taken after a full garbage
 * collection. NOTE: a timer cannot fire inside synchronous work, such as encoding a whole
 * list, so the peak is the highest figure seen between such steps and can miss garbage
 * that a collection freed in the middle of one.
 */
export class MemorySampler {
  readonly baseline: number;
  #peak: number;
  readonly #timer: NodeJS.Timeout;

  constructor() {
    collectGarbage();
    this.baseline = usedMemory();
    this.#peak = this.baseline;
    this.#timer = setInterval(() => this.sample(), 1);
  }

  sample(): void {
    this.#peak = Math.max(this.#peak, usedMemory());
  }

  /** Stops sampling and returns the highest memory in use above the baseline. */
  stop(): number {
    this.sample();
    clearInterval(this.#timer);
    return this.#peak - this.baseline;
  }
}
