// Price updates are opt-in: with them on, current data is fetched (here from a loopback server
// standing in for the published data) and costs follow it; with them off, nothing is fetched.
import { afterAll, beforeAll, expect, it } from "vitest";
import { priceDataReady } from "../../src/cost/price-updates.js";
import { configureTracing, getActiveTracing, trace } from "../../src/index.js";
import { HttpSink } from "../helpers/http-sink.js";

let server: HttpSink;
const updatedData = [
  {
    id: "openai",
    name: "OpenAI",
    api_pattern: "https://api\\.openai\\.com",
    models: [{ id: "gpt-4o", match: { starts_with: "gpt-4o" }, prices: { input_mtok: 100, output_mtok: 200 } }],
  },
];

beforeAll(async () => {
  server = await HttpSink.start();
});
afterAll(async () => {
  await getActiveTracing()?.shutdown();
  await server.close();
});

function costOfOneMillionEach(): unknown {
  const tracing = getActiveTracing()!;
  tracing.memoryExporter!.reset();
  trace.generation({ model: "gpt-4o", provider: "openai" }).end({ usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } });
  return tracing.memoryExporter!.getFinishedSpans()[0]!.attributes["ai.cost"];
}

it("fetches nothing unless asked", async () => {
  configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
  expect(costOfOneMillionEach()).toBe(12.5); // bundled gpt-4o prices: 2.50 in, 10.00 out per million
  await getActiveTracing()!.shutdown();
  expect(server.requests).toHaveLength(0);
});

it("uses fetched prices once they arrive, when turned on", async () => {
  server.respond = () => JSON.stringify(updatedData);
  configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", priceUpdates: { url: `${server.url}/prices.json` } }, {});
  await priceDataReady();
  expect(server.requests.map((r) => r.path)).toEqual(["/prices.json"]);
  expect(costOfOneMillionEach()).toBe(300);
});
