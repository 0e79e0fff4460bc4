import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "storage/testing/conformance": "src/storage/testing/conformance.ts",
    "openapi/index": "src/openapi/index.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  sourcemap: true,
  external: ["vitest"],
});
