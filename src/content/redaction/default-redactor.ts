import { DETECTORS } from "./detectors.js";
import { Redactor, type RedactorConfig } from "./redactor.js";

/** Every built-in detector, sensitive keys on: what runs when nothing says otherwise. */
export const DEFAULT_REDACTOR_CONFIG: RedactorConfig = Object.freeze({
  detectors: DETECTORS.map((d) => d.name),
  sensitiveKeys: true,
  extraSensitiveKeys: [],
  rules: [],
  hook: undefined,
  replacement: "[REDACTED:{type}]",
});

export const DEFAULT_REDACTOR = new Redactor(DEFAULT_REDACTOR_CONFIG);
