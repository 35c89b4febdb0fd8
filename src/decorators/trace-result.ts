import { context } from "@opentelemetry/api";
import { ATTR_AI_STREAM_CANCELLED, ATTR_AI_STREAM_CHUNKS } from "../conventions/attribute-keys.js";
import { observeStream, type StreamObserver } from "../streams/observe-stream.js";
import { isPromiseLike, whenSettled } from "../spans/promise-like.js";
import type { SpanHandle } from "../spans/span-handle.js";

/** How a function's result is recorded as the span's output. */
export interface OutputRecorder {
  /** The output to record for `value`, or undefined to record none. */
  (value: unknown): unknown;
}

/**
 * Ends `handle` when `result` is really done, and returns what the caller should get:
 * - a promise-like result (any thenable): the very same object, watched until it settles (a
 *   rejection is recorded and still reaches the caller on that object). With `traceStream`, a
 *   promise of the same outcome instead, so that a stream it resolves to can be traced;
 * - a generator or async generator: a wrapper whose steps run inside the span, ending it on
 *   completion, error, or an early `return()` / `break`;
 * - with `traceStream`, a ReadableStream or async iterable: the same data, the span ending when
 *   the consumer has read it all or stopped;
 * - anything else: the value itself, the span ended now.
 */
export function traceResult(handle: SpanHandle, result: unknown, output: OutputRecorder, traceStream: boolean): unknown {
  if (isPromiseLike(result)) {
    if (traceStream) return settleLater(handle, result, output);
    const watched = whenSettled(
      result,
      (value) => settle(handle, value, output, false),
      (error) => handle.fail(error),
    );
    if (!watched) handle.end();
    return result;
  }
  // Only objects can be generators: a number or string result skips the tag lookup.
  if (typeof result === "object" && result !== null) {
    const tag = Object.prototype.toString.call(result);
    if (tag === "[object Generator]") return traceGenerator(handle, result as Generator, output);
    if (tag === "[object AsyncGenerator]") return traceAsyncGenerator(handle, result as AsyncGenerator, output);
  }
  return settle(handle, result, output, traceStream);
}

/** A promise of `result`'s outcome, whose value may be a stream handed back traced. */
function settleLater(handle: SpanHandle, result: PromiseLike<unknown>, output: OutputRecorder): unknown {
  try {
    return result.then(
      (value: unknown) => settle(handle, value, output, true),
      (error: unknown) => {
        handle.fail(error);
        throw error;
      },
    );
  } catch {
    // A then() that throws is the result's own behaviour: the caller meets it on the object.
    handle.end();
    return result;
  }
}

function settle(handle: SpanHandle, value: unknown, output: OutputRecorder, traceStream: boolean): unknown {
  if (traceStream) {
    const observed = observeStream(value, streamObserver(handle));
    if (observed !== undefined) return observed;
  }
  handle.end(output(value));
  return value;
}

function traceGenerator(handle: SpanHandle, generator: Generator, output: OutputRecorder): Generator {
  const step = (advance: () => IteratorResult<unknown>): IteratorResult<unknown> => {
    let next: IteratorResult<unknown>;
    try {
      next = context.with(handle.context, advance);
    } catch (error) {
      handle.fail(error);
      throw error;
    }
    if (next.done && !handle.ended) handle.end(output(next.value));
    return next;
  };
  const traced: Generator = {
    next: (...args: [] | [unknown]) => step(() => generator.next(...args)),
    return: (value: unknown) => step(() => generator.return(value)),
    throw: (error: unknown) => step(() => generator.throw(error)),
    [Symbol.iterator]() {
      return traced;
    },
    [Symbol.dispose]() {
      traced.return(undefined);
    },
    [Symbol.toStringTag]: "Generator",
  } as Generator;
  return traced;
}

function traceAsyncGenerator(handle: SpanHandle, generator: AsyncGenerator, output: OutputRecorder): AsyncGenerator {
  const step = async (advance: () => Promise<IteratorResult<unknown>>): Promise<IteratorResult<unknown>> => {
    let next: IteratorResult<unknown>;
    try {
      next = await context.with(handle.context, advance);
    } catch (error) {
      handle.fail(error);
      throw error;
    }
    if (next.done && !handle.ended) handle.end(output(next.value));
    return next;
  };
  const traced: AsyncGenerator = {
    next: (...args: [] | [unknown]) => step(() => generator.next(...args)),
    return: (value: unknown) => step(() => generator.return(value)),
    throw: (error: unknown) => step(() => generator.throw(error)),
    [Symbol.asyncIterator]() {
      return traced;
    },
    [Symbol.asyncDispose]: async () => {
      await traced.return(undefined);
    },
    [Symbol.toStringTag]: "AsyncGenerator",
  } as AsyncGenerator;
  return traced;
}

/** The span ends when the stream is read to the end, fails, or the consumer stops. */
function streamObserver(handle: SpanHandle): StreamObserver<unknown> {
  let chunks = 0;
  return {
    context: handle.context,
    item: () => void chunks++,
    done: () => handle.setAttribute(ATTR_AI_STREAM_CHUNKS, chunks).end(),
    error: (error) => handle.fail(error),
    cancelled: () => handle.setAttributes({ [ATTR_AI_STREAM_CHUNKS]: chunks, [ATTR_AI_STREAM_CANCELLED]: true }).end(),
  };
}
