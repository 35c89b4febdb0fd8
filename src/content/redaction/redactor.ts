import { diag } from "@opentelemetry/api";
import type { LlmSpanKind } from "../../types/span-kinds.js";
import { DetectorPass } from "./detector-pass.js";
import { DETECTORS, type Detector, type DetectorName } from "./detectors.js";
import { hasDigit, hasQuotedKey } from "./prefilters.js";
import { DEFAULT_KEY_NAMES, DEFAULT_NAME_PARTS, DESCRIBES_SECRET, NOT_SENSITIVE_KEYS, mayNameDefaultSecret } from "./key-names.js";
import { RedactionMemo } from "./redaction-memo.js";
import { redactSensitiveMembers, type SensitiveKeys } from "./sensitive-members.js";
import { mayBeUrlEncoded, redactEncodedPart, redactUrlEncodedParts } from "./url-encoding.js";

/** Where a value being redacted is going. */
export interface RedactionContext {
  /** The attribute key (or JSON object key path's last key). */
  readonly key: string;
  /** The llmtrace span kind; undefined for spans of other instrumentations. */
  readonly spanKind?: LlmSpanKind | undefined;
  readonly spanName?: string | undefined;
}

/**
 * A last say over every string before export, after the built-in detectors and rules. Return a
 * replacement, or undefined to keep the value. A hook that throws fails closed: the value is
 * replaced by a marker.
 */
export type RedactionHook = (value: string, context: RedactionContext) => string | undefined;

export interface RedactionRule {
  /** What to find; a string is compiled as a regular expression. */
  pattern: RegExp | string;
  /** @default "[REDACTED:<name>]" */
  replacement?: string;
  /** Names the rule in the default replacement. @default "custom" */
  name?: string;
}

export interface RedactorConfig {
  readonly detectors: readonly DetectorName[];
  readonly sensitiveKeys: boolean;
  readonly extraSensitiveKeys: readonly string[];
  readonly rules: readonly RedactionRule[];
  readonly hook: RedactionHook | undefined;
  /** `{type}` is replaced by what was found: `[REDACTED:{type}]` → `[REDACTED:email]`. */
  readonly replacement: string;
  /**
   * Runs every detector's pattern on every text as one combined pattern, skipping the cheap checks
   * that rule most detectors out and the anchoring of emails at their "@". Slow; the reference
   * for tests that prove those change no result.
   */
  readonly skipPrefilters?: boolean;
}


interface CompiledRule {
  readonly regex: RegExp;
  readonly replacement: string;
}

/** Removes secrets and personal data from text, as configured. Never throws. */
export class Redactor {
  private readonly active: readonly Detector[];
  /** Passes by which detectors a text may trigger (a bit per detector). */
  private readonly passes = new Map<number, DetectorPass>();
  private readonly rules: readonly CompiledRule[];
  private readonly keyPattern: RegExp | undefined;
  private readonly keysInText: SensitiveKeys;
  private readonly keyNamesInText: RegExp | undefined;
  private readonly replacements = new Map<string, string>();
  /** Every text a finding is replaced by: a value that is one was redacted already. */
  private readonly markers = new Set<string>();
  /** Verdicts of isSensitiveKey: attribute keys repeat on every span, the pattern need not. */
  private readonly keyVerdicts = new Map<string, boolean>();
  /**
   * Results of redacting short texts (span names, kinds, model and provider names, statuses), which
   * recur on every span. Only without a hook: a hook sees the context, so its result may differ.
   */
  private readonly shortTexts = new Map<string, string>();
  private readonly parts = new Map<string, string>();
  /** Long texts redacted recently: about 1 MB of characters at most, texts and results together. */
  private readonly memo = new RedactionMemo(1024, 512 * 1024);
  private hookFailed = false;

  constructor(private readonly config: RedactorConfig) {
    this.active = DETECTORS.filter((d) => config.detectors.includes(d.name));
    this.rules = config.rules.map((rule) => ({
      regex: toGlobalRegExp(rule.pattern),
      replacement: rule.replacement ?? this.replacementFor(rule.name ?? "custom"),
    }));
    for (const rule of this.rules) this.markers.add(rule.replacement);
    const names = [...(config.sensitiveKeys ? DEFAULT_KEY_NAMES : []), ...config.extraSensitiveKeys.map(escapeRegExp)];
    // A key is sensitive when one of its segments (split at . _ - and spaces) is a sensitive name.
    this.keyPattern = names.length > 0 ? new RegExp(`(?:^|[._\\-\\s])(?:${names.join("|")})(?:$|[._\\-\\s])`, "i") : undefined;
    // A text with quoted keys is searched for the names once (a JSON text has many keys, few of
    // them secret); then each key is checked in place, and looked up only if it may be one.
    const partsOfNames = config.extraSensitiveKeys.length > 0 ? names : DEFAULT_NAME_PARTS;
    this.keyNamesInText = names.length > 0 ? new RegExp(partsOfNames.join("|"), "i") : undefined;
    this.keysInText = {
      isSensitiveKey: (key) => this.isSensitiveKey(key),
      mayNameSecret: config.extraSensitiveKeys.length > 0 ? () => true : mayNameDefaultSecret,
    };
  }

