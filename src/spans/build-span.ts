import { type Context, diag, INVALID_SPAN_CONTEXT, trace } from "@opentelemetry/api";
import { describeError } from "./record-error.js";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { parseBuilderArgs } from "./parse-args.js";
import type { SpanStarters } from "./builder-types.js";
import { selfTiming } from "../platform/self-timing.js";
import { type EndListener, runWithHandle, type SpanHandle, type StartedSpan } from "./span-handle.js";
import { trackerIn } from "./trace-tracker.js";

/** Options as internal callers pass them: any field may be explicitly undefined (builders read each defensively). */
export type LooseOptions<O> = { [K in keyof O]?: O[K] | undefined };

export interface BuildRequest<O> {
  readonly description: string | undefined;
  readonly options: Partial<O>;
  readonly parent: Context;
  readonly settings: InstrumentationSettings;
  readonly onEnd: EndListener | undefined;
}

/** A span kind's two entry points, over the same way of creating its handle. */
export interface SpanBuilder<O extends object, H extends SpanHandle> {
  /** `trace.<kind>(...)` and `handle.<kind>(...)`: reads description, options and callback, starts the span. */
  readonly start: (parent: Context, args: readonly unknown[], starters: SpanStarters) => unknown;
  /** Starts a span from options in hand, without argument parsing (for decorators). */
  readonly startHandle: (parent: Context, options: LooseOptions<O>, starters: SpanStarters) => H;
}

/**
 * A span kind from how its handle is created from options, and how a non-recording handle is
 * made when even that fails (the caller's code runs either way).
 */
export function defineBuilder<O extends object, H extends SpanHandle>(
  kind: string,
  create: (request: BuildRequest<O>) => H,
  fallback: (started: StartedSpan, settings: InstrumentationSettings) => H,
): SpanBuilder<O, H> {
  return {
    start: (parent, args, starters) => buildSpan(kind, parent, args, starters, create, fallback),
    startHandle: (parent, options, starters) => startHandle(kind, parent, undefined, options, create, fallback).attachStarters(starters),
  };
}

/**
 * The one path every builder call takes: read the arguments, start the handle, and with a
 * callback run it inside the span.
 */
function buildSpan<O extends object, H extends SpanHandle>(
  builder: string,
  parent: Context,
  args: readonly unknown[],
  starters: SpanStarters,
  create: (request: BuildRequest<O>) => H,
  fallback: (started: StartedSpan, settings: InstrumentationSettings) => H,
): unknown {
  const parsed = parseBuilderArgs<O>(builder, args);
  const handle = startHandle(builder, parent, parsed.description, parsed.options, create, fallback).attachStarters(starters);
  return parsed.callback ? runWithHandle(handle, parsed.callback as (h: H) => unknown) : handle;
}

/**
 * Starts a handle from options already in hand. A failure inside llmtrace itself yields a
 * non-recording handle and a warning — the caller's code runs either way.
 */
function startHandle<O extends object, H extends SpanHandle>(
  builder: string,
  parent: Context,
  description: string | undefined,
  options: LooseOptions<O>,
  create: (request: BuildRequest<O>) => H,
  fallback: (started: StartedSpan, settings: InstrumentationSettings) => H,
): H {
  const settings = getSettings();
  try {
    return createHandle(create, description, options, parent, settings);
  } catch (error) {
    diag.warn(`llmtrace: ${builder}() could not read its options, so the span is recorded without them: ${describeError(error)}`);
  }
  // Options that throw when read (a hostile proxy, a throwing getter) cost the options, not the span.
  try {
    return createHandle(create, description, {}, parent, settings);
  } catch (error) {
    diag.warn(`llmtrace: ${builder}() could not start a span: ${describeError(error)}`);
    return fallback({ span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT), context: parent }, settings);
  }
}

function createHandle<O extends object, H extends SpanHandle>(
  create: (request: BuildRequest<O>) => H,
  description: string | undefined,
  options: LooseOptions<O>,
  parent: Context,
  settings: InstrumentationSettings,
): H {
  const tracker = trackerIn(parent);
  // Building the span — reading options, capturing and redacting its input — is tracing's cost too.
  const timed = settings.disabled ? -1 : selfTiming.begin();
  const handle = create({ description, options: options as Partial<O>, parent, settings, onEnd: tracker?.ended });
  if (timed >= 0) {
    selfTiming.add(timed);
    handle.markTimed();
  }
  // Every builder's option: nothing is read unless it is on.
  if ((options as { resourceUsage?: unknown }).resourceUsage === true) handle.trackResources();
  tracker?.started();
  return handle;
}
