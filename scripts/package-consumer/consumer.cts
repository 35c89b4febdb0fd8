import { agent, configureTracing, inject, type TracingHandle, type TracingOptions, trace, tool, withContext, workflow } from "llmtrace";
import { captureSpans, type SpanCapture } from "llmtrace/testing";

const options: TracingOptions = {
  serviceName: "consumer",
  exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: "http://localhost:4318" }, { type: "console" }],
  sampling: { rate: 0.5, rules: [{ name: "chat *", rate: 1 }] },
  conventions: ["gen_ai", "openinference"],
  pricing: { "my-model": { inputPerMillion: 1, outputPerMillion: 2 } },
};
const handle: TracingHandle = configureTracing(options);
const headers: Record<string, string> = inject({});
const capture: SpanCapture = captureSpans();

class Bot {
  @agent({ name: "bot" })
  async reply(message: string): Promise<string> {
    return trace.generation({ model: "gpt-4o", input: message }, (gen) => {
      gen.end({ output: "hi", usage: { inputTokens: 1, outputTokens: 1 } });
      return "hi";
    });
  }
}
const search: (q: string) => Promise<string[]> = tool({ name: "search" }, async (q: string) => [q]);
const run: () => Promise<string> = workflow({ name: "run" }, () => withContext({ userId: "u" }, () => new Bot().reply("x")));
void handle.shutdown();
void [headers, capture, search, run];
export {};
