// npm run bench — every workload side by side with its raw OpenTelemetry baseline, in one run.
import { formatComparison } from "./harness.js";
import { runAgentTurnBenchmark } from "./w1-agent-turn.js";
import { runWrapperBenchmarks } from "./w2-w4-wrappers.js";

console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
const results = [await runAgentTurnBenchmark(), ...(await runWrapperBenchmarks())];
for (const result of results) console.log(`${formatComparison(result)}\n`);
