// One trace across two Node processes: this test process is the client agent, tool-service.ts the
// tool service; both export to Jaeger over OTLP gRPC under their own service names.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing, inject, trace, withContext } from "../../src/index.js";
import { JAEGER } from "./backends.js";
import { jaegerTrace, serviceOf } from "./jaeger-api.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const SERVICE = fileURLToPath(new URL("./tool-service.ts", import.meta.url));

async function startToolService(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(TSX, [SERVICE], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await Promise.race([
    once(child.stdout, "data"),
    once(child, "exit").then(([code]) => {
      throw new Error(`tool service exited with ${String(code)} before listening`);
    }),
  ])) as [Buffer];
  const url = `http://127.0.0.1:${chunk.toString().trim()}`;
  return {
    url,
    stop: async () => {
      const exited = once(child, "exit");
      await fetch(`${url}/shutdown`, { method: "POST" }).catch(() => child.kill());
      await exited;
    },
  };
}

it("joins the client agent and the tool service into one trace, with the conversation id in baggage", async () => {
  const service = await startToolService();
  const tracing = configureTracing(
    { serviceName: "llmtrace-e2e-agent", contextBaggage: true, exporters: [{ type: "otlp", protocol: "grpc", endpoint: JAEGER.otlpGrpc }], logLevel: "warn" },
    {},
  );
  const traceId = await withContext({ conversationId: "conv-e2e-distributed" }, () =>
    trace.agent({ name: "order_agent" }, async (agent) => {
      await agent.tool({ name: "call_order_service" }, async () => {
        const response = await fetch(`${service.url}/orders`, { method: "POST", headers: inject({ "content-type": "application/json" }) });
        return response.json();
      });
      return agent.spanContext().traceId;
    }),
  );
  await tracing.shutdown();
  await service.stop();

  const spans = await jaegerTrace(traceId, 3);
  expect(spans).toHaveLength(3);
  const byName = new Map(spans.map((s) => [s.name, s]));
  const agent = byName.get("agent.order_agent")!;
  const call = byName.get("tool.call_order_service")!;
  const remote = byName.get("tool.search_orders")!;
  expect(serviceOf(agent)).toBe("llmtrace-e2e-agent");
  expect(serviceOf(call)).toBe("llmtrace-e2e-agent");
  expect(serviceOf(remote)).toBe("llmtrace-e2e-tool-service");
  expect(call.parentSpanId).toBe(agent.spanId);
  expect(remote.parentSpanId).toBe(call.spanId);
  for (const span of spans) expect(span.attributes["conversation.id"], span.name).toBe("conv-e2e-distributed");
});
