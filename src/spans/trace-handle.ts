import { type Attributes, type Context, context, diag, SpanKind, trace } from "@opentelemetry/api";
import { describeError } from "./record-error.js";
import { ATTR_LANGFUSE_TRACE_NAME } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { contextWithLlm, type LlmContext } from "../context/llm-context.js";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { stringOption } from "./parse-args.js";
import { SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";
import { addPendingRoot, removePendingRoot } from "./pending-roots.js";
import { TRACE_TRACKER, TraceTracker } from "./trace-tracker.js";

export interface TraceOptions extends LlmContext {
  /** The root span's name. @default "trace" */
  name?: string;
  /** The trace's input, through the content path. */
  input?: unknown;
  attributes?: Attributes;
}

/**
 * A new trace with its own context (conversation, session, user ids...). Its builders start spans
 * in that trace; its root span ends on its own once the last of them has ended (or at `end()`),
 * and `ref()` / `feedback()` keep working after that.
 */
export class TraceHandle extends SpanHandle {
  private autoEndScheduled = false;

  /** @internal */
  constructor(started: StartedSpan, settings: InstrumentationSettings, input: unknown) {
    super("trace", started, settings);
    this.recordInput(input);
  }

  /** @internal Called by the tracker when no span of the trace is open any more. */
  scheduleAutoEnd(tracker: TraceTracker, lastEndTime: number): void {
    if (this.autoEndScheduled || this.ended) return;
    this.autoEndScheduled = true;
    const finish = () => {
      removePendingRoot(finish);
      this.autoEndScheduled = false;
      if (!this.ended && tracker.idle) this.endSpan(undefined, tracker.lastEndTime || lastEndTime);
    };
    addPendingRoot(finish);
    // Deferred, so a span started right after another ended (same tick) keeps the trace open.
    setImmediate(finish);
  }
}

export function startTrace(options: TraceOptions = {}): TraceHandle {
  const settings = getSettings();
  try {
    return createTrace(options, settings);
  } catch (error) {
    diag.warn(`llmtrace: trace.start() could not read its options, so the trace is recorded without them: ${describeError(error)}`);
  }
  // Options that throw when read cost the options, not the trace.
  try {
    return createTrace({}, settings);
  } catch (error) {
    diag.warn(`llmtrace: trace.start() could not start a trace: ${describeError(error)}`);
    return new TraceHandle(startSpan("trace", context.active(), {}, SpanKind.INTERNAL, { ...settings, disabled: true }), settings, undefined);
  }
}

function createTrace(options: TraceOptions, settings: InstrumentationSettings): TraceHandle {
  const name = stringOption(options.name) ?? "trace";
  // A new trace: the active span is left out, the active llm context and baggage are kept.
  const base = contextWithLlm(trace.deleteSpan(context.active()), options);
  const attributes: Attributes = kindAttributes("trace", name, settings.profiles);
  if (settings.profiles.langfuse) attributes[ATTR_LANGFUSE_TRACE_NAME] = name;
  Object.assign(attributes, options.attributes);
  const started = startSpan(name, base, attributes, SpanKind.INTERNAL, settings);
  let handle: TraceHandle | undefined;
  const tracker = new TraceTracker((lastEnd) => handle?.scheduleAutoEnd(tracker, lastEnd));
  const tracked: Context = started.context.setValue(TRACE_TRACKER, tracker);
  handle = new TraceHandle({ span: started.span, context: tracked }, settings, options.input);
  return handle;
}
