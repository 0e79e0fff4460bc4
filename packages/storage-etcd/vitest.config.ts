import { defineConfig, mergeConfig } from "vitest/config";
import { sharedVitestConfig } from "../../vitest.shared.ts";

// The test files share one etcd, and a compaction in one file would fail another file's
// reads at older revisions, so the files run one after another.
export default mergeConfig(sharedVitestConfig, defineConfig({ test: { fileParallelism: false } }));
