import { diag } from "@opentelemetry/api";
import { ATTR_AI_STREAM_CANCELLED } from "../conventions/attribute-keys.js";
import { GenerationHandle } from "../spans/generation.js";
import { endWithStream } from "../spans/stream-owned.js";
import { observeStream, type StreamObserver } from "./observe-stream.js";
import { StreamAccumulator } from "../readers/stream-accumulator.js";
import { StreamBytesDecoder } from "../readers/stream-bytes.js";

/**
 * Traces a model's streamed answer on `generation` and hands the stream back: the consumer reads
 * exactly the chunks it would have read. Time to first token, chunk count, the streamed text,
 * tool calls, usage (OpenAI's final usage chunk, Anthropic's message_start / message_delta, the
 * AI SDK's finish part), finish reasons and response model/id are recorded; the generation ends
 * when the stream is read to the end, fails, or the consumer stops early (`break`, `return()`,
 * `cancel()`, `abort()`).
 *
 * What comes back:
 * - an async iterable (OpenAI's `Stream`, an async generator): the same object, its iteration
 *   observed; its methods run on it as before;
 * - an SDK stream helper that emits events (Anthropic's `MessageStream`, OpenAI's
 *   `ChatCompletionStream` / `ResponseStream`): the same object, observed through its own events,
 *   so `finalMessage()`, `.on("text")` and iteration all count;
 * - a ReadableStream: an equivalent ReadableStream. Its chunks may be objects, strings, or bytes
 *   (an SDK stream's `toReadableStream()`: JSON lines; a provider's response body: server-sent
 *   events; or plain text), which are decoded to read them.
 *
 * A `trace.generation(options, callback)` whose callback traces a stream ends with the stream, not
 * when the callback returns, so the callback may return the stream for its caller to read.
 */
export function traceStream<S>(generation: GenerationHandle, stream: S): S {
  if (!(generation instanceof GenerationHandle)) {
    diag.warn("llmtrace: traceStream() needs a generation handle from trace.generation(); the stream is not traced.");
    return stream;
  }
  const accumulator = new StreamAccumulator();
  let bytes: StreamBytesDecoder | undefined;
  const read = (chunk: unknown) => {
    const reading = accumulator.accept(chunk);
    if (reading.content) generation.chunk(reading.text);
  };
  const observer: StreamObserver<unknown> = {
    context: generation.context,
    item(chunk) {
      if (chunk instanceof Uint8Array) for (const decoded of (bytes ??= new StreamBytesDecoder()).push(chunk)) read(decoded);
      else read(chunk);
    },
    done() {
      if (bytes) for (const decoded of bytes.flush()) read(decoded);
      if (accumulator.failure) generation.fail(new Error(accumulator.failure));
      else generation.end(accumulator.result(generation.streamedText));
    },
    error(error) {
      generation.fail(error);
    },
    cancelled() {
      generation.setAttribute(ATTR_AI_STREAM_CANCELLED, true).end(accumulator.result(generation.streamedText));
    },
  };
  const observed = observeStream(stream, observer);
  if (observed !== undefined) {
    // A trace.generation() callback may hand the stream to its caller: the generation ends with the stream.
    endWithStream(generation);
    return observed as S;
  }
  diag.warn("llmtrace: traceStream() was given something that is neither a ReadableStream nor an async iterable; it is not traced.");
  return stream;
}
