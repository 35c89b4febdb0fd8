import { context } from "@opentelemetry/api";
import { ATTR_AI_STREAM_CANCELLED, ATTR_AI_STREAM_CHUNKS } from "../conventions/attribute-keys.js";
import { isAsyncIterable, isReadableStream, observeAsyncIterable, observeReadableStream, type StreamObserver } from "../streams/observe-stream.js";
import type { SpanHandle } from "../spans/span-handle.js";

/** How a function's result is recorded as the span's output. */
export interface OutputRecorder {
  /** The output to record for `value`, or undefined to record none. */
  (value: unknown): unknown;
}

/**
 * Ends `handle` when `result` is really done, and returns what the caller should get:
 * - a promise: the same outcome, once it settles (a rejection is recorded and passed on);
 * - a generator or async generator: a wrapper whose steps run inside the span, ending it on
 *   completion, error, or an early `return()` / `break`;
 * - with `traceStream`, a ReadableStream or async iterable: the same data, the span ending when
 *   the consumer has read it all or stopped;
 * - anything else: the value itself, the span ended now.
 */
export function traceResult(handle: SpanHandle, result: unknown, output: OutputRecorder, traceStream: boolean): unknown {
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => settle(handle, value, output, traceStream),
      (error: unknown) => {
        handle.fail(error);
        throw error;
      },
    );
  }
  // Only objects can be generators: a number or string result skips the tag lookup.
  if (typeof result === "object" && result !== null) {
    const tag = Object.prototype.toString.call(result);
    if (tag === "[object Generator]") return traceGenerator(handle, result as Generator, output);
    if (tag === "[object AsyncGenerator]") return traceAsyncGenerator(handle, result as AsyncGenerator, output);
  }
  return settle(handle, result, output, traceStream);
}

function settle(handle: SpanHandle, value: unknown, output: OutputRecorder, traceStream: boolean): unknown {
  if (traceStream) {
    if (isReadableStream(value)) return observeReadableStream(value, streamObserver(handle));
    if (isAsyncIterable(value)) return observeAsyncIterable(value, streamObserver(handle));
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
