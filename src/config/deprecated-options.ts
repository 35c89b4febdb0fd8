/**
 * Options renamed so every duration says its unit the same way (`...Millis`, as OpenTelemetry's
 * batch options do). The old names keep working, with a deprecation warning, until 1.0.
 */
export interface RenamedOption {
  /** Where the old key is, e.g. `["exporters", 0, "timeoutMs"]`. */
  readonly path: readonly (string | number)[];
  /** The old key, as written: `exporters[0].timeoutMs`. */
  readonly oldName: string;
  /** The key to use instead: `exporters[0].timeoutMillis`. */
  readonly newName: string;
  /** True when the new name is given too; that is a configuration error, not a warning. */
  readonly bothGiven: boolean;
  /** One warning per rename and process, whichever exporter used it: `exporters[].timeoutMs`. */
  readonly warningKey: string;
  readonly warning: string;
}

/** The deprecated keys, for "did you mean" hints (which should suggest the new names only). */
export const DEPRECATED_KEYS: ReadonlySet<string> = new Set(["shutdownTimeoutMs", "timeoutMs", "refreshHours"]);

// Structural, so this module needs no type from the schema (the schema imports it).
interface OptionsShape {
  readonly shutdownTimeoutMs?: unknown;
  readonly shutdownTimeoutMillis?: unknown;
  readonly exporters?: readonly unknown[] | undefined;
  readonly priceUpdates?: unknown;
}

/** Every renamed option `options` uses under its old name. */
export function renamedOptionsIn(options: OptionsShape): RenamedOption[] {
  const found: RenamedOption[] = [];
  const check = (owner: object, path: readonly (string | number)[], oldKey: string, newKey: string, warningKey: string, extra = "") => {
    const record = owner as Record<string, unknown>;
    if (record[oldKey] === undefined) return;
    const prefix = formatPath(path);
    const oldName = prefix ? `${prefix}.${oldKey}` : oldKey;
    const newName = prefix ? `${prefix}.${newKey}` : newKey;
    found.push({
      path: [...path, oldKey],
      oldName,
      newName,
      bothGiven: record[newKey] !== undefined,
      warningKey,
      warning: `llmtrace: the option ${oldName} is deprecated and will be removed in 1.0; use ${newName}${extra} instead.`,
    });
  };
  check(options, [], "shutdownTimeoutMs", "shutdownTimeoutMillis", "shutdownTimeoutMs");
  options.exporters?.forEach((exporter, index) => {
    // A SpanExporter instance is the user's own object: its fields are not options.
    if (isPlainObject(exporter) && exporter["type"] === "otlp") check(exporter, ["exporters", index], "timeoutMs", "timeoutMillis", "exporters[].timeoutMs");
  });
  if (isPlainObject(options.priceUpdates)) {
    check(options.priceUpdates, ["priceUpdates"], "refreshHours", "refreshMillis", "priceUpdates.refreshHours", " (hours × 3600000)");
  }
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
