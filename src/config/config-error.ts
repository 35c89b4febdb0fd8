/** One thing wrong with the options passed to `configureTracing()`. */
export interface ConfigProblem {
  /** Where the problem is, e.g. `exporters[0].endpoint`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Thrown once by `configureTracing()` / `createSpanProcessors()` when options are invalid,
 * listing every problem, so a user fixes them all in one pass.
 */
export class TracingConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}\n    Fix: ${p.fix}`);
    super(`llmtrace: invalid tracing configuration (${count}):\n${lines.join("\n")}`);
    this.name = "TracingConfigError";
    this.problems = problems;
  }
}
