import { diag } from "@opentelemetry/api";

export type DeadlineOutcome = { readonly status: "done" } | { readonly status: "timeout" } | { readonly status: "failed"; readonly error: unknown };

/** Waits for `work` at most `ms`; never rejects, and its timer never keeps the process alive. */
export function withDeadline(work: Promise<unknown>, ms: number): Promise<DeadlineOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DeadlineOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: "timeout" }), ms);
    timer.unref();
  });
  const settled = work.then(
    (): DeadlineOutcome => ({ status: "done" }),
    (error: unknown): DeadlineOutcome => ({ status: "failed", error }),
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

/** A flush or shutdown that did not finish is worth a warning: spans may not have been delivered. */
export function reportOutcome(operation: string, outcome: DeadlineOutcome, timeoutMillis: number): void {
  if (outcome.status === "timeout") {
    diag.warn(`llmtrace: ${operation} gave up after ${timeoutMillis} ms waiting for the exporters.`);
  } else if (outcome.status === "failed") {
    diag.warn(`llmtrace: ${operation} failed: ${String(outcome.error)}`);
  }
}
