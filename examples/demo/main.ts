// npm run demo — a support-bot conversation traced to the console and to a JSONL file.
// Everything runs locally: the "model" is a deterministic fake that streams its answers.
import { configureTracing, type TraceHandle, trace } from "llmtrace";
import { fakeChatStream, fakeSearch, fakeWeather } from "./fake-model.js";

const jsonlPath = "examples/demo/output/spans.jsonl";

const tracing = configureTracing({
  serviceName: "support-bot",
  environment: "demo",
  exporters: [{ type: "console" }, { type: "jsonl", path: jsonlPath }],
});

/** One user turn: search the knowledge base, maybe call a tool, stream the model's answer. */
function answer(conversation: TraceHandle, question: string): Promise<string> {
  return conversation.message(question, (message) =>
    message.agent({ name: "support_agent", description: "Answers customer questions" }, async (agent) => {
      const { documents } = await agent.retrieval({ query: question, dataSource: "help_center", topK: 3 }, async () => ({
        documents: await fakeSearch(question),
      }));
      let context = documents.map((d) => d.content).join("\n");
      if (question.toLowerCase().includes("weather")) {
        const weather = await agent.tool({ name: "get_weather", callId: "call_1", args: { city: "Paris" } }, () => fakeWeather("Paris"));
        context += `\nWeather: ${JSON.stringify(weather)}`;
      }
      const prompt = `Context:\n${context}\n\nQuestion: ${question}`;
      return agent.generation(
        { model: "gpt-4o-mini", provider: "openai", input: prompt, system: "You are a concise support agent.", temperature: 0.2, maxTokens: 256, stream: true },
        async (gen) => {
          const stream = fakeChatStream("gpt-4o-mini", prompt);
          let step = await stream.next();
          while (!step.done) {
            gen.chunk(step.value);
            step = await stream.next();
          }
          const done = step.value;
          gen.end({ usage: done.usage, finishReasons: [done.finishReason], responseModel: "gpt-4o-mini-2024-07-18" });
          return done.text;
        },
      );
    }),
  );
}

const conversation = trace.start({ name: "support_chat", conversationId: "conv_1", userId: "user_42", metadata: { plan: "pro" } });
conversation.system("Warm the answer cache", { name: "cache_warmup" }).end("12 entries");
console.log("bot:", await answer(conversation, "How do I reset my password?"));
console.log("bot:", await answer(conversation, "And what's the weather in Paris?"));
conversation.feedback({ tag: "THUMBS_UP", text: "quick and correct", score: 1 });

await tracing.shutdown();
console.log(`\nOTLP/JSON lines written to ${jsonlPath}. See this trace in the local viewer:`);
console.log(`  npm run view -- ${jsonlPath}     (in your own app: npx llmtrace view ${jsonlPath})`);
console.log(`  then open http://127.0.0.1:4100/#/trace/${conversation.spanContext().traceId}`);
