import { TracingConfigError } from "../../src/config/config-error.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import type { TracingOptions } from "../../src/index.js";

/** The TracingConfigError that resolving `options` (with an empty environment) throws; fails if none is thrown. */
export function problemsOf(options: unknown): TracingConfigError {
  try {
    resolveConfig(options as TracingOptions, {});
  } catch (error) {
    if (error instanceof TracingConfigError) return error;
    throw error;
  }
  throw new Error("expected a TracingConfigError");
}
