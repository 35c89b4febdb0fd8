import type { ResolvedConfig } from "../config/resolved-config.js";
import { Redactor } from "../content/redaction/redactor.js";
import { DEFAULT_SETTINGS, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { profileFlags } from "../types/span-kinds.js";

/** The part of the resolved configuration the builders and decorators read. */
export function instrumentationSettings(config: ResolvedConfig): InstrumentationSettings {
  if (!config.enabled) return Object.freeze({ ...DEFAULT_SETTINGS, disabled: true });
  return Object.freeze({
    disabled: false,
    profiles: profileFlags(config.conventions),
    spanNames: config.spanNames,
    content: Object.freeze({
      mode: config.content.mode,
      fields: config.content.fields,
      maxLength: config.content.maxLength,
      redactor: config.content.redact && new Redactor(config.content.redact),
      runtimeObjects: config.content.runtimeObjects,
    }),
    pricing: config.pricing,
    contextBaggage: config.contextBaggage,
  });
}
