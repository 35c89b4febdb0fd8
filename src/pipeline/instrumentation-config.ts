import type { ResolvedConfig } from "../config/resolved-config.js";
import { DEFAULT_SETTINGS, type InstrumentationSettings, profileFlags } from "../settings/instrumentation-settings.js";

/** The part of the resolved configuration the builders and decorators read. */
export function instrumentationSettings(config: ResolvedConfig): InstrumentationSettings {
  if (!config.enabled) return Object.freeze({ ...DEFAULT_SETTINGS, disabled: true });
  return Object.freeze({
    disabled: false,
    profiles: profileFlags(config.conventions),
    spanNames: config.spanNames,
    captureContent: config.content.capture,
    maxContentLength: config.content.maxLength,
    pricing: config.pricing,
    contextBaggage: config.contextBaggage,
  });
}
