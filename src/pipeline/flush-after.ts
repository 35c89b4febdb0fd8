import { getActiveTracing } from "./configure-tracing.js";
import { type FlushingHandler, flushingHandler } from "./flushing-handler.js";
import type { FlushAfterOptions } from "./tracing-handle.js";

/**
 * `tracing.flushAfter(handler)` for code that has no handle at hand: each call runs `handler`, then
 * flushes the tracing running at that moment (`configureTracing()`'s), within its
 * `exitTimeoutMillis` or `options.timeoutMillis`. For a route module loaded apart from the code
 * that configured tracing (Next.js `instrumentation.ts`), where the handle is out of reach.
 *
 *     export const POST = flushAfter(async (request: Request) => Response.json(await answer(request)));
 */
export function flushAfter<This, Args extends unknown[], Result>(
  handler: (this: This, ...args: Args) => Result,
  options?: FlushAfterOptions,
): FlushingHandler<This, Args, Result> {
  return flushingHandler(handler, () => {
    const tracing = getActiveTracing();
    return tracing ? tracing.forceFlush({ timeoutMillis: options?.timeoutMillis ?? tracing.config.exitTimeoutMillis }) : Promise.resolve();
  });
}
