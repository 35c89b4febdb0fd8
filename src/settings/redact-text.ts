import { getSettings } from "./instrumentation-settings.js";

/**
 * `text` as llmtrace would export it under the active configuration: with the configured (or,
 * before `configureTracing`, the default) detectors, sensitive-key rules, user rules and hook.
 * For checking what your own strings would look like, e.g. in a test.
 */
export function redactText(text: string, key = "text"): string {
  const redactor = getSettings().content.redactor;
  return redactor ? redactor.redact(text, { key }) : text;
}
