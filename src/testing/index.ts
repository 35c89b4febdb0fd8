export { captureSpans } from "./span-capture.js";
export type { SpanCapture, SpanMatcher } from "./span-capture.js";
