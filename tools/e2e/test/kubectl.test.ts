import { describe } from "vitest";
import { kubectlBinaries } from "../src/index.js";
import { coreCases } from "./support/core-cases.js";
import { caseRegistrar, useControlPlane } from "./support/harness.js";

// The core cases run with every kubectl binary, each against its own server on SQLite.
const binaries = kubectlBinaries();

/**
 * Cases known to fail with a kubectl version, by case name with the reason. They run with
 * `it.fails`, so that a fix turns them red until they leave the list.
 */
const knownFailures: Record<string, ReadonlyMap<string, string>> = {};

describe.each(binaries.map((binary) => [binary.label, binary.path] as const))("kubectl %s", (label, kubectl) => {
  const ctx = useControlPlane(kubectl, { storage: "sqlite" });
  coreCases(caseRegistrar(knownFailures[label]), ctx);
});
