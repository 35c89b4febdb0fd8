import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  // Chunks shared by both entries keep one copy of module state per format.
  splitting: true,
  // The CommonJS build needs import.meta.url for the on-demand loader.
  shims: true,
  treeshake: true,
});
