import type { Detector } from "./detectors.js";

/** Replaces one finding: `groups[i]` is set when `detectors[i]` matched. */
export type ReplaceFinding = (detectors: readonly Detector[], match: string, groups: readonly unknown[]) => string;

/**
 * The detectors one text may trigger, run over it in a single left-to-right pass: at each position
 * the first detector (in priority order) that matches wins, and the scan goes on after its match.
 *
 * Emails are the exception to running one combined pattern: a pattern for them must try every
 * word of the text (any word could be a local part), which made them the slowest detector by far.
 * With `anchorEmails`, emails are found from their "@" instead and merged into the pass of the
 * other detectors by position and priority — the same findings, in a fraction of the time, as the
 * property test comparing against the single combined pattern shows.
 */
export class DetectorPass {
  /** Every detector in one alternation, a capturing group each. */
  private readonly combined: RegExp;
  private readonly email: { readonly detector: Detector; readonly rank: number; readonly sticky: RegExp } | undefined;
  /** Every detector but the email one, when emails are anchored. */
  private readonly others: { readonly detectors: readonly Detector[]; readonly regex: RegExp; readonly ranks: readonly number[] } | undefined;

  constructor(
    readonly detectors: readonly Detector[],
    anchorEmails: boolean,
  ) {
    this.combined = alternation(detectors);
    const rank = anchorEmails ? detectors.findIndex((d) => d.name === "email") : -1;
    if (rank === -1) return;
    this.email = { detector: detectors[rank]!, rank, sticky: new RegExp(detectors[rank]!.pattern, "y") };
    const others = detectors.filter((_, i) => i !== rank);
    if (others.length > 0) this.others = { detectors: others, regex: alternation(others), ranks: detectors.map((_, i) => i).filter((i) => i !== rank) };
  }

  /** `text` with every finding replaced by `replace`. */
  apply(text: string, replace: ReplaceFinding): string {
    if (!this.email) return text.replace(this.combined, (match: string, ...groups: unknown[]) => replace(this.detectors, match, groups));
    return this.applyWithAnchoredEmails(text, replace, this.email);
  }

  private applyWithAnchoredEmails(text: string, replace: ReplaceFinding, email: NonNullable<DetectorPass["email"]>): string {
    const others = this.others;
    let out = "";
    let written = 0;
    let position = 0;
    // The next finding of each kind at or after `position`; undefined when it must be looked for again.
    let other: RegExpExecArray | null | undefined;
    let mail: RegExpExecArray | null | undefined;
    for (;;) {
      if (others && (other === undefined || (other !== null && other.index < position))) {
        others.regex.lastIndex = position;
        other = others.regex.exec(text);
      }
      if (mail === undefined || (mail !== null && mail.index < position)) mail = nextEmail(text, position, email.sticky);
      const otherFirst = other != null && (mail == null || other.index < mail.index || (other.index === mail.index && rankOf(other, others!.ranks) < email.rank));
      const found = otherFirst ? other! : mail;
      if (found == null) break;
      const replacement = otherFirst ? replace(others!.detectors, found[0], found.slice(1)) : replace([email.detector], found[0], [found[0]]);
      out += text.slice(written, found.index) + replacement;
      written = position = found.index + found[0].length;
      if (otherFirst) other = undefined;
      else mail = undefined;
    }
    return written === 0 ? text : out + text.slice(written);
  }
}

function alternation(detectors: readonly Detector[]): RegExp {
  return new RegExp(detectors.map((d) => `(${d.pattern})`).join("|"), "g");
}

/** The priority (index among all the pass's detectors) of the detector whose group matched. */
function rankOf(match: RegExpExecArray, ranks: readonly number[]): number {
  for (let i = 0; i < ranks.length; i++) if (match[i + 1] !== undefined) return ranks[i]!;
  return Number.MAX_SAFE_INTEGER;
}

/** `A-Z a-z 0-9 . _ % + -`: what an email's local part is made of (the detector's class). */
function isLocalPartChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45
  );
}

/**
 * The first email at or after `from`. An email starts where the run of local-part characters
 * before an "@" starts; the detector's pattern, anchored there, decides. A run that began before
 * `from` (inside the previous finding) cannot start one: the pattern's look-behind would refuse
 * it, and it is skipped without trying.
 */
function nextEmail(text: string, from: number, sticky: RegExp): RegExpExecArray | null {
  for (let at = text.indexOf("@", from); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > from && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    if (start === at || (start > 0 && isLocalPartChar(text.charCodeAt(start - 1)))) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match) return match;
  }
  return null;
}
