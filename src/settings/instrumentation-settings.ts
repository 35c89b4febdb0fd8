import { DETECTORS } from "../content/redaction/detectors.js";
import { Redactor, type RedactorConfig } from "../content/redaction/redactor.js";
import type { ConventionProfile } from "../conventions/span-kinds.js";

/** The kinds of content that can be switched on and off one by one. */
export type ContentField = "inputs" | "outputs" | "systemPrompts" | "toolArguments" | "toolResults" | "documents";

export const CONTENT_FIELDS: readonly ContentField[] = ["inputs", "outputs", "systemPrompts", "toolArguments", "toolResults", "documents"];

export interface ContentSettings {
  /** "full": content, redacted; "metadata": no content; "hash": a SHA-256 of the content instead. */
  readonly mode: "full" | "metadata" | "hash";
  readonly fields: Readonly<Record<ContentField, boolean>>;
  /** Largest content attribute, in characters; longer content is cut with a visible marker. */
  readonly maxLength: number;
  /** Undefined when redaction is switched off. */
  readonly redactor: Redactor | undefined;
}

/** Price per million tokens, in USD, for one model; overrides the bundled price data. */
export interface ModelPricing {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Defaults to `inputPerMillion`. */
  cacheReadPerMillion?: number;
  /** Defaults to `inputPerMillion`. */
  cacheWritePerMillion?: number;
}

/**
 * What the instrumentation layer (builders, decorators) needs from the configuration.
 * `configureTracing()` resolves it once and installs it; without it the defaults apply, so
 * the builders also work on a provider the application set up itself.
 */
export interface InstrumentationSettings {
  /** Set when tracing was configured as disabled: every builder call returns a no-op handle. */
  readonly disabled: boolean;
  readonly profiles: ProfileFlags;
  /** `"gen_ai"` names workflow / agent / tool spans `invoke_workflow <name>`, `invoke_agent <name>`, `execute_tool <name>`. */
  readonly spanNames: "llmtrace" | "gen_ai";
  readonly content: ContentSettings;
  /** Price overrides, keyed by model id (`gpt-4o`) or `provider/model` (`openai/gpt-4o`). */
  readonly pricing: Readonly<Record<string, ModelPricing>>;
  /** Also put withContext ids into W3C baggage, so they cross process boundaries. */
  readonly contextBaggage: boolean;
}

export interface ProfileFlags {
  readonly ai: boolean;
  readonly genAi: boolean;
  readonly openinference: boolean;
  readonly traceloop: boolean;
  readonly langfuse: boolean;
}

export function profileFlags(profiles: readonly ConventionProfile[]): ProfileFlags {
  const set = new Set(profiles);
  return Object.freeze({
    ai: set.has("ai"),
    genAi: set.has("gen_ai"),
    openinference: set.has("openinference"),
    traceloop: set.has("traceloop"),
    langfuse: set.has("langfuse"),
  });
}

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

export const DEFAULT_CONTENT: ContentSettings = Object.freeze({
  mode: "full",
  fields: Object.freeze(Object.fromEntries(CONTENT_FIELDS.map((f) => [f, true])) as Record<ContentField, boolean>),
  maxLength: 32 * 1024,
  redactor: DEFAULT_REDACTOR,
});

export const DEFAULT_SETTINGS: InstrumentationSettings = Object.freeze({
  disabled: false,
  profiles: profileFlags(["ai", "gen_ai"]),
  spanNames: "llmtrace",
  content: DEFAULT_CONTENT,
  pricing: Object.freeze({}),
  contextBaggage: false,
});

// On globalThis so the ESM and CommonJS builds in one process read the same settings.
const SLOT = Symbol.for("llmtrace.instrumentationSettings");
type Slot = { [SLOT]?: InstrumentationSettings };

export function getSettings(): InstrumentationSettings {
  return (globalThis as Slot)[SLOT] ?? DEFAULT_SETTINGS;
}

export function installSettings(settings: InstrumentationSettings): void {
  (globalThis as Slot)[SLOT] = settings;
}

export function resetSettings(): void {
  delete (globalThis as Slot)[SLOT];
}
