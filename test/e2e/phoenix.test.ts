// llmtrace → Arize Phoenix over OTLP HTTP/protobuf, read back through Phoenix's spans API. Phoenix
// reads the OpenInference conventions, so the openinference profile is on.
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";
import { eventually, getJson, PHOENIX } from "./backends.js";
import { agentTurn, EXPECTED_SPAN_NAMES } from "./workload.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

interface PhoenixSpan {
  name: string;
  context: { trace_id: string; span_id: string };
  parent_id: string | null;
  span_kind: string;
  status_code: string;
  status_message: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
}

/** Phoenix may return attributes flat ("llm.token_count.prompt") or nested ({ llm: { token_count: ... } }). */
function attribute(attributes: Record<string, unknown>, key: string): unknown {
  if (key in attributes) return attributes[key];
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), attributes);
}

it("classifies every span and shows tokens and cost", async () => {
  const tracing = configureTracing(
    {
      serviceName: "llmtrace-e2e-phoenix",
      resourceAttributes: { "openinference.project.name": PHOENIX.project },
      conventions: ["ai", "gen_ai", "openinference"],
      exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: PHOENIX.otlpHttp }],
      logLevel: "warn",
    },
    {},
  );
  const traceId = await agentTurn("conv-e2e-phoenix");
  await tracing.shutdown();

  const spans = await eventually(`trace ${traceId} in Phoenix`, async () => {
    const body = (await getJson(`${PHOENIX.url}/v1/projects/${PHOENIX.project}/spans?trace_id=${traceId}&limit=100`)) as { data?: PhoenixSpan[] } | undefined;
    return body?.data && body.data.length >= 6 ? body.data : undefined;
  });
  expect(spans.map((s) => s.name).sort()).toEqual(EXPECTED_SPAN_NAMES);
  const kinds = Object.fromEntries(spans.map((s) => [s.name, s.span_kind]));
  expect(kinds).toEqual({
    "workflow.support_turn": "CHAIN",
    "agent.support_agent": "AGENT",
    "retrieval.help_center": "RETRIEVER",
    "tool.lookup_account": "TOOL",
    "chat gpt-4o-mini": "LLM",
    "tool.send_email": "TOOL",
  });
  const byName = new Map(spans.map((s) => [s.name, s]));
  const agent = byName.get("agent.support_agent")!;
  expect(byName.get("chat gpt-4o-mini")!.parent_id).toBe(agent.context.span_id);
  const llm = byName.get("chat gpt-4o-mini")!.attributes;
  expect(attribute(llm, "llm.token_count.prompt")).toBe(1200);
  expect(attribute(llm, "llm.token_count.completion")).toBe(85);
  expect(attribute(llm, "llm.model_name")).toBe("gpt-4o-mini");
  expect(Number(attribute(llm, "llm.cost.total"))).toBeGreaterThan(0);
  expect(attribute(llm, "session.id")).toBe("conv-e2e-phoenix");
  const failed = byName.get("tool.send_email")!;
  expect(failed.status_code).toBe("ERROR");
  expect(failed.events.map((e) => e.name)).toContain("exception");
});
