/**
 * @packageDocumentation
 * Benchmark suite.
 */
export {};
