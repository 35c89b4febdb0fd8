import { describe, expect, it } from "vitest";
import { configureTracing, type OtlpProtocol } from "../../src/index.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";
import { emitAgentTrace } from "../helpers/workload.js";

const receiver = useOtlpReceiver();

const cases: { protocol: OtlpProtocol; compression: "gzip" | "none"; endpoint: () => string }[] = [
  { protocol: "grpc", compression: "none", endpoint: () => receiver().grpcUrl },
  { protocol: "grpc", compression: "gzip", endpoint: () => receiver().grpcUrl },
  { protocol: "http/protobuf", compression: "none", endpoint: () => receiver().httpUrl },
  { protocol: "http/protobuf", compression: "gzip", endpoint: () => `${receiver().httpUrl}/v1/traces` },
  { protocol: "http/json", compression: "none", endpoint: () => receiver().httpUrl },
];

describe.each(cases)("OTLP $protocol (compression $compression)", ({ protocol, compression, endpoint }) => {
  it("delivers the trace tree, attributes, status, events and resource as the receiver decodes them", async () => {
    const tracing = configureTracing(
      {
        serviceName: "support-bot",
        environment: "test",
        exporters: [{ type: "otlp", protocol, endpoint: endpoint(), compression, headers: { "api-key": "secret-123" } }],
        logLevel: "none",
      },
      {},
    );
    const ids = emitAgentTrace();
    await tracing.shutdown();

    const spans = await receiver().waitForSpans(3);
    expect(spans).toHaveLength(3);
    const byName = new Map(spans.map((s) => [s.name, s]));
    const root = byName.get("workflow.answer")!;
    const tool = byName.get("tool.search_docs")!;
    const chat = byName.get("chat gpt-4o")!;

    for (const span of spans) expect(span.traceId).toBe(ids.traceId);
    expect(root.spanId).toBe(ids.rootId);
    expect(root.parentSpanId).toBe("");
    expect(tool.parentSpanId).toBe(ids.rootId);
    expect(chat.parentSpanId).toBe(ids.rootId);
    expect(chat.spanId).toBe(ids.chatId);

    expect(root.attributes).toMatchObject({ "conversation.id": "conv_1" });
    expect(tool.attributes).toMatchObject({ "gen_ai.tool.name": "search_docs", "retrieval.top_k": 3 });
    expect(chat.attributes).toMatchObject({
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.stream": false,
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(chat.status).toEqual({ code: 2, message: "rate limited" });
    expect(chat.events[0]).toMatchObject({ name: "exception", attributes: { "exception.message": "rate limited", "exception.type": "Error" } });

    expect(root.resource).toMatchObject({
      "service.name": "support-bot",
      "deployment.environment.name": "test",
      "telemetry.distro.name": "llmtrace",
    });
    expect(root.scope).toBe("llmtrace-test");

    const request = receiver().requests.find((r) => r.transport === (protocol === "grpc" ? "grpc" : "http"));
    expect(request).toBeDefined();
    const apiKey = request!.headers["api-key"];
    expect(Array.isArray(apiKey) ? apiKey[0] : apiKey).toBe("secret-123");
    if (protocol !== "grpc") expect(request!.path).toBe("/v1/traces");
  });
});

it("takes the collector address from the standard environment variables", async () => {
  const tracing = configureTracing(
    { serviceName: "env-configured", logLevel: "none" },
    { OTEL_EXPORTER_OTLP_ENDPOINT: receiver().httpUrl, OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf", OTEL_EXPORTER_OTLP_HEADERS: "x-tenant=acme" },
  );
  expect(tracing.config.exporters.map((e) => e.type)).toEqual(["otlp"]);
  emitAgentTrace();
  await tracing.shutdown();
  const spans = await receiver().waitForSpans(3);
  expect(spans[0]!.resource["service.name"]).toBe("env-configured");
  expect(receiver().requests[0]!.headers["x-tenant"]).toBe("acme");
});
