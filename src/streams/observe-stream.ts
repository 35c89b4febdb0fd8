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
 * Observes whatever kind of stream `value` is, and returns what to hand back in its place (for
 * an async iterable or an SDK's event stream, the same object), or undefined if it is no stream.
 */
export function observeStream(value: unknown, observer: StreamObserver<unknown>): unknown {
  if (isReadableStream(value)) return observeReadableStream(value, observer);
  if (isEventStream(value)) return observeEventStream(value, observer);
  if (isAsyncIterable(value)) return observeAsyncIterable(value, observer);
  return undefined;
}

/**
 * The same object — methods, properties, identity and all — whose async iteration is observed:
 * its `[Symbol.asyncIterator]` is shadowed on the object itself, so its methods run on the real
 * object (classes with `#private` fields work) and its own uses of iteration (the OpenAI and
 * Anthropic streams' `toReadableStream()`) are observed too. An object that cannot be extended
 * (frozen) is handed back behind a proxy whose methods run on the real object instead. Each
 * observer callback is guarded: observing never breaks reading.
 */
export function observeAsyncIterable<I extends AsyncIterable<T>, T>(iterable: I, observer: StreamObserver<T>): I {
  let finished = false;
  const finish = (callback: () => void) => {
    if (finished) return;
    finished = true;
    guarded(callback);
  };
  const iterate = iterable[Symbol.asyncIterator] as (this: I) => AsyncIterator<T>;
  /** Iteration of `source`, observed; the object's own iteration, or the source its `tee()` reads. */
  const observing = (source: () => AsyncIterator<T>) => (): AsyncIterator<T> & AsyncIterable<T> => {
    const iterator = source();
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
  const observedIterator = observing(() => iterate.call(iterable));
  try {
    if (Object.isExtensible(iterable)) {
      Object.defineProperty(iterable, Symbol.asyncIterator, { value: observedIterator, writable: true, configurable: true, enumerable: false });
      observeTee(iterable, (source) => observing(() => source.call(iterable) as AsyncIterator<T>));
      return iterable;
    }
  } catch {
    // An exotic object that refuses the property: the proxy below still observes it.
  }
  return proxyWithIterator(iterable, observedIterator);
}

/**
 * The OpenAI and Anthropic streams' `tee()` reads the source through the stream's own `iterator`
 * function, not its `[Symbol.asyncIterator]`: shadowed while `tee()` runs, the observed iteration
 * feeds both branches, so the source is observed once, whichever branch reads it.
 */
function observeTee(stream: object, observing: (source: (this: unknown) => unknown) => () => unknown): void {
  const s = stream as { tee?: unknown; iterator?: unknown };
  if (typeof s.tee !== "function" || typeof s.iterator !== "function") return;
  const tee = s.tee as (this: object) => unknown;
  Object.defineProperty(stream, "tee", {
    value: function (this: { iterator?: unknown }) {
      const own = Object.getOwnPropertyDescriptor(this, "iterator");
      const source = this.iterator as (this: unknown) => unknown;
      this.iterator = observing(source);
      try {
        return tee.call(this);
      } finally {
        if (own) Object.defineProperty(this, "iterator", own);
        else delete this.iterator;
      }
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** For objects that cannot take an own property: iteration observed, every other member read from and run on the target. */
function proxyWithIterator<I extends object>(target: I, iterator: () => unknown): I {
  const bound = new WeakMap<object, unknown>();
  const proxy: I = new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      // A proxy must hand back a frozen own member as it is.
      const own = Reflect.getOwnPropertyDescriptor(object, property);
      if (own && !own.configurable && !own.writable) return value;
      if (property === Symbol.asyncIterator) return iterator;
      if (typeof value !== "function") return value;
      let method = bound.get(value);
      if (!method) {
        const fn = value as (...args: unknown[]) => unknown;
        method = function (this: unknown, ...args: unknown[]) {
          const returned = fn.apply(object, args);
          // A chaining method (`on()` returning `this`) keeps returning the observed object.
          return returned === object ? proxy : returned;
        };
        bound.set(value, method);
      }
      return method;
    },
  });
  return proxy;
}

/**
 * A provider SDK's stream helper that reads its response itself and emits each event, whoever
 * consumes it and however: Anthropic's `MessageStream` (`client.messages.stream()`), OpenAI's
 * `ChatCompletionStream` (`client.chat.completions.stream()`) and `ResponseStream`
 * (`client.responses.stream()`). Its `finalMessage()`, `.on("text")` and iteration all work
 * without reading through llmtrace.
 */
export interface EventStream {
  on(event: string, listener: (...args: never[]) => unknown): unknown;
  done(): Promise<unknown>;
  readonly ended: boolean;
  readonly errored?: boolean;
  readonly aborted?: boolean;
}

export function isEventStream(value: unknown): value is EventStream {
  if (typeof value !== "object" || value === null) return false;
  try {
    const stream = value as Partial<Record<keyof EventStream, unknown>>;
    return typeof stream.on === "function" && typeof stream.done === "function" && typeof stream.ended === "boolean";
  } catch {
    return false;
  }
}

/** Each helper's one event carrying the raw stream event: Anthropic's, OpenAI chat's, OpenAI Responses'. */
const RAW_EVENT_NAMES = ["streamEvent", "chunk", "event"] as const;

/**
 * Observes an SDK's event stream through its own listeners, and hands back the same object. It
 * listens to no `error` or `abort` event: a listener there would silence the SDK's report of an
 * unhandled stream error. It reads the outcome when the stream emits `end`, which follows both.
 */
export function observeEventStream<S extends EventStream>(stream: S, observer: StreamObserver<unknown>): S {
  let finished = false;
  let source: string | undefined;
  const on = (event: string, listener: (...args: unknown[]) => void) => guarded(() => stream.on(event, listener as (...args: never[]) => unknown));
  for (const name of RAW_EVENT_NAMES) {
    on(name, (event) => {
      if (finished) return;
      // One of the names carries the raw events; any other the stream emits means something else.
      source ??= name;
      if (source === name) guarded(() => observer.item(event));
    });
  }
  const ended = () => {
    if (finished) return;
    finished = true;
    guarded(() => {
      if (stream.aborted === true) guarded(() => observer.cancelled());
      else if (stream.errored === true) {
        // The SDK has decided by now whether the error was handled; done() only tells it to us.
        stream.done().then(
          () => guarded(() => observer.done()),
          (error: unknown) => guarded(() => observer.error(error)),
        );
      } else guarded(() => observer.done());
    });
  };
  on("end", ended);
  // A stream that ended before it was handed over emits nothing more: its outcome is all there is.
  if (readEnded(stream)) ended();
  return stream;
}

function readEnded(stream: EventStream): boolean {
  try {
    return stream.ended;
  } catch {
    return false;
  }
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
