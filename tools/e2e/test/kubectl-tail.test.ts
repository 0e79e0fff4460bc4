import { describe } from "vitest";
import { kubectlBinaries } from "../src/index.js";
import { tailCases } from "./support/tail-cases.js";
import { caseRegistrar, oldestAndNewest, useControlPlane } from "./support/harness.js";

// The long tail runs with the oldest and the newest kubectl only (v1.27 and v1.35 where the
// machine has both), each against its own server on SQLite. The core cases run with all.
const binaries = oldestAndNewest(kubectlBinaries());

/**
 * Cases known to fail with a kubectl version, by case name with the reason. They run with
 * `it.fails`, so that a fix turns them red until they leave the list.
 */
const serverGaps = new Map<string, string>();
const knownFailures: Record<string, ReadonlyMap<string, string>> = Object.fromEntries(binaries.map((binary) => [binary.label, serverGaps]));

describe.each(binaries.map((binary) => [binary.label, binary.path] as const))("kubectl %s, long tail", (label, kubectl) => {
  const ctx = useControlPlane(kubectl, { storage: "sqlite" });
  tailCases(caseRegistrar(knownFailures[label]), ctx);
});
