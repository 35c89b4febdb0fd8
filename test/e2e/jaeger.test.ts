// llmtrace → Jaeger v2 over OTLP gRPC, OTLP HTTP/protobuf and Jaeger's Zipkin receiver, read back
// through Jaeger's /api/v3/traces.
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, type ExporterOption, getActiveTracing } from "../../src/index.js";
import { JAEGER } from "./backends.js";
import { jaegerTrace, serviceOf } from "./jaeger-api.js";
import { agentTurn, EXPECTED_SPAN_NAMES } from "./workload.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const routes: { label: string; exporter: ExporterOption; zipkin: boolean }[] = [
  { label: "OTLP gRPC", exporter: { type: "otlp", protocol: "grpc", endpoint: JAEGER.otlpGrpc }, zipkin: false },
  { label: "OTLP HTTP/protobuf", exporter: { type: "otlp", protocol: "http/protobuf", endpoint: JAEGER.otlpHttp }, zipkin: false },
  { label: "Zipkin exporter to Jaeger's Zipkin receiver", exporter: { type: "zipkin", endpoint: JAEGER.zipkin }, zipkin: true },
];

describe.each(routes)("Jaeger v2 via $label", ({ label, exporter, zipkin }) => {
  it("holds the whole agent turn: tree, names, service, model, tokens, cost, conversation, error", async () => {
    const service = `llmtrace-e2e-${label.split(" ")[0]!.toLowerCase()}-${Date.now()}`;
    const tracing = configureTracing({ serviceName: service, exporters: [exporter], logLevel: "warn" }, {});
    const traceId = await agentTurn("conv-e2e-jaeger");
    await tracing.shutdown();

    const spans = await jaegerTrace(traceId, 6);
    expect(spans.map((s) => s.name).sort()).toEqual(EXPECTED_SPAN_NAMES);
    const byName = new Map(spans.map((s) => [s.name, s]));
    const root = byName.get("workflow.support_turn")!;
    const agent = byName.get("agent.support_agent")!;
    expect(root.parentSpanId).toBe("");
    expect(agent.parentSpanId).toBe(root.spanId);
    for (const child of ["retrieval.help_center", "tool.lookup_account", "chat gpt-4o-mini", "tool.send_email"]) {
      expect(byName.get(child)!.parentSpanId, child).toBe(agent.spanId);
    }
    for (const span of spans) {
      expect(serviceOf(span)).toBe(service);
      expect(String(span.attributes["conversation.id"])).toBe("conv-e2e-jaeger");
    }
    const generation = byName.get("chat gpt-4o-mini")!.attributes;
    // Through Zipkin every tag is a string; through OTLP values keep their types.
    const num = (value: unknown) => Number(value);
    expect(generation["gen_ai.request.model"]).toBe("gpt-4o-mini");
    expect(num(generation["gen_ai.usage.input_tokens"])).toBe(1200);
    expect(num(generation["gen_ai.usage.output_tokens"])).toBe(85);
    expect(num(generation["ai.cost"])).toBeGreaterThan(0);
    const failed = byName.get("tool.send_email")!;
    expect(failed.status.code).toBe(2); // ERROR
    if (!zipkin) {
      expect(failed.events[0]).toMatchObject({ name: "exception", attributes: { "exception.message": "mail server unavailable" } });
    } else {
      expect(failed.events.map((e) => e.name)).toContain("exception");
    }
  });
});
