import { context, diag } from "@opentelemetry/api";
import { inModelCall } from "../context/model-call.js";
import { ATTR_AI_STREAM_CANCELLED } from "../conventions/attribute-keys.js";
import { errorMessage } from "../spans/record-error.js";
import { generationBuilder } from "../spans/generation.js";
import type { GenerationHandle } from "../spans/generation.js";
import { SPAN_STARTERS } from "../spans/span-starters.js";
import { traceStream } from "../streams/trace-stream.js";
import type { LooseOptions } from "../spans/build-span.js";
import type { GenerationOptions } from "../types/generation-result.js";

// biome-ignore lint/suspicious/noExplicitAny: a client's methods take and return any shape.
type Method = (this: unknown, ...args: any[]) => any;

/** How a client method's call becomes a generation. */
export interface CallShape {
  /** The generation's options, read from the call's arguments (the request). */
  readonly describe: (args: readonly unknown[]) => LooseOptions<GenerationOptions>;
  /**
   * `"result"`: the method returns (a promise of) the response, or of a stream when the request
   * asks for one (`stream: true`); `"stream"`: it returns a stream object at once
   * (`chat.completions.stream()`, `messages.stream()`).
   */
  readonly returns: "result" | "stream";
}

/**
 * Replaces `owner[name]` with a function that records each call as a generation and returns
 * exactly what the original returns — the client's own promise (`APIPromise`, with
 * `withResponse()`), stream and helper objects — observed, not replaced. Inside an llmtrace
 * generation the original runs alone: that generation is the model call.
 */
export function traceMethod(owner: Record<string, unknown>, name: string, shape: CallShape): void {
  const original = owner[name];
  if (typeof original !== "function") return;
  const traced = function (this: unknown, ...args: unknown[]): unknown {
    if (inModelCall(context.active())) return (original as Method).apply(this, args);
    let generation: GenerationHandle;
    try {
      generation = generationBuilder.startHandle(context.active(), shape.describe(args), SPAN_STARTERS);
    } catch (error) {
      diag.warn(`llmtrace: ${name}() could not be recorded (${errorMessage(error)}); the call runs untraced.`);
      return (original as Method).apply(this, args);
    }
    let result: unknown;
    try {
      result = context.with(generation.context, () => (original as Method).apply(this, args));
    } catch (error) {
      generation.fail(error);
      throw error;
    }
    if (shape.returns === "stream") return traceStream(generation, result);
    if (isThenable(result)) {
      const streaming = wantsStream(args[0]);
      const settle = (value: unknown) => (streaming ? traceClientStream(generation, value) : generation.end(value as object));
      const fail = (error: unknown) => generation.fail(error);
      if (isApiPromise(result)) observeApiPromise(result, generation, settle, fail);
      // A reaction of our own: the caller's promise is returned untouched, and settles as it would.
      else result.then(settle, fail);
      return result;
    }
    generation.end(result as object);
    return result;
  };
  Object.defineProperty(traced, "name", { value: (original as Method).name, configurable: true });
  owner[name] = traced;
}

/**
 * A client's stream, observed where it is. Aborted through its own controller, it just stops
 * yielding: the abort is noted so the generation reads as cancelled, not as a complete answer.
 */
function traceClientStream(generation: GenerationHandle, stream: unknown): void {
  const signal = (stream as { controller?: { signal?: AbortSignal } } | null)?.controller?.signal;
  signal?.addEventListener(
    "abort",
    () => {
      generation.setAttribute(ATTR_AI_STREAM_CANCELLED, true);
      // Aborted while read, the reading ends the generation with what was read; aborted before
      // any reading, nothing will: it ends here, a turn later.
      setTimeout(() => {
        if (!generation.ended) generation.end();
      }, 0).unref?.();
    },
    { once: true },
  );
  traceStream(generation, stream);
}

/** The clients' `APIPromise`: reading its result parses the response body, which `asResponse()` hands over unread. */
interface ApiPromise extends PromiseLike<unknown> {
  withResponse(): PromiseLike<{ data: unknown }>;
  asResponse(): PromiseLike<unknown>;
}

function isApiPromise(value: PromiseLike<unknown>): value is ApiPromise {
  const p = value as Partial<ApiPromise>;
  return typeof p.withResponse === "function" && typeof p.asResponse === "function";
}

/**
 * Observes an `APIPromise` without reading its body first: the result is read only when the caller
 * reads it — `await`/`then`, `catch`, `finally`, `withResponse()`, or the client's own `parse()` —
 * and `asResponse()` (the raw response, its body the caller's) ends the generation without usage
 * rather than consuming the body. A promise the client derives from it (`_thenUnwrap`, as
 * `responses.parse()` does) is observed in its place. Shadowed on the instance, so the object, its
 * class and its other methods are the client's own.
 */
function observeApiPromise(promise: ApiPromise, generation: GenerationHandle, settle: (value: unknown) => void, fail: (error: unknown) => void): void {
  const target = promise as unknown as Record<string, unknown>;
  const original = (name: string) => (typeof target[name] === "function" ? (target[name] as (...args: unknown[]) => unknown).bind(promise) : undefined);
  const then = original("then")!;
  let observed = false;
  const observe = () => {
    if (observed) return;
    observed = true;
    then(settle, fail);
  };
  const shadow = (name: string, replacement: (call: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown) => {
    const call = original(name);
    if (call) Object.defineProperty(promise, name, { value: replacement(call), writable: true, configurable: true, enumerable: false });
  };
  for (const name of ["then", "catch", "finally", "withResponse", "parse"]) {
    shadow(name, (call) => (...args) => {
      observe();
      return call(...args);
    });
  }
  shadow("asResponse", (call) => () => {
    if (observed) return call();
    observed = true;
    const raw = call() as PromiseLike<unknown>;
    raw.then(() => generation.end(), fail);
    return raw;
  });
  shadow("_thenUnwrap", (call) => (...args) => {
    const derived = call(...args);
    if (!observed && isThenable(derived) && isApiPromise(derived)) {
      observed = true;
      observeApiPromise(derived, generation, settle, fail);
    }
    return derived;
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function wantsStream(request: unknown): boolean {
  return typeof request === "object" && request !== null && (request as { stream?: unknown }).stream === true;
}
