// One of several processes writing the same JSONL file at once (shared-jsonl.test.ts): batches of
// long tool results make lines of about 2 MB (fs.appendFile would write each in four pieces), and
// all processes start writing at the same moment.
import { configureTracing, trace } from "../../src/index.js";

const [path = "shared.jsonl", id = "0", startAt = "0"] = process.argv.slice(2);
const tracing = configureTracing({ serviceName: `writer-${id}`, exporters: [{ type: "jsonl", path }], metrics: false, batch: { maxExportBatchSize: 256 } });
const result = `${id}:`.padEnd(8000, "x");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
for (let round = 0; round < 8; round++) for (let i = 0; i < 256; i++) trace.tool({ name: "fetch", args: { round, i } }).end(result);
await tracing.shutdown();
