// Reading the objects of packages llmtrace does not import (clients' requests, frameworks' runs
// and spans) by their shape: a field is taken only when it has the type expected.

import type { TokenUsage } from "../types/token-usage.js";

export type Fields = Record<string, unknown>;

/** `value` as an object whose fields can be read, or an empty one. */
export function asFields(value: unknown): Fields {
  return typeof value === "object" && value !== null ? (value as Fields) : {};
}

/** A non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Token counts as a usage, when at least one is known. */
export function usageFrom(input: number | undefined, output: number | undefined): TokenUsage | undefined {
  if (input === undefined && output === undefined) return undefined;
  return { ...(input !== undefined && { inputTokens: input }), ...(output !== undefined && { outputTokens: output }) };
}

/** Text that holds a JSON object or array (a tool's arguments), as what it encodes; anything else as it is. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string" || !(value.startsWith("{") || value.startsWith("["))) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Most runs or spans a framework adapter keeps open: beyond it, the oldest is ended as abandoned. */
export const MAX_OPEN_RUNS = 10_000;

/**
 * Adds an open run to `runs`, ending the oldest first when the map is full — a framework that
 * never reports a run's end (a stream dropped early) must not hold spans and memory for good.
 */
export function addOpenRun<H extends { setAttribute(key: string, value: boolean): unknown; end(): void }>(runs: Map<string, H>, id: string, handle: H): void {
  if (runs.size >= MAX_OPEN_RUNS) {
    const oldest = runs.entries().next().value;
    if (oldest) {
      runs.delete(oldest[0]);
      oldest[1].setAttribute("llmtrace.run.abandoned", true);
      oldest[1].end();
    }
  }
  runs.set(id, handle);
}
