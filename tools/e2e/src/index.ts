/**
 * @packageDocumentation
 * End-to-end test helpers: kubectl binaries from npm and the machine, and a runner.
 */
export { kubectlBinaries, runKubectl, type KubectlBinary, type KubectlResult } from "./kubectl.js";
