import fc from "fast-check";
import { type Planted, plantedSecret } from "../helpers/planted-secrets.js";

/** Findings per kind in the corpus. */
const PER_KIND = 10;

/**
 * The evaluation corpus of findings: every kind the generator plants (documented formats of
 * vendors' keys, personal data, credentials in text and JSON), PER_KIND of each, drawn once from
 * a fixed seed so every run measures the same values.
 */
export const FINDINGS: readonly Planted[] = (() => {
  const byKind = new Map<string, Planted[]>();
  for (const planted of fc.sample(plantedSecret, { numRuns: 6000, seed: 20261129 })) {
    const list = byKind.get(planted.kind) ?? [];
    if (list.length < PER_KIND) list.push(planted);
    byKind.set(planted.kind, list);
  }
  return [...byKind.values()].flat();
})();
