import { type Context, diag, INVALID_SPAN_CONTEXT, trace } from "@opentelemetry/api";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { parseBuilderArgs } from "./parse-args.js";
import { type EndListener, runWithHandle, type SpanHandle, type StartedSpan } from "./span-handle.js";
import { trackerIn } from "./trace-tracker.js";

export interface BuildRequest<O> {
  readonly description: string | undefined;
  readonly options: Partial<O>;
  readonly parent: Context;
  readonly settings: InstrumentationSettings;
  readonly onEnd: EndListener | undefined;
}

/**
 * The one path every builder call takes: read the arguments, start the handle, and with a
 * callback run it inside the span. A failure inside llmtrace itself yields a non-recording
 * handle and a warning — the caller's code runs either way.
 */
export function buildSpan<O extends object, H extends SpanHandle>(
  builder: string,
  parent: Context,
  args: readonly unknown[],
  create: (request: BuildRequest<O>) => H,
  fallback: (started: StartedSpan, settings: InstrumentationSettings) => H,
): unknown {
  const settings = getSettings();
  const parsed = parseBuilderArgs<O>(builder, args);
  let handle: H;
  try {
    const tracker = trackerIn(parent);
    handle = create({ description: parsed.description, options: parsed.options, parent, settings, onEnd: tracker?.ended });
    tracker?.started();
  } catch (error) {
    diag.warn(`llmtrace: ${builder}() could not start a span: ${String(error)}`);
    handle = fallback({ span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT), context: parent }, settings);
  }
  return parsed.callback ? runWithHandle(handle, parsed.callback as (h: H) => unknown) : handle;
}