  /** Whether the redactor changes anything at all (configured with nothing, it is skipped). */
  get enabled(): boolean {
    return this.active.length > 0 || this.rules.length > 0 || this.config.hook !== undefined;
  }

  /**
   * Whether redacting a text gives the same result whatever its key and span: true without a hook
   * (which sees the context). Then a result may be remembered and reused.
   */
  get contextFree(): boolean {
    return this.config.hook === undefined;
  }

  /** The replacement text for a kind of finding. */
  replacementFor(type: string): string {
    let text = this.replacements.get(type);
    if (text === undefined) {
      text = this.config.replacement.replaceAll("{type}", type);
      this.replacements.set(type, text);
      this.markers.add(text);
    }
    return text;
  }

  /** Whether a value under this key is a secret whatever it looks like (`password`, `api_key`, `authorization`...). */
  isSensitiveKey(key: string): boolean {
    if (this.keyPattern === undefined) return false;
    let verdict = this.keyVerdicts.get(key);
    if (verdict === undefined) {
      verdict = this.keyPattern.test(key) && !DESCRIBES_SECRET.test(key) && !NOT_SENSITIVE_KEYS.has(key);
      remember(this.keyVerdicts, key, verdict);
    }
    return verdict;
  }

  private readonly isMarker = (value: string): boolean => this.markers.has(value);

  /** `text` with every finding replaced. */
  redact(text: string, context: RedactionContext): string {
    const known = this.remembered(text);
    if (known !== undefined) return known;
    // Longer texts that recur (a system prompt, history re-sent) come from the memo; each new
    // text is scanned in full, so the memo saves only work that was already done once.
    const memoized = text.length > SHORT_TEXT && text.length <= MEMO_LONGEST && this.contextFree;
    if (memoized) {
      const seen = this.memo.get(text);
      if (seen !== undefined) return seen;
    }
    const result = this.redactUncached(text, context);
    if (text.length <= SHORT_TEXT && this.contextFree) remember(this.shortTexts, text, result);
    else if (memoized) this.memo.set(text, result);
    return result;
  }

  /**
   * The remembered redaction of a short text, if there is one: lets a caller skip building the
   * context that `redact` needs for a text it has seen before.
   */
  remembered(text: string): string | undefined {
    return text.length <= SHORT_TEXT && this.contextFree ? this.shortTexts.get(text) : undefined;
  }

  private redactUncached(text: string, context: RedactionContext, depth = 0): string {
    // JSON held in a JSON string ({\"api_key\": \"...\"}) hides its quotes from the detectors:
    // the text is read as the string it encodes, redacted as such, and encoded again.
    if (depth < MAX_ESCAPE_DEPTH && text.includes('\\"')) {
      const decoded = decodeJsonStringBody(text);
      if (decoded !== undefined) {
        const redacted = this.redactUncached(decoded, context, depth + 1);
        if (redacted !== decoded) return JSON.stringify(redacted).slice(1, -1);
      } else {
        // JSON text whose string values hold JSON ("content": "{\"api_key\": ...}"): each such
        // value is redacted as the string it encodes; the pass below sees the rest.
        text = text.replace(JSON_STRING_LITERAL, (literal, body: string) => {
          if (!body.includes('\\"')) return literal;
          return this.inPart(literal, depth, () => {
            const inner = decodeJsonStringBody(body);
            if (inner === undefined) return literal;
            const redacted = this.redactUncached(inner, context, depth + 1);
            return redacted === inner ? literal : JSON.stringify(redacted);
          });
        });
      }
    }
    // URL-encoded parts (`jane.doe%40example.com`, `q=card+4111+1111+…`) are redacted as what they encode.
    if (depth < MAX_ESCAPE_DEPTH && mayBeUrlEncoded(text)) {
      text = redactUrlEncodedParts(text, (part, isValue) =>
        this.inPart(`${isValue ? "=" : "/"}${part}`, depth, () => redactEncodedPart(part, isValue, (decoded) => this.redactUncached(decoded, context, depth + 1))),
      );
    }
    // JSON-escaped text ("\n001-01-0001") puts the escape's letter against the data, which
    // hides word boundaries; escapes are masked with non-word characters while detectors run.
    const escaped = text.includes("\\");
    let result = escaped ? maskEscapes(text) : text;
    const pass = this.passFor(result);
    if (pass) result = pass.apply(result, this.replaceFinding);
    for (const rule of this.rules) result = result.replace(rule.regex, rule.replacement);
    if (escaped) result = unmaskEscapes(result);
    // `{"authorization": "…"}` as text: a value under a secret's key goes whole, as in objects.
    if (this.keyNamesInText !== undefined && hasQuotedKey(result) && this.keyNamesInText.test(result)) result = redactSensitiveMembers(result, this.keysInText, this.replacementFor("secret"), this.isMarker);
    if (this.config.hook) result = this.runHook(result, context);
    return result;
  }

