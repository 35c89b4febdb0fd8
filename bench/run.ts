// npm run bench — every workload side by side with its raw OpenTelemetry baseline, in one run.
// `npm run bench -- w1` (or w2, w3, w5, w6) runs one group, for A/B runs of one change.
import { formatComparison } from "./harness.js";
import { runAgentTurnBenchmarks } from "./w1-agent-turn.js";
import { attributeBytesPerTurn, formatFootprint, heapRetained } from "./w1-footprint.js";
import { runWrapperBenchmarks } from "./w2-w4-wrappers.js";
import { runInstrumentBenchmark } from "./w5-instrument.js";
import { runMapBenchmarks } from "./w6-map.js";
import { cleanProseThroughput, realisticPromptThroughput, redactionShareOfSpan, redactionThroughput, repeatedTextThroughput } from "./w3-redaction.js";

const only = new Set(process.argv.slice(2).map((group) => group.toLowerCase()));
const runs = (group: string) => only.size === 0 || only.has(group);

console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
const results = [
  ...(runs("w1") ? await runAgentTurnBenchmarks() : []),
  ...(runs("w2") ? await runWrapperBenchmarks() : []),
  ...(runs("w3") ? [await redactionShareOfSpan()] : []),
  ...(runs("w5") ? [await runInstrumentBenchmark()] : []),
  ...(runs("w6") ? await runMapBenchmarks() : []),
];
for (const result of results) console.log(`${formatComparison(result)}\n`);
if (runs("w1")) {
  console.log(`${formatFootprint(await attributeBytesPerTurn())}\n`);
  console.log(`${formatFootprint(await heapRetained())}\n`);
}
if (runs("w3")) {
  const line = (label: string, t: { mbPerSecond: number; microsPer2Kb: number }) => console.log(`W3 redaction throughput, ${label}: ${t.mbPerSecond.toFixed(0)} MB/s (${t.microsPer2Kb.toFixed(2)} µs per 2 KB)`);
  line("default detectors, 2 KB prompts of seven shapes, each new", await redactionThroughput());
  line("W1's realistic 2 KB prompts (citations, JSON, code, URLs, findings), each new", await realisticPromptThroughput());
  line("clean prose without digits, each new", await cleanProseThroughput());
  line("the same prompts re-sent (served by the memo)", await repeatedTextThroughput());
  console.log("  budget for new realistic text: ≥ 400 MB/s");
}
