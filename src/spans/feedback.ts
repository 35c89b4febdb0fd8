import { type Attributes, type Context, diag, type SpanContext, SpanKind, trace } from "@opentelemetry/api";
import { describeError } from "./record-error.js";
import {
  ATTR_AI_FEEDBACK_LABEL,
  ATTR_AI_FEEDBACK_SCORE,
  ATTR_AI_FEEDBACK_TAG,
  ATTR_AI_FEEDBACK_TEXT,
  ATTR_GEN_AI_EVALUATION_EXPLANATION,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { numberOption, stringOption } from "./parse-args.js";
import { SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";
import { parseSpanRef } from "./span-ref.js";
import { TRACER_NAME } from "./tracer.js";
import { emitLogRecord, logExportOn, SeverityNumber } from "../platform/log-records.js";

export interface FeedbackOptions {
  /**
   * The trace (and span) the feedback is about: a reference from `handle.ref()`, stored as long
   * as needed and valid in any process. Without it, the active span.
   */
  ref?: string;
  /** A category, e.g. "THUMBS_UP". */
  tag?: string;
  /** What the user wrote; through the content path. */
  text?: string;
  score?: number;
  label?: string;
  attributes?: Attributes;
}

class FeedbackHandle extends SpanHandle {
  /** The text as recorded (redacted, within the content settings), for the evaluation event. */
  readonly recordedText: string | undefined;

  constructor(started: StartedSpan, settings: InstrumentationSettings, text: unknown) {
    super("feedback", started, settings);
    if (text === undefined || !this.recording) return;
    const recorded = this.content(text, ATTR_AI_FEEDBACK_TEXT, "inputs");
    this.recordedText = recorded;
    if (recorded !== undefined && settings.profiles.ai) this.span.setAttribute(ATTR_AI_FEEDBACK_TEXT, recorded);
  }
}

/**
 * Records feedback as a zero-length `feedback` span in the trace it is about, as a child of the
 * referenced span, so it lands in the right trace even long after that trace ended.
 */
export function recordFeedback(parent: Context, options: FeedbackOptions, target?: SpanContext): void {
  try {
    writeFeedback(parent, options, target);
    return;
  } catch (error) {
    diag.warn(`llmtrace: feedback options could not be read, so the feedback is recorded without them: ${describeError(error)}`);
  }
  // Options that throw when read cost the options, not the record that feedback was given.
  try {
    writeFeedback(parent, {}, target);
  } catch (error) {
    diag.warn(`llmtrace: feedback could not be recorded: ${describeError(error)}`);
  }
}

function writeFeedback(parent: Context, options: FeedbackOptions, target: SpanContext | undefined): void {
  const settings = getSettings();
  if (settings.disabled) return;
  let about = target;
  if (about === undefined && options?.ref !== undefined) {
    about = parseSpanRef(options.ref);
    if (!about) diag.warn(`llmtrace: feedback ref ${JSON.stringify(String(options.ref)).slice(0, 80)} is not a reference from handle.ref(); the feedback is recorded under the active span instead.`);
  }
  const context = about ? trace.setSpanContext(parent, about) : parent;
  const tag = stringOption(options?.tag);
  const attributes: Attributes = kindAttributes("feedback", tag ?? "feedback", settings.profiles);
  if (settings.profiles.ai) {
    if (tag) attributes[ATTR_AI_FEEDBACK_TAG] = tag;
    const score = numberOption(options?.score);
    if (score !== undefined) attributes[ATTR_AI_FEEDBACK_SCORE] = score;
    const label = stringOption(options?.label);
    if (label) attributes[ATTR_AI_FEEDBACK_LABEL] = label;
  }
  const evaluation = evaluationAttributes(tag, numberOption(options?.score), stringOption(options?.label));
  if (settings.profiles.genAi) Object.assign(attributes, evaluation);
  Object.assign(attributes, options?.attributes);
  const handle = new FeedbackHandle(startSpan("feedback", context, attributes, SpanKind.INTERNAL, settings), settings, options?.text);
  handle.end();
  // The GenAI conventions' event for an evaluation, parented to the evaluated span: exported when
  // log export is on (configureTracing({ logs })), a no-op otherwise.
  if (logExportOn()) {
    const explanation = handle.recordedText;
    emitLogRecord(TRACER_NAME, {
      eventName: EVENT_GEN_AI_EVALUATION_RESULT,
      severityNumber: SeverityNumber.INFO,
      severityText: "INFO",
      body: undefined,
      attributes: explanation === undefined ? evaluation : { ...evaluation, [ATTR_GEN_AI_EVALUATION_EXPLANATION]: explanation },
      context,
    });
  }
}

function evaluationAttributes(tag: string | undefined, score: number | undefined, label: string | undefined): Attributes {
  const attributes: Attributes = { [ATTR_GEN_AI_EVALUATION_NAME]: tag ?? "feedback" };
  if (score !== undefined) attributes[ATTR_GEN_AI_EVALUATION_SCORE_VALUE] = score;
  if (label !== undefined) attributes[ATTR_GEN_AI_EVALUATION_SCORE_LABEL] = label;
  return attributes;
}
