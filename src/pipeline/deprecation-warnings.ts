import type { RenamedOption } from "../config/deprecated-options.js";

// On globalThis, so the ESM and CommonJS builds in one process warn once between them.
const WARNED = Symbol.for("llmtrace.deprecationsWarned");
type Slot = { [WARNED]?: Set<string> };

/**
 * Node's own channel for deprecations: shown on stderr once per rename and process, silenced
 * by `--no-deprecation`, observable with `process.on("warning")`.
 */
export function warnDeprecated(renamed: readonly Pick<RenamedOption, "warningKey" | "warning">[]): void {
  const slot = globalThis as Slot;
  const warned = (slot[WARNED] ??= new Set());
  for (const { warningKey, warning } of renamed) {
    if (warned.has(warningKey)) continue;
    warned.add(warningKey);
    process.emitWarning(warning, { type: "DeprecationWarning", code: "LLMTRACE_DEPRECATED_OPTION" });
  }
}
