import type { Suite } from "../harness.js";

/** Every suite, in the order `pnpm bench` runs them. */
export const suites: Suite[] = [];
