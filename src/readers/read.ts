// Defensive readers for provider responses: any field may be missing, of another type, or a getter
// that throws. None of these throws.

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function field(object: unknown, key: string): unknown {
  try {
    return asObject(object)?.[key];
  } catch {
    return undefined;
  }
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Adds numbers that may be missing: undefined only when all are. */
export function sum(...values: (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const value of values) if (value !== undefined) total = (total ?? 0) + value;
  return total;
}

/** `T` with its undefined fields left out: what `compact` returns. */
export type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** Drops undefined fields, for the exact-optional result types. */
export function compact<T extends object>(value: T): Defined<T> {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value as Defined<T>;
}
