// A short script that records a model call and a log line and ends without shutdown(): its metrics
// and log records must still reach the collector (the exit flush). argv: <collector http url>.
import { pino } from "pino";
import { configureTracing, pinoOptions, trace } from "../../src/index.js";

const [, , url] = process.argv;
configureTracing({ serviceName: "short-script", exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `${url}/v1/traces` }], metrics: true, logs: true });
const logger = pino(pinoOptions(), { write: () => {} });
await trace.generation({ model: "gpt-4o", provider: "openai", input: "one question" }, async (g) => {
  logger.info("asking");
  g.end({ output: "one answer", usage: { inputTokens: 11, outputTokens: 3 } });
});
console.log("done");
