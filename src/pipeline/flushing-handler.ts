import { diag } from "@opentelemetry/api";

/** What `flushAfter()` returns: the handler's parameters and `this`, its result as a promise. */
export type FlushingHandler<This, Args extends unknown[], Result> = (this: This, ...args: Args) => Promise<Awaited<Result>>;

/**
 * Wraps `handler` so that each call runs it, awaits its result, and then awaits `flush` before
 * resolving with that result or rejecting with the handler's own error, unchanged. A platform that
 * freezes or ends the process once the handler's promise settles has nothing left to lose.
 */
export function flushingHandler<This, Args extends unknown[], Result>(
  handler: (this: This, ...args: Args) => Result,
  flush: () => Promise<void>,
): FlushingHandler<This, Args, Result> {
  // Calling the wrapper still fails as calling `handler` would; the warning says why sooner.
  if (typeof handler !== "function") diag.warn(`llmtrace: flushAfter() expects a function, got ${handler === null ? "null" : typeof handler}; calling the result will fail.`);
  return async function flushingAfter(this: This, ...args: Args): Promise<Awaited<Result>> {
    try {
      return await handler.apply(this, args);
    } finally {
      // flush() never rejects by contract; a broken one must still not replace the handler's outcome.
      await flush().catch((error: unknown) => diag.warn(`llmtrace: flushAfter() could not flush: ${String(error)}`));
    }
  };
}
