import { type Context, context, propagation, type TextMapGetter, type TextMapSetter } from "@opentelemetry/api";

/**
 * Where trace context travels: HTTP headers as a plain object (Node's `req.headers`, an
 * outgoing headers object, message metadata), a fetch `Headers`, or a `Map`.
 */
export type Carrier = Record<string, unknown> | HeadersLike | Map<string, string>;

export interface HeadersLike {
  get(name: string): string | null;
  set(name: string, value: string): void;
  keys(): Iterable<string>;
}

function isHeadersLike(carrier: unknown): carrier is HeadersLike {
  return (
    typeof carrier === "object" &&
    carrier !== null &&
    !(carrier instanceof Map) &&
    typeof (carrier as HeadersLike).get === "function" &&
    typeof (carrier as HeadersLike).set === "function"
  );
}

const setter: TextMapSetter<Carrier> = {
  set(carrier, key, value) {
    if (carrier instanceof Map) carrier.set(key, value);
    else if (isHeadersLike(carrier)) carrier.set(key, value);
    else carrier[key] = value;
  },
};

const getter: TextMapGetter<Carrier> = {
  keys(carrier) {
    if (carrier instanceof Map || isHeadersLike(carrier)) return [...carrier.keys()];
    return Object.keys(carrier);
  },
  get(carrier, key) {
    if (carrier instanceof Map) return carrier.get(key) ?? carrier.get(key.toLowerCase());
    if (isHeadersLike(carrier)) return carrier.get(key) ?? undefined;
    const value = carrier[key] ?? findCaseInsensitive(carrier, key);
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
    return undefined;
  },
};

// Node lower-cases incoming header names, but hand-built carriers may not.
function findCaseInsensitive(carrier: Record<string, unknown>, key: string): unknown {
  const lowered = key.toLowerCase();
  for (const name of Object.keys(carrier)) {
    if (name.toLowerCase() === lowered) return carrier[name];
  }
  return undefined;
}

/**
 * Writes the trace context (and baggage) of `ctx` into `carrier` with the configured propagators,
 * and returns the carrier. Use it on outgoing requests and messages.
 *
 *     await fetch(url, { headers: inject({ "content-type": "application/json" }) });
 */
export function inject(carrier?: Record<string, string>, ctx?: Context): Record<string, string>;
export function inject<C extends Carrier>(carrier: C, ctx?: Context): C;
export function inject(carrier: Carrier = {}, ctx: Context = context.active()): Carrier {
  try {
    propagation.inject(ctx, carrier, setter);
  } catch {
    // A carrier that refuses writes (frozen, a throwing proxy) leaves the request untraced, not broken.
  }
  return carrier;
}

/**
 * Reads a trace context (and baggage) from an incoming `carrier` and returns a context whose
 * spans continue that trace. Use it with `context.with(extract(req.headers), handler)`, or
 * `withExtractedContext`.
 */
export function extract(carrier: Carrier, ctx: Context = context.active()): Context {
  try {
    return propagation.extract(ctx, carrier, getter);
  } catch {
    return ctx;
  }
}

/** Runs `fn` inside the context carried by `carrier`, so the spans it starts join the caller's trace. */
export function withExtractedContext<T>(carrier: Carrier, fn: () => T): T {
  return context.with(extract(carrier), fn);
}
