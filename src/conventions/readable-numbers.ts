// Numbers as a person reads them in a backend: float noise (0.00035999999999999997) and
// nanosecond digits of a millisecond clock mean nothing and make values look wrong.

/** A cost in USD to 10 significant digits: exact for any real price, without float noise. */
export function roundCost(usd: number): number {
  return Number.isFinite(usd) ? Number(usd.toPrecision(10)) : usd;
}

/** Milliseconds to the microsecond. */
export function roundMillis(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Seconds to the microsecond. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
