import { type Context, context } from "@opentelemetry/api";

/** What happens to a stream while its consumer reads it. */
export interface StreamObserver<T> {
  /** Each chunk, as the consumer receives it. */
  item(value: T): void;
  /** Read to the end. */
  done(): void;
  /** The stream failed; the error reaches the consumer unchanged. */
  error(error: unknown): void;
  /** The consumer stopped early (`break`, `return()`, `cancel()`). */
  cancelled(): void;
  /** Reads run in this context, so spans started while producing chunks nest where they should. */
  readonly context?: Context;
}

/**
 * The same object — methods, properties and all (an SDK's stream class keeps working) — whose
 * async iteration is observed. Each observer callback is guarded: observing never breaks reading.
 */
export function observeAsyncIterable<I extends AsyncIterable<T>, T>(iterable: I, observer: StreamObserver<T>): I {
  let finished = false;
  const finish = (callback: () => void) => {
    if (finished) return;
    finished = true;
    guarded(callback);
  };
  return new Proxy(iterable, {
    get(target, property, receiver) {
      if (property !== Symbol.asyncIterator) return Reflect.get(target, property, receiver);
      return () => {
        const iterator = target[Symbol.asyncIterator]();
        const read = (advance: () => Promise<IteratorResult<T>>) => (observer.context ? context.with(observer.context, advance) : advance());
        const observed: AsyncIterator<T> & AsyncIterable<T> = {
          async next(...args: [] | [undefined]) {
            let next: IteratorResult<T>;
            try {
              next = await read(() => iterator.next(...args));
            } catch (error) {
              finish(() => observer.error(error));
              throw error;
            }
            if (next.done) finish(() => observer.done());
            else if (!finished) guarded(() => observer.item(next.value));
            return next;
          },
          async return(value?: unknown) {
            finish(() => observer.cancelled());
            return iterator.return ? iterator.return(value) : { done: true, value: value as T };
          },
          async throw(error?: unknown) {
            finish(() => observer.error(error));
            if (iterator.throw) return iterator.throw(error);
            throw error;
          },
          [Symbol.asyncIterator]() {
            return observed;
          },
        };
        return observed;
      };
    },
  });
}

/** A stream with the same chunks, observed as the consumer reads (or cancels) it. */
export function observeReadableStream<T>(stream: ReadableStream<T>, observer: StreamObserver<T>): ReadableStream<T> {
  const reader = stream.getReader();
  let finished = false;
  const finish = (callback: () => void) => {
    if (finished) return;
    finished = true;
    guarded(callback);
  };
  return new ReadableStream<T>({
    async pull(controller) {
      try {
        const { done, value } = await (observer.context ? context.with(observer.context, () => reader.read()) : reader.read());
        if (done) {
          finish(() => observer.done());
          controller.close();
        } else {
          guarded(() => observer.item(value));
          controller.enqueue(value);
        }
      } catch (error) {
        finish(() => observer.error(error));
        controller.error(error);
      }
    },
    cancel(reason) {
      finish(() => observer.cancelled());
      return reader.cancel(reason);
    },
  });
}

export function isReadableStream(value: unknown): value is ReadableStream {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

function guarded(callback: () => void): void {
  try {
    callback();
  } catch {
    // An observer's failure is tracing's problem, never the reader's.
  }
}
