import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    // Chunks shared by both entries keep one copy of module state per format.
    splitting: true,
    // The CommonJS build needs import.meta.url for the on-demand loader.
    shims: true,
    treeshake: true,
  },
  {
    // The `llmtrace` command (view, report): one ESM file, no types (it is not imported).
    entry: { cli: "src/viewer/server/bin.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    treeshake: true,
  },
  {
    // The viewer's UI: one browser script with its stylesheet inside, served by the CLI and inlined in reports.
    entry: { app: "src/viewer/ui/main.tsx" },
    outDir: "dist/viewer",
    format: ["iife"],
    outExtension: () => ({ js: ".js" }),
    platform: "browser",
    target: "es2020",
    minify: true,
    treeshake: true,
    tsconfig: "src/viewer/ui/tsconfig.json",
    loader: { ".css": "text" },
    esbuildOptions(options) {
      options.jsx = "automatic";
      options.jsxImportSource = "preact";
    },
  },
]);
