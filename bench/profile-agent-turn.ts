// A steady load of W1's agent turn (8 spans, default conventions and redaction), for a CPU profile.
// LLMTRACE_BENCH_TEXT=unique gives every call a prompt never seen before (default: repeated).
//   npm run build && TSX_TSCONFIG_PATH=bench/tsconfig.run.json node --cpu-prof --cpu-prof-dir=/tmp/llmtrace-prof --import tsx/esm bench/profile-agent-turn.ts
// then open the largest .cpuprofile in Chrome DevTools (Performance) or any cpuprofile viewer.
import { configureTracing } from "llmtrace";
import { discardExporter } from "./discard-exporter.js";
import { llmtraceTurn, repeatedPrompts, uniquePromptSource } from "./w1-agent-turn.js";

// The environment is read, so a profile can be taken with other settings, e.g. LLMTRACE_CAPTURE_CONTENT=false.
const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, process.env);
const turn = llmtraceTurn(process.env.LLMTRACE_BENCH_TEXT === "unique" ? uniquePromptSource() : repeatedPrompts);
const started = performance.now();
for (let round = 0; round < 1000; round++) {
  for (let i = 0; i < 20; i++) await turn();
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(`20,000 turns, ${(((performance.now() - started) / 20_000) * 1000).toFixed(1)} µs each; ${JSON.stringify(tracing.stats())}`);
await tracing.shutdown();
