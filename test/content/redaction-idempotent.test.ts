// Redacting twice gives what redacting once gave: text that quotes already-redacted text (a log line
// that prints a redacted record, a prompt that carries an earlier answer) keeps its markers as they
// are — no stray brackets, no precise marker replaced by a vaguer one. Over the evaluation corpus.
import { describe, expect, it } from "vitest";
import { redactText } from "../../src/index.js";
import { FINDINGS } from "../corpus/findings.js";
import { LOOK_ALIKES } from "../corpus/look-alikes.js";

describe("redaction is idempotent", () => {
  it("on every finding of the corpus, in a sentence and as a key=value pair", () => {
    const changed: string[] = [];
    for (const planted of FINDINGS) {
      for (const text of [planted.text, `Please use ${planted.secret} for this.`, `value=${planted.secret}`, `{"note": ${JSON.stringify(planted.text)}}`]) {
        const once = redactText(text);
        const twice = redactText(once);
        if (twice !== once) changed.push(`${planted.kind}: ${once} -> ${twice}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it("on markers after every secret name, and on the look-alikes", () => {
    const markers = ["password", "api_key", "secret", "email", "credit_card", "bearer"].map((type) => `[REDACTED:${type}]`);
    const texts = [
      ...markers.flatMap((marker) => [`password=${marker}`, `api_key: ${marker}`, `STRIPE_SECRET_KEY=${marker}`, `secret: ${marker}`, `token=${marker}`, `Authorization: Bearer ${marker}`]),
      ...LOOK_ALIKES.map((lookAlike) => lookAlike.text),
    ];
    const changed = texts.filter((text) => redactText(redactText(text)) !== redactText(text));
    expect(changed).toEqual([]);
    expect(redactText("password=[REDACTED:password]")).toBe("password=[REDACTED:password]");
  });
});
