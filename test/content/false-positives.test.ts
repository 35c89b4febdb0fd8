// Ordinary text must come out unchanged. The measured precision — findings that were real over
// everything redacted — is printed, and written in docs/redaction.md.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_REDACTOR } from "../../src/content/redaction/default-redactor.js";
import { plantedSecret } from "../helpers/planted-secrets.js";

const templates: ((i: number) => string)[] = [
  (i) => `2024-${String((i % 12) + 1).padStart(2, "0")}-15T10:${String(i % 60).padStart(2, "0")}:00Z`,
  (i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")} 08:15:${String(i % 60).padStart(2, "0")}.123`,
  (i) => `epoch ${1732170000 + i} ms ${1732170000000 + i * 997}`,
  (i) => `request id ${crypto.randomUUID()} (attempt ${i})`,
  (i) => `upgraded from v${i % 5}.${i % 12}.${i % 7} to ${(i % 5) + 1}.0.0-rc.${i % 3}, node 20.20.${i % 9}`,
  (i) => `order ORD-2024-${String(100000 + i * 37)} shipped, #${40000 + i}`,
  (i) => `total $${(i * 13.37).toFixed(2)} (€${(i * 12.1).toFixed(2)}), discount ${i % 50}.5%`,
  (i) => `price 1,${String(100 + (i % 899)).padStart(3, "0")}.99 for ${i} units`,
  (i) => `commit ${(i * 2654435761).toString(16).padStart(8, "0")}${"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6".slice(0, 32)} on main`,
  (i) => `sha256 ${"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".slice(i % 8)}`,
  (i) => `const total = items.reduce((sum, x) => sum + x.price * ${i}, 0); // ratio 3:${i % 9 + 1}`,
  (i) => `def handler(event):\n    return {"status": ${200 + (i % 5)}, "count": len(event["items"])}`,
  (i) => `SELECT id, name FROM orders WHERE created_at > '2024-01-0${(i % 9) + 1}' LIMIT ${i + 10};`,
  (i) => `GET /api/users/${i}/orders?page=${i % 7}&limit=50 200 ${i % 90}ms`,
  (i) => `listening on http://localhost:${3000 + (i % 100)} and 0.0.0.0:${8000 + i}`,
  (i) => `latency p50=${i % 40}ms p99=${(i % 40) * 7}ms over ${i * 10} requests`,
  (i) => `coordinates ${(48 + (i % 10) / 10).toFixed(4)}, ${(2 + (i % 10) / 10).toFixed(4)} at 10:${String(i % 60).padStart(2, "0")}`,
  (i) => `The customer asked how to reset a password; we sent article ${i} and a link to settings.`,
  (i) => `{"model":"gpt-4o","max_tokens":${256 * ((i % 4) + 1)},"temperature":0.${i % 10},"token_count":${i}}`,
  (i) => `file src/components/Button${i}.tsx line ${i % 300}:${i % 80}`,
  (i) => `Room ${100 + (i % 400)}, floor ${i % 12}, badge ${String(i).padStart(6, "0")}`,
  (i) => `ISBN 978-3-16-148410-${i % 10}, invoice INV/${2024}/${String(i).padStart(5, "0")}`,
  (i) => `version constraint ^${i % 4}.${i % 10}.0 || ~${i % 3}.${i % 5}.${i % 7}`,
  (i) => `temperature ${-10 + (i % 40)}.${i % 10}°C, humidity ${i % 100}%`,
  (i) => `This covers basic functionality and Token counting (plan ${i}); bearer instruments are excluded.`,
  // Code that reads a secret is code, not a secret.
  (i) => `api_key = os.environ["OPENAI_API_KEY"]  # attempt ${i}\npassword = input("Password: ")\nsecret = config.get("secret_${i}")`,
  (i) => `const apiKey = process.env.ANTHROPIC_API_KEY; // ${i}\nconst password = getpass.getpass(); if (password == stored${i}) login();`,
  (i) => `def login(username: str, password: str, token: Optional[str] = None) -> bool:  # v${i}`,
  // .env lines whose values are settings, not secrets.
  (i) => `MAX_TOKENS=${4096 + i}\nS3_KEY=uploads/2024/${i}/report.pdf\nSORT_KEY=created_at_desc\nTOKENIZER_PATH=/models/tok${i}.json`,
  // Long numbers and decimals that hold a Luhn-valid run; order numbers with dashes.
  (i) => `sqrt(${i + 2}) = ${Math.sqrt(i + 2)}, id 48380635302128${String(i).padStart(6, "0")}, order 112-${String(3456789 + i).padStart(7, "0")}-1234567`,
  (i) => `snowflake ${(1790000000000000000n + BigInt(i) * 7919n).toString()} and ratio ${(i / 7).toString()}`,
  // Prose about keys and secrets; hex ids, versions and codes shaped like tokens or numbers.
  (i) => `The API key, the secret and the session token are rotated by the platform team (ticket ${i}); see the key-value store.`,
  (i) => `md5 ${(i * 2654435761).toString(16).padStart(8, "0")}d41d8cd98f00b204e9800998, part AB-${123456 + i}-C, model AB${123456 + i}`,
  (i) => `release 0.${i % 20}.${i % 7}, room 0${(i % 9) + 1}, ext ${1000 + i}, amount ${75000 + i} ${10000 + i}, time 0${i % 10}:30`,
];

describe("false positives on ordinary text", () => {
  it("leaves ordinary text unchanged, and reports the measured precision", () => {
    const ordinary = Array.from({ length: 600 }, (_, i) => templates[i % templates.length]!(i));
    const changed = ordinary.filter((text) => DEFAULT_REDACTOR.redact(text, { key: "t" }) !== text);

    const planted = fc.sample(plantedSecret, { numRuns: 600, seed: 42 });
    const found = planted.filter((p) => !DEFAULT_REDACTOR.redact(`note: ${p.text} thanks`, { key: "t" }).includes(p.secret));

    const precision = found.length / (found.length + changed.length);
    const recall = found.length / planted.length;
    console.log(
      `redaction: ${ordinary.length} ordinary strings, ${changed.length} changed; ${planted.length} planted findings, ${found.length} removed; precision ${(precision * 100).toFixed(2)}%, recall ${(recall * 100).toFixed(2)}%`,
    );
    expect(changed).toEqual([]);
    expect(recall).toBe(1);
  });
});
