import ts from "typescript";
import { defineConfig, type Plugin } from "vitest/config";

/**
 * Compiles decorator tests with the TypeScript compiler, the reference implementation of both
 * decorator modes: standard (TC39) decorators, and `experimentalDecorators` for files under a
 * `legacy/` folder. (Vite's own transformer leaves standard decorators untransformed.)
 */
function typescriptDecorators(): Plugin {
  return {
    name: "llmtrace:typescript-decorators",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/](test|examples)[\\/].*decorators.*\.ts$/.test(id)) return null;
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: /[\\/]legacy[\\/]/.test(id),
          useDefineForClassFields: true,
          sourceMap: true,
        },
      });
      return { code: output.outputText, map: output.sourceMapText ?? null };
    },
  };
}

export default defineConfig({
  plugins: [typescriptDecorators()],
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
