// LangChain.js with llmtrace's callback handler: a prompt piped into a chat model (LangChain's own
// fake model, answering from a list), inside an llmtrace agent — the chain, the prompt and the
// model call become nested spans.
import { strict as assert } from "node:assert";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { configureTracing, createLangChainHandler, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "langchain-example", exporters: [{ type: "console" }, { type: "memory" }] });
const chain = ChatPromptTemplate.fromMessages([["system", "Be brief."], ["human", "{question}"]]).pipe(new FakeListChatModel({ responses: ["Open Settings, then Security."] }));

const answer = await trace.agent({ name: "support_agent" }, () =>
  chain.invoke({ question: "How do I reset my password?" }, { callbacks: [createLangChainHandler()], runName: "answer_chain" }),
);
console.log("answer:", answer.content);

await tracing.shutdown();
const spans = tracing.memoryExporter!.getFinishedSpans();
const kinds = new Set(spans.map((s) => s.attributes["llmtrace.span.kind"]));
for (const kind of ["agent", "task", "generation"]) assert.ok(kinds.has(kind), `a ${kind} span`);
assert.ok(spans.every((s) => s.spanContext().traceId === spans[0]!.spanContext().traceId), "one trace");
console.log("ok: the chain and its model call nested under the agent");
