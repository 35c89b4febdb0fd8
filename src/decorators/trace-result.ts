import { context } from "@opentelemetry/api";
import { ATTR_AI_STREAM_CANCELLED, ATTR_AI_STREAM_CHUNKS } from "../conventions/attribute-keys.js";
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
  const tag = Object.prototype.toString.call(result);
  if (tag === "[object Generator]") return traceGenerator(handle, result as Generator, output);
  if (tag === "[object AsyncGenerator]") return traceAsyncGenerator(handle, result as AsyncGenerator, output);
  return settle(handle, result, output, traceStream);
}

function settle(handle: SpanHandle, value: unknown, output: OutputRecorder, traceStream: boolean): unknown {
  if (traceStream) {
    if (isReadableStream(value)) return traceReadableStream(handle, value);
    if (isAsyncIterable(value)) return traceAsyncIterable(handle, value);
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

function isReadableStream(value: unknown): value is ReadableStream {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

/** A stream with the same chunks; the span ends when it is read to the end, errors, or is cancelled. */
function traceReadableStream(handle: SpanHandle, stream: ReadableStream): ReadableStream {
  const reader = stream.getReader();
  let chunks = 0;
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          handle.setAttribute(ATTR_AI_STREAM_CHUNKS, chunks).end();
          controller.close();
        } else {
          chunks++;
          controller.enqueue(value);
        }
      } catch (error) {
        handle.fail(error);
        controller.error(error);
      }
    },
    cancel(reason) {
      handle.setAttributes({ [ATTR_AI_STREAM_CHUNKS]: chunks, [ATTR_AI_STREAM_CANCELLED]: true }).end();
      return reader.cancel(reason);
    },
  });
}

/**
 * The same object (methods and all, e.g. an SDK's stream class) whose async iteration is traced:
 * the span ends when iteration completes, throws, or the consumer breaks out.
 */
function traceAsyncIterable<T extends AsyncIterable<unknown>>(handle: SpanHandle, iterable: T): T {
  let chunks = 0;
  const finish = (extra?: Record<string, boolean>) => {
    if (!handle.ended) handle.setAttributes({ [ATTR_AI_STREAM_CHUNKS]: chunks, ...extra }).end();
  };
  return new Proxy(iterable, {
    get(target, property, receiver) {
      if (property !== Symbol.asyncIterator) return Reflect.get(target, property, receiver);
      return () => {
        const iterator = target[Symbol.asyncIterator]();
        return {
          async next(...args: [] | [unknown]) {
            try {
              const next = await context.with(handle.context, () => iterator.next(...args));
              if (next.done) finish();
              else chunks++;
              return next;
            } catch (error) {
              handle.fail(error);
              throw error;
            }
          },
          async return(value?: unknown) {
            finish({ [ATTR_AI_STREAM_CANCELLED]: true });
            return iterator.return ? iterator.return(value) : { done: true, value };
          },
          async throw(error?: unknown) {
            handle.fail(error);
            if (iterator.throw) return iterator.throw(error);
            throw error;
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
      };
    },
  });
}
