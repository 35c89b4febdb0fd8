// llmtrace → Zipkin server, read back through Zipkin's /api/v2/trace/{traceId}.
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";
import { eventually, getJson, ZIPKIN } from "./backends.js";
import { agentTurn, EXPECTED_SPAN_NAMES } from "./workload.js";
import type { ZipkinSpan } from "../helpers/zipkin-span.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});


it("holds the whole agent turn in Zipkin", async () => {
  const service = `llmtrace-e2e-zipkin-${Date.now()}`;
  const tracing = configureTracing({ serviceName: service, exporters: [{ type: "zipkin", endpoint: `${ZIPKIN.url}/api/v2/spans` }], logLevel: "warn" }, {});
  const traceId = await agentTurn("conv-e2e-zipkin");
  await tracing.shutdown();

  const spans = await eventually(`trace ${traceId} in Zipkin`, async () => {
    const body = (await getJson(`${ZIPKIN.url}/api/v2/trace/${traceId}`)) as ZipkinSpan[] | undefined;
    return body && body.length >= 6 ? body : undefined;
  });
  // Zipkin keeps span names in lower case.
  expect(spans.map((s) => s.name).sort()).toEqual(EXPECTED_SPAN_NAMES.map((n) => n.toLowerCase()).sort());
  const byName = new Map(spans.map((s) => [s.name, s]));
  const root = byName.get("workflow.support_turn")!;
  const agent = byName.get("agent.support_agent")!;
  expect(root.parentId).toBeUndefined();
  expect(agent.parentId).toBe(root.id);
  for (const child of ["retrieval.help_center", "tool.lookup_account", "chat gpt-4o-mini", "tool.send_email"]) expect(byName.get(child)!.parentId).toBe(agent.id);
  for (const span of spans) {
    expect(span.localEndpoint.serviceName).toBe(service);
    expect(span.tags?.["conversation.id"]).toBe("conv-e2e-zipkin");
  }
  const generation = byName.get("chat gpt-4o-mini")!.tags!;
  expect(generation["gen_ai.request.model"]).toBe("gpt-4o-mini");
  expect(generation["gen_ai.usage.input_tokens"]).toBe("1200");
  expect(generation["gen_ai.usage.output_tokens"]).toBe("85");
  expect(Number(generation["ai.cost"])).toBeGreaterThan(0);
  const failed = byName.get("tool.send_email")!;
  expect(failed.tags?.["error"]).toBe("mail server unavailable");
  expect(failed.annotations?.map((a) => a.value)).toContain("exception");
});
