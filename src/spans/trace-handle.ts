import { type Attributes, context, diag, SpanKind, trace } from "@opentelemetry/api";
import { ATTR_LANGFUSE_TRACE_NAME } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { contextWithLlm } from "../context/llm-context.js";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import type { LlmContext } from "../types/llm-context.js";
import type { SpanStarters } from "./builder-types.js";
import { numberOption, stringOption } from "./parse-args.js";
import { addPendingRoot, removePendingRoot } from "./pending-roots.js";
import { describeError } from "./record-error.js";
import { runWithHandle, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";
import { TRACE_TRACKER, TraceTracker } from "./trace-tracker.js";

/** Long enough that an untraced await between two spans (a database call, a queue) keeps the trace open. */
export const DEFAULT_TRACE_IDLE_MILLIS = 1000;

export interface TraceOptions extends LlmContext {
  /** The root span's name. @default "trace" */
  name?: string;
  /** The trace's input, through the content path. */
  input?: unknown;
  attributes?: Attributes;
  /**
   * Handle form only: how long the trace may have no open span before its root ends on its own
   * (at the last span's end time). `Infinity`: only `end()`, dispose, flush or shutdown end it.
   * @default 1000
   */
  idleTimeoutMillis?: number;
}

/**
 * A new trace with its own context (conversation, session, user ids...). Its builders start spans
 * in that trace. The root span ends at `end()`, at dispose, at flush or shutdown, or on its own
 * once the trace has had no open span for `idleTimeoutMillis`; `ref()` / `feedback()` keep
 * working after that.
 */
export class TraceHandle extends SpanHandle {
  /** @internal Set for the handle form: lets go of the idle timer once the root has ended. */
  idleRoot: { release(): void } | undefined;

  /** @internal */
  constructor(started: StartedSpan, settings: InstrumentationSettings, input: unknown) {
    super("trace", started, settings);
    this.recordInput(input);
  }

  protected override endSpan(result: unknown, endTime: number | undefined): void {
    super.endSpan(result, endTime);
    this.idleRoot?.release();
    this.idleRoot = undefined;
  }

  /** @internal Ends the root at `endTime`, as the idle timer or a flush does. */
  endIdle(endTime: number): void {
    if (!this.ended) this.endSpan(undefined, endTime);
  }
}

/** `trace.start(options)` and `trace.start(options, fn)`. */
export function startTrace(options: TraceOptions | undefined, fn: ((t: TraceHandle) => unknown) | undefined, starters: SpanStarters): unknown {
  const callback = typeof fn === "function" ? fn : undefined;
  const handle = newTrace(options ?? {}, callback === undefined).attachStarters(starters);
  // The callback form ends with the callback, like every other builder.
  return callback ? runWithHandle(handle, callback) : handle;
}

function newTrace(options: TraceOptions, endsWhenIdle: boolean): TraceHandle {
  const settings = getSettings();
  try {
    return createTrace(options, settings, endsWhenIdle);
  } catch (error) {
    diag.warn(`llmtrace: trace.start() could not read its options, so the trace is recorded without them: ${describeError(error)}`);
  }
  // Options that throw when read cost the options, not the trace.
  try {
    return createTrace({}, settings, endsWhenIdle);
  } catch (error) {
    diag.warn(`llmtrace: trace.start() could not start a trace: ${describeError(error)}`);
    return new TraceHandle(startSpan("trace", context.active(), {}, SpanKind.INTERNAL, { ...settings, disabled: true }), settings, undefined);
  }
}

function createTrace(options: TraceOptions, settings: InstrumentationSettings, endsWhenIdle: boolean): TraceHandle {
  const name = stringOption(options.name) ?? "trace";
  // A new trace: the active span is left out, the active llm context and baggage are kept.
  const base = contextWithLlm(trace.deleteSpan(context.active()), options);
  const attributes: Attributes = kindAttributes("trace", name, settings.profiles);
  if (settings.profiles.langfuse) attributes[ATTR_LANGFUSE_TRACE_NAME] = name;
  Object.assign(attributes, options.attributes);
  const started = startSpan(name, base, attributes, SpanKind.INTERNAL, settings);
  if (!endsWhenIdle || !started.span.isRecording()) return new TraceHandle(started, settings, options.input);
  const idleMillis = numberOption(options.idleTimeoutMillis) ?? DEFAULT_TRACE_IDLE_MILLIS;
  const idle = new IdleRoot(idleMillis);
  const tracker = new TraceTracker(Date.now(), idle.arm);
  const handle = new TraceHandle({ span: started.span, context: started.context.setValue(TRACE_TRACKER, tracker) }, settings, options.input);
  idle.watch(handle, tracker);
  return handle;
}

/**
 * Ends a handle-form root once its trace has been idle for `millis`: one unref'd timer per
 * trace, re-armed (not re-created) each time the trace goes idle, so a server that starts a
 * trace per request and never ends them holds each for `millis` at most.
 */
class IdleRoot {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private handle: TraceHandle | undefined;
  private tracker: TraceTracker | undefined;
  private idleSince = 0;

  constructor(private readonly millis: number) {}

  watch(handle: TraceHandle, tracker: TraceTracker): void {
    this.handle = handle;
    this.tracker = tracker;
    handle.idleRoot = this;
    this.arm();
  }

  /** The root ended some other way (`end()`, dispose, the callback): nothing to wait for. */
  release(): void {
    this.stop(true);
  }

  readonly arm = (): void => {
    if (!this.handle || this.handle.ended) return;
    // No idle period (Infinity): no timer, but a flush or shutdown still ends the idle root.
    if (!Number.isFinite(this.millis)) return addPendingRoot(this.finish);
    this.idleSince = performance.now();
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    addPendingRoot(this.finish);
    this.timer = setTimeout(this.fire, Math.max(0, this.millis));
    this.timer.unref();
  };

  private readonly fire = (): void => {
    const tracker = this.tracker!;
    if (!tracker.idle) return this.stop(false);
    // A span started and ended since the timer was armed: wait out the rest of the period.
    const waited = performance.now() - this.idleSince;
    if (waited < this.millis) {
      this.timer = setTimeout(this.fire, this.millis - waited);
      this.timer.unref();
      return;
    }
    this.finish();
  };

  /** Ends the root now (the timer fired, or a flush or shutdown came first). */
  readonly finish = (): void => {
    const { handle, tracker } = this;
    // Busy (a flush while a span is open): keep watching; the next idle moment re-arms.
    if (!handle || !tracker?.idle) return this.stop(false);
    this.stop(true);
    handle.endIdle(tracker.lastEndTime);
  };

  private stop(done: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Busy again: the next idle moment re-arms it. Done: nothing of the trace is held any more.
    removePendingRoot(this.finish);
    if (done) {
      this.handle = undefined;
      this.tracker = undefined;
    }
  }
}
