import { defineConfig } from "vitest/config";

/**
 * Vitest settings shared by every workspace package. The `source` export condition makes
 * workspace dependencies resolve to their TypeScript sources, so tests need no prior build.
 */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions: ["source", "import", "node", "default"] },
  ssr: { resolve: { conditions: ["source", "import", "node", "default"] } },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    pool: "forks",
    passWithNoTests: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
