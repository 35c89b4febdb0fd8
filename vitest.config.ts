import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    // Tests register the global OpenTelemetry provider, so files run in separate workers
    // but tests inside a file run one at a time.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
