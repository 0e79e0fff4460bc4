import { Bench } from "tinybench";

/** One measured figure, optionally compared with a baseline measured in the same run. */
export interface BenchRow {
  /** The suite the row belongs to, such as `codec` or `storage`. */
  readonly suite: string;
  readonly name: string;
  readonly value: number;
  /** The unit of `value`, such as `ops/s`, `req/s`, `ms` or `bytes`. */
  readonly unit: string;
  /** The name of the baseline row in the same suite, when the figure is compared with one. */
  readonly baseline?: string;
  /** `value / baseline.value` for throughputs; filled by the runner. */
  ratio?: number;
  /** Whether more is better (throughput) or less is better (latency, memory). Default true. */
  readonly higherIsBetter?: boolean;
  readonly note?: string;
}

/** Options every suite receives. */
export interface SuiteOptions {
  /** A short run that only proves the suite works, for CI. */
  readonly quick: boolean;
}

/** A benchmark suite: measures and returns its rows. */
export interface Suite {
  readonly name: string;
  run(options: SuiteOptions): Promise<BenchRow[]>;
}

/** A synchronous or asynchronous operation to time, with the name of its row. */
export interface Task {
  readonly name: string;
  readonly fn: () => unknown;
  readonly baseline?: string;
}

/**
 * Times each task with tinybench and returns one `ops/s` row per task. Quick runs take
 * about 50 ms per task, full runs about a second.
 */
export async function measureOps(suite: string, tasks: readonly Task[], options: SuiteOptions): Promise<BenchRow[]> {
  const bench = new Bench({ time: options.quick ? 50 : 1000, warmupTime: options.quick ? 10 : 200 });
  for (const task of tasks) bench.add(task.name, task.fn);
  await bench.run();
  return tasks.map((task, index) => {
    const result = bench.tasks[index]?.result;
    const hz = result && "throughput" in result ? result.throughput.mean : 0;
    return { suite, name: task.name, value: hz, unit: "ops/s", ...(task.baseline ? { baseline: task.baseline } : {}) };
  });
}

/**
 * Returns a copy of a measured row under another name and baseline, so that one figure can
 * be compared with two baselines without measuring it twice.
 */
export function compareRow(row: BenchRow, name: string, baseline: string): BenchRow {
  const { ratio: _ratio, ...rest } = row;
  return { ...rest, name, baseline };
}

/** Settles like `promise`, or rejects with a message naming `what` after `ms` milliseconds. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the garbage collector when Node runs with `--expose-gc`, as `pnpm bench` starts it. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}
