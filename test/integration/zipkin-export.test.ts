import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";
import { HttpSink } from "../helpers/http-sink.js";
import { emitAgentTrace } from "../helpers/workload.js";
import type { ZipkinSpan } from "../helpers/zipkin-span.js";


let sink: HttpSink;
beforeAll(async () => {
  sink = await HttpSink.start();
});
afterAll(async () => {
  await sink.close();
});
afterEach(async () => {
  await getActiveTracing()?.shutdown();
  sink.requests.length = 0;
});

it("posts Zipkin v2 JSON with the tree, service name, tags and error", async () => {
  const tracing = configureTracing(
    { serviceName: "support-bot", exporters: [{ type: "zipkin", endpoint: `${sink.url}/api/v2/spans`, headers: { "x-tenant": "acme" } }], logLevel: "none" },
    {},
  );
  const ids = emitAgentTrace();
  await tracing.shutdown();

  const [request] = await sink.waitForRequests(1);
  expect(request!.method).toBe("POST");
  expect(request!.path).toBe("/api/v2/spans");
  expect(request!.headers["content-type"]).toContain("application/json");
  expect(request!.headers["x-tenant"]).toBe("acme");
  const spans = JSON.parse(request!.body.toString("utf8")) as ZipkinSpan[];
  const byName = new Map(spans.map((s) => [s.name, s]));
  expect([...byName.keys()].sort()).toEqual(["chat gpt-4o", "tool.search_docs", "workflow.answer"]);

  const root = byName.get("workflow.answer")!;
  const chat = byName.get("chat gpt-4o")!;
  expect(root.traceId).toBe(ids.traceId);
  expect(root.id).toBe(ids.rootId);
  expect(root.parentId).toBeUndefined();
  expect(chat.parentId).toBe(ids.rootId);
  expect(byName.get("tool.search_docs")!.parentId).toBe(ids.rootId);
  for (const span of spans) expect(span.localEndpoint.serviceName).toBe("support-bot");
  expect(root.tags?.["conversation.id"]).toBe("conv_1");
  expect(chat.tags?.["gen_ai.request.model"]).toBe("gpt-4o");
  expect(chat.tags?.["gen_ai.usage.input_tokens"]).toBe("1200");
  expect(chat.tags?.["error"]).toBe("rate limited");
});

it("takes the endpoint from OTEL_EXPORTER_ZIPKIN_ENDPOINT", async () => {
  const tracing = configureTracing({ logLevel: "none" }, { OTEL_TRACES_EXPORTER: "zipkin", OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${sink.url}/custom` });
  emitAgentTrace();
  await tracing.shutdown();
  const [request] = await sink.waitForRequests(1);
  expect(request!.path).toBe("/custom");
});
