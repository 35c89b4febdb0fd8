/**
 * The evaluation corpus of look-alikes: text of LLM traffic that is shaped like a finding but is
 * none — ids, hashes, times, versions, order and tracking numbers, Luhn-invalid numbers, code,
 * math, JSON, URLs, prose about tokens and passwords. Every one must be exported unchanged.
 */
export interface LookAlike {
  readonly category: string;
  readonly text: string;
}

/** Variants of each template in the corpus. */
const VARIANTS = 7;

/** A fixed 32-bit mixer: the same hex digits every run, different for each i. */
function hexOf(i: number, length: number): string {
  let out = "";
  let x = (i + 1) * 2654435761;
  while (out.length < length) {
    x = Math.imul(x ^ (x >>> 15), 2246822507) >>> 0;
    out += x.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A 16-digit number starting like a Visa or Mastercard that fails the Luhn check. */
function luhnInvalid(i: number): string {
  const base = `${i % 2 === 0 ? "4" : "51"}${String(1000000000000 + i * 7919).padStart(13, "0")}`.slice(0, 15);
  for (let check = 0; check < 10; check++) if (!luhnValid(`${base}${check}`)) return `${base}${check}`;
  return `${base}0`;
}

const TEMPLATES: Record<string, ((i: number) => string)[]> = {
  uuid: [
    (i) => `request id ${hexOf(i, 8)}-${hexOf(i + 1, 4)}-4${hexOf(i + 2, 3)}-a${hexOf(i + 3, 3)}-${hexOf(i + 4, 12)} (attempt ${i})`,
    (i) => `trace_id=${hexOf(i, 32)} span_id=${hexOf(i + 9, 16)}`,
    (i) => `{"id":"chatcmpl-${hexOf(i, 24)}","object":"chat.completion","created":${1732170000 + i}}`,
    (i) => `tool call call_${hexOf(i, 24)} returned; run run_${hexOf(i + 3, 20)}`,
  ],
  hash: [
    (i) => `commit ${hexOf(i, 40)} on main (parent ${hexOf(i + 5, 7)})`,
    (i) => `sha256:${hexOf(i, 64)}`,
    (i) => `md5 ${hexOf(i, 32)}, etag W/"${hexOf(i + 2, 16)}"`,
    (i) => `<script src="/app.${hexOf(i, 8)}.js" integrity="sha384-${Buffer.from(hexOf(i, 48), "hex").toString("base64")}"></script>`,
  ],
  timestamp: [
    (i) => `2024-${String((i % 12) + 1).padStart(2, "0")}-15T10:${String(i % 60).padStart(2, "0")}:00Z`,
    (i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")} 08:15:${String(i % 60).padStart(2, "0")}.123 INFO worker ${i} started`,
    (i) => `epoch ${1732170000 + i} ms ${1732170000000 + i * 997}`,
    (i) => `Date: Tue, ${String((i % 28) + 1).padStart(2, "0")} Nov 2024 14:${String(i % 60).padStart(2, "0")}:07 GMT`,
  ],
  version: [
    (i) => `upgraded from v${i % 5}.${i % 12}.${i % 7} to ${(i % 5) + 1}.0.0-rc.${i % 3}, node 20.20.${i % 9}`,
    (i) => `version constraint ^${i % 4}.${i % 10}.0 || ~${i % 3}.${i % 5}.${i % 7}`,
    (i) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${100 + (i % 30)}.0.0.0 Safari/537.36`,
    (i) => `pip install openai==1.${30 + i}.0 anthropic==0.${20 + i}.1 && docker pull python:3.${10 + (i % 3)}-slim`,
    (i) => `release 0.${i % 20}.${i % 7}, room 0${(i % 9) + 1}, ext ${1000 + i}, amount ${75000 + i} ${10000 + i}, time 0${i % 10}:30`,
  ],
  order: [
    (i) => `order ORD-2024-${String(100000 + i * 37)} shipped, #${40000 + i}`,
    (i) => `Amazon order 112-${String(3456789 + i).padStart(7, "0")}-${String(1234567 + i * 3).padStart(7, "0")}`,
    (i) => `UPS tracking 1Z${hexOf(i, 6).toUpperCase()}03${String(10000000 + i * 131).slice(0, 8)}`,
    (i) => `ISBN 978-3-16-148410-${i % 10}, invoice INV/2024/${String(i).padStart(5, "0")}, ticket JIRA-${1200 + i}`,
    (i) => `Room ${100 + (i % 400)}, floor ${i % 12}, badge ${String(i).padStart(6, "0")}, part AB-${123456 + i}-C`,
  ],
  luhnInvalid: [
    (i) => `reference ${luhnInvalid(i)}`,
    (i) => `card ending in ${String(1000 + i).slice(-4)}; batch ${luhnInvalid(i + 50).replace(/(\d{4})(?=\d)/g, "$1 ")}`,
    (i) => `sqrt(${i + 2}) = ${Math.sqrt(i + 2)}, id 48380635302128${String(i).padStart(6, "0")}`,
    (i) => `snowflake ${(1790000000000000000n + BigInt(i) * 7919n).toString()} and ratio ${(i / 7).toString()}`,
  ],
  code: [
    (i) => `api_key = os.environ["OPENAI_API_KEY"]  # attempt ${i}\npassword = input("Password: ")\nsecret = config.get("secret_${i}")`,
    (i) => `const apiKey = process.env.ANTHROPIC_API_KEY; // ${i}\nconst password = getpass.getpass(); if (password == stored${i}) login();`,
    (i) => `def login(username: str, password: str, token: Optional[str] = None) -> bool:  # v${i}`,
    (i) => `headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}  # retry ${i}`,
    (i) => `MAX_TOKENS=${4096 + i}\nS3_KEY=uploads/2024/${i}/report.pdf\nSORT_KEY=created_at_desc\nTOKENIZER_PATH=/models/tok${i}.json`,
    (i) => `const total = items.reduce((sum, x) => sum + x.price * ${i}, 0); // ratio 3:${(i % 9) + 1}`,
    (i) => `SELECT id, name FROM orders WHERE created_at > '2024-01-0${(i % 9) + 1}' LIMIT ${i + 10};`,
    (i) => `curl -s -H "Content-Type: application/json" -d '{"model":"gpt-4o","max_tokens":${100 + i}}' "$BASE_URL/v1/chat/completions"`,
    (i) => `{"password": "{password}", "token": "\${API_TOKEN}", "secret": "{{ secrets.OPENAI_KEY_${i} }}"}`,
    (i) => `rows = data[::${i + 2}]; evens = xs[::2]; last = ys[-${i + 1}:]`,
  ],
  math: [
    (i) => `coordinates ${(48 + (i % 10) / 10).toFixed(4)}, ${(2 + (i % 10) / 10).toFixed(4)} at 10:${String(i % 60).padStart(2, "0")}`,
    (i) => `pi ≈ 3.14159265358979${i % 10}, e ≈ 2.718281828459045, ${i} × 1.0e-${(i % 9) + 1}`,
    (i) => `total $${(i * 13.37).toFixed(2)} (€${(i * 12.1).toFixed(2)}), discount ${i % 50}.5%, price 1,${String(100 + (i % 899)).padStart(3, "0")}.99`,
    (i) => `[[${i}, 0.25, -1.5], [3.75, ${i * 11}, 0]] · det = ${(i * 4.125).toFixed(3)}`,
  ],
  json: [
    (i) => `{"usage":{"prompt_tokens":${1200 + i},"completion_tokens":${45 + i},"total_tokens":${1245 + 2 * i}},"model":"gpt-4o-2024-08-06"}`,
    (i) => `{"key": "color", "value": "blue", "token_count": ${i}, "max_tokens": ${256 * ((i % 4) + 1)}, "temperature": 0.${i % 10}}`,
    (i) => `{"type":"function","function":{"name":"get_weather","arguments":"{\\"city\\": \\"Paris\\", \\"days\\": ${(i % 7) + 1}}"}}`,
    (i) => `{"role":"tool","content":"{\\"status\\": ${200 + (i % 5)}, \\"count\\": ${i}, \\"next_page\\": \\"p${i + 1}\\"}"}`,
    // Keys that describe a secret, not hold one: an OAuth response's token_type, a policy, a URL.
    (i) => `{"token_type": "Bearer", "expires_in": ${3600 + i}, "scope": "read write", "auth_url": "https://auth.example.com/authorize", "password_policy": "min ${8 + (i % 8)} chars"}`,
    (i) => `{'api_key_name': 'prod-${i}', 'secret_arn_prefix': 'arn:aws:secretsmanager', 'token_count': '${i}', 'key': 'color'}`,
  ],
  url: [
    (i) => `GET /api/users/${i}/orders?page=${i % 7}&limit=50 200 ${i % 90}ms`,
    (i) => `https://www.example.com/search?q=how+to+reset+my+password+step+${i}&hl=en`,
    (i) => `https://docs.example.com/guide?topic=what%20is%20a%20token%3F&v=${i}#section-${i % 5}`,
    (i) => `listening on http://localhost:${3000 + (i % 100)} and 0.0.0.0:${8000 + i}; utm_source=newsletter&utm_campaign=nov${i}`,
    (i) => `https://flights.example.com/find?${new URLSearchParams({ q: `UA ${1200 + i} on 2024-05-0${(i % 9) + 1} at 10:${String(i % 60).padStart(2, "0")}, 2 adults`, cabin: "economy" })}`,
    (i) => `/api/v1/search/${encodeURIComponent(`order #${40000 + i} "late delivery" (priority ${i % 3})`)}?limit=20`,
  ],
  prose: [
    (i) => `The customer asked how to reset a password; we sent article ${i} and a link to settings.`,
    (i) => `The API key, the secret and the session token are rotated by the platform team (ticket ${i}); see the key-value store.`,
    (i) => `This covers basic functionality and Token counting (plan ${i}); bearer instruments are excluded.`,
    (i) => `Keep your password secret: never share it, and use a key manager. Tokens expire after ${i} minutes.`,
    (i) => `latency p50=${i % 40}ms p99=${(i % 40) * 7}ms over ${i * 10} requests, HTTP 404 on page ${i} of 12`,
  ],
};

export const LOOK_ALIKES: readonly LookAlike[] = Object.entries(TEMPLATES).flatMap(([category, templates]) =>
  templates.flatMap((template) => Array.from({ length: VARIANTS }, (_, i) => ({ category, text: template(i * 13 + 1) }))),
);