  /**
   * What a part of a text (a JSON string literal holding JSON, a URL-encoded part) becomes. Parts
   * recur — the same tool message, the same URL — so a short part's result is remembered, keyed
   * by how it is written, apart from whole texts' results. Only parts of whole texts: each is then
   * found with the same depth left for decoding.
   */
  private inPart(written: string, depth: number, redact: () => string): string {
    const cacheable = depth === 0 && written.length <= SHORT_TEXT && this.contextFree;
    const known = cacheable ? this.parts.get(written) : undefined;
    if (known !== undefined) return known;
    const result = redact();
    if (cacheable) remember(this.parts, written, result);
    return result;
  }

  /** One pass over the text with every detector that may match. */
  private passFor(text: string): DetectorPass | undefined {
    // Each detector's cheap check alone, not one combined pattern first: on clean prose an
    // alternation was slower, and text with a finding needs the per-detector answers anyway.
    let mask = 0;
    if (this.config.skipPrefilters) mask = (1 << this.active.length) - 1;
    else {
      const digits = hasDigit(text);
      for (let i = 0; i < this.active.length; i++) if (this.active[i]!.mayMatch(text, digits)) mask |= 1 << i;
    }
    if (mask === 0) return undefined;
    let pass = this.passes.get(mask);
    if (!pass) {
      // Without prefilters, the plain combined pattern: the reference the tests compare against.
      pass = new DetectorPass(this.active.filter((_, i) => mask & (1 << i)), !this.config.skipPrefilters);
      this.passes.set(mask, pass);
    }
    return pass;
  }

  private readonly replaceFinding = (detectors: readonly Detector[], match: string, groups: readonly unknown[]): string => {
    for (let i = 0; i < detectors.length; i++) {
      if (groups[i] === undefined) continue;
      const detector = detectors[i]!;
      if (detector.validate && !detector.validate(match)) return match;
      const replacement = this.replacementFor(detector.label);
      return detector.replace ? detector.replace(match, replacement) : replacement;
    }
    return match;
  };

  private runHook(value: string, context: RedactionContext): string {
    try {
      const replaced = this.config.hook!(value, context);
      return typeof replaced === "string" ? replaced : value;
    } catch (error) {
      if (!this.hookFailed) {
        this.hookFailed = true;
        diag.warn(`llmtrace: the redaction hook threw (${String(error)}); values it could not check are replaced, not exported.`);
      }
      return this.replacementFor("hook_error");
    }
  }
}

const ESCAPE_LETTERS = "nrtbf";

/** JSON inside JSON inside JSON (or URL encoding inside either) is as deep as a string is decoded. */
const MAX_ESCAPE_DEPTH = 3;
/** A JSON string literal, its body captured; linear (no nested quantifier can backtrack). */
const JSON_STRING_LITERAL = /"((?:[^"\\]|\\.)*)"/g;

/**
 * The string `text` encodes when it is the body of a JSON string literal (escaped quotes, no
 * bare ones), else undefined: `{\"a\": 1}` → `{"a": 1}`.
 */
function decodeJsonStringBody(text: string): string | undefined {
  // A bare quote ends a JSON string: found here, not by a parse that throws (which costs a stack).
  for (let quote = text.indexOf('"'); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    if (text.charCodeAt(quote - 1) !== 92 || isEscapedBackslashBefore(text, quote - 1)) return undefined;
  }
  try {
    const decoded: unknown = JSON.parse(`"${text}"`);
    return typeof decoded === "string" ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the backslash at `at` is itself escaped: an odd run of backslashes before it. */
function isEscapedBackslashBefore(text: string, at: number): boolean {
  let run = 0;
  while (at - run - 1 >= 0 && text.charCodeAt(at - run - 1) === 92) run++;
  return run % 2 === 1;
}

function maskEscapes(text: string): string {
  return text.replace(/\\([nrtbf])/g, (_, letter: string) => `\u0001${String.fromCharCode(2 + ESCAPE_LETTERS.indexOf(letter))}`);
}

function unmaskEscapes(text: string): string {
  return text.replace(/\u0001([\u0002-\u0006])/g, (_, code: string) => `\\${ESCAPE_LETTERS[code.charCodeAt(0) - 2]}`);
}

function toGlobalRegExp(pattern: RegExp | string): RegExp {
  if (typeof pattern === "string") return new RegExp(pattern, "g");
  return pattern.global ? new RegExp(pattern.source, pattern.flags) : new RegExp(pattern.source, `${pattern.flags}g`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Texts up to this length have their redaction remembered. */
const SHORT_TEXT = 64;
/** Longest text the memo keeps: beyond it, a text is rarely sent twice and holds too much. */
const MEMO_LONGEST = 64 * 1024;
/** Bounded: a cache that outgrows this starts over, so high-cardinality values cannot grow it. */
const MAX_REMEMBERED = 4096;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
}
