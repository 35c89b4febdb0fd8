// npm run bench:first-call — what the first model call of a fresh process pays for what llmtrace
// loads lazily (the price data, ~30 ms), against the second call. Each run is a new Node process:
// configureTracing(), a start-up pause (an app's own start-up, 100 ms), one turn, or none, then two
// generations ended with usage and W1's realistic prompts, each new. Prints medians of 7 processes.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const RUNS = 7;

const probe = (pauseMillis: number) => `
import { configureTracing, trace } from ${JSON.stringify(resolve(ROOT, "dist/index.js"))};
import { SYSTEM_PROMPT, uniquePrompts } from ${JSON.stringify(resolve(ROOT, "bench/realistic-text.ts"))};
configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" });
${pauseMillis >= 0 ? `await new Promise((r) => setTimeout(r, ${pauseMillis}));` : "// no turn passes: the call loads the price data itself"}
// Each call new text (citations, digits, JSON, code, a URL, a phone number): the second call is not
// helped by text the first one already redacted.
const prompts = uniquePrompts(2);
const call = () => {
  const started = performance.now();
  const input = [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: prompts.shift() }];
  trace.generation({ model: "gpt-4o-mini", provider: "openai", input }).end({ output: "ok", usage: { inputTokens: 812, outputTokens: 41 } });
  return performance.now() - started;
};
console.log(JSON.stringify([call(), call()]));
`;

async function run(pauseMillis: number): Promise<[number, number]> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe(pauseMillis)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  await once(child, "close");
  return JSON.parse(out.trim()) as [number, number];
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log(`Node ${process.version}, ${process.platform}/${process.arch}; medians of ${RUNS} fresh processes`);
for (const pause of [100, 0, -1]) {
  const runs: [number, number][] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(pause));
  const label = pause > 0 ? `after ${pause} ms of start-up` : pause === 0 ? "one turn after configureTracing()" : "in the same turn as configureTracing() (the data loads inside it)";
  console.log(`  first model call ${label}: ${median(runs.map((r) => r[0])).toFixed(1)} ms; the second: ${median(runs.map((r) => r[1])).toFixed(2)} ms`);
}
