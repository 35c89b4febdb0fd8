// Numbers as a person reads them in a backend: float noise (0.00035999999999999997) and
// nanosecond digits of a millisecond clock mean nothing and make values look wrong.

/** A cost in USD to 10 significant digits: exact for any real price, without float noise. */
export function roundCost(usd: number): number {
  if (!(usd > 0) || usd === Number.POSITIVE_INFINITY) return usd;
  // Arithmetic, not toPrecision(): a generation span pays this once per call, on the hot path.
  // Powers of ten up to 1e22 are exact doubles, so the division lands on the nearest double.
  const digits = 9 - Math.floor(Math.log10(usd));
  if (digits > 22 || digits < -22) return usd;
  return digits >= 0 ? Math.round(usd * 10 ** digits) / 10 ** digits : Math.round(usd / 10 ** -digits) * 10 ** -digits;
}

/** Milliseconds to the microsecond. */
export function roundMillis(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Seconds to the microsecond. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
