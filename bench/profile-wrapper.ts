// A steady load of W2's wrapped trivial function, for a CPU profile of the wrapper's hot path:
//   npm run build && TSX_TSCONFIG_PATH=bench/tsconfig.run.json node --cpu-prof --cpu-prof-dir=/tmp/llmtrace-prof --import tsx/esm bench/profile-wrapper.ts
// then open the .cpuprofile in Chrome DevTools (Performance) or any cpuprofile viewer.
import { configureTracing, task } from "llmtrace";
import { discardExporter } from "./discard-exporter.js";

const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, {});
const wrapped = task({ name: "trivial" }, (x: number) => x + 1);
let sum = 0;
for (let round = 0; round < 1500; round++) {
  for (let i = 0; i < 2000; i++) sum += wrapped(i);
  await new Promise((resolve) => setImmediate(resolve));
}
await tracing.shutdown();
console.log(`3,000,000 calls, checksum ${sum}; ${JSON.stringify(tracing.stats())}`);
