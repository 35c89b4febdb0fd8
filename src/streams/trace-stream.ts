import { diag } from "@opentelemetry/api";
import { ATTR_AI_STREAM_CANCELLED } from "../conventions/attribute-keys.js";
import { GenerationHandle } from "../spans/generation.js";
import { isAsyncIterable, isReadableStream, observeAsyncIterable, observeReadableStream } from "./observe-stream.js";
import { StreamAccumulator } from "../readers/stream-accumulator.js";

/**
 * Traces a model's streamed answer on `generation` and hands the stream back: the consumer reads
 * exactly the chunks it would have read. Time to first token, chunk count, the streamed text,
 * tool calls, usage (OpenAI's final usage chunk, Anthropic's message_start / message_delta, the
 * AI SDK's finish part), finish reasons and response model/id are recorded; the generation ends
 * when the stream is read to the end, fails, or the consumer stops early (`break`, `return()`,
 * `cancel()`).
 *
 * Works with OpenAI Chat Completions and Responses streams, Anthropic message streams, and the
 * Vercel AI SDK's `textStream` / `fullStream` — an async iterable keeps its own methods, a
 * ReadableStream is returned as an equivalent ReadableStream.
 */
export function traceStream<S>(generation: GenerationHandle, stream: S): S {
  if (!(generation instanceof GenerationHandle)) {
    diag.warn("llmtrace: traceStream() needs a generation handle from trace.generation(); the stream is not traced.");
    return stream;
  }
  const accumulator = new StreamAccumulator();
  const observer = {
    context: generation.context,
    item(chunk: unknown) {
      const reading = accumulator.accept(chunk);
      if (reading.content) generation.chunk(reading.text);
    },
    done() {
      if (accumulator.failure) generation.fail(new Error(accumulator.failure));
      else generation.end(accumulator.result(generation.streamedText));
    },
    error(error: unknown) {
      generation.fail(error);
    },
    cancelled() {
      generation.setAttribute(ATTR_AI_STREAM_CANCELLED, true).end(accumulator.result(generation.streamedText));
    },
  };
  if (isReadableStream(stream)) return observeReadableStream(stream, observer) as S;
  if (isAsyncIterable(stream)) return observeAsyncIterable(stream, observer) as S;
  diag.warn("llmtrace: traceStream() was given something that is neither a ReadableStream nor an async iterable; it is not traced.");
  return stream;
}
