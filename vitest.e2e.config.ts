import { defineConfig } from "vitest/config";

// The end-to-end suite: real Jaeger, Zipkin and Phoenix started by scripts/e2e/start.sh.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
