/**
 * The storage conformance suite: one set of vitest tests that every Storage backend
 * (memory, SQLite, etcd) passes. A backend's test file calls `describeStorageConformance`
 * with a harness that opens, reopens and cleans up its stores.
 */
import { afterAll, afterEach, describe } from "vitest";
import type { Storage } from "../interface.js";
import { withStepTimeouts, withTimeout } from "./support.js";
import { describeConcurrencyCases } from "./cases-concurrency.js";
import { describeCrudCases } from "./cases-crud.js";
import { describeLifecycleCases } from "./cases-lifecycle.js";
import { describeListCases } from "./cases-list.js";
import { describeWatchCases } from "./cases-watch.js";

/** Opens the stores of one backend for the conformance suite. */
export interface StorageHarness {
  /** Opens a fresh, empty store. */
  open(): Promise<Storage>;
  /** Closes `store` and opens the same data again, as after a process restart. */
  reopen(store: Storage): Promise<Storage>;
  /** Removes what the harness created (files, etcd keys under its prefix). */
  cleanup?(): Promise<void>;
}

/** Options of the conformance suite. */
export interface ConformanceOptions {
  /** Runs the heavier cases too: more writers, more events, more pages. Default false. */
  readonly slow?: boolean;
  /**
   * Whether watches with `progressNotify` receive BOOKMARK events within the suite's step
   * timeout (10 s), directly or after `requestProgress()`. Default true; set false for a
   * backend whose notification interval is longer, and the bookmark case is skipped.
   */
  readonly progressNotify?: boolean;
}

/** The services each group of cases receives: stores that the suite closes after every test, and fresh key prefixes. */
export interface ConformanceContext {
  /** Opens a store; the suite closes it after the test. */
  open(): Promise<Storage>;
  /** Reopens the data of `store` (closing it); the suite closes the new store after the test. */
  reopen(store: Storage): Promise<Storage>;
  /** Returns a key prefix, ending in "/", that no other test of the run uses. */
  prefix(): string;
  readonly options: ConformanceOptions;
}

let prefixCounter = 0;
const runId = Math.floor(Math.random() * 0xffffffff).toString(36);

/** Declares the vitest suite of storage conformance for one backend. */
export function describeStorageConformance(name: string, harness: StorageHarness, options: ConformanceOptions = {}): void {
  describe(`storage conformance: ${name}`, () => {
    const opened: Storage[] = [];
    /** The harness's own store behind each view the cases receive, for `reopen` and `close`. */
    const originals = new WeakMap<Storage, Storage>();
    const track = (store: Storage): Storage => {
      opened.push(store);
      const view = withStepTimeouts(store);
      originals.set(view, store);
      return view;
    };
    const context: ConformanceContext = {
      options,
      async open() {
        return track(await withTimeout(harness.open(), "the harness to open a store"));
      },
      async reopen(store) {
        return track(await withTimeout(harness.reopen(originals.get(store) ?? store), "the harness to reopen a store"));
      },
      prefix() {
        prefixCounter++;
        return `/registry/conformance-${runId}-${prefixCounter}/`;
      },
    };

    afterEach(async () => {
      const stores = opened.splice(0);
      await Promise.allSettled(stores.map((store) => withTimeout(store.close(), "a store to close")));
    });
    afterAll(async () => {
      await harness.cleanup?.();
    });

    describeCrudCases(context);
    describeConcurrencyCases(context);
    describeListCases(context);
    describeWatchCases(context);
    describeLifecycleCases(context);
  });
}

export type { ChangeEvent } from "./support.js";
export { EventReader, STEP_TIMEOUT_MS, bytes, plain, rejectionOf, text, warmUp, withTimeout } from "./support.js";
