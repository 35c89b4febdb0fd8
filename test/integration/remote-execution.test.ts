// A pipeline whose nodes run in a worker thread and in a child process: each continues the
// caller's trace from a carrier (workerData, or TRACEPARENT in the environment), and all three
// processes' spans arrive at one collector as one trace, parented right.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import { childProcessEnv, configureTracing, createPipelineTracer, getActiveTracing, inject } from "../../src/index.js";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";

const NODE = fileURLToPath(new URL("./fixtures/remote-node.ts", import.meta.url));
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await OtlpReceiver.start();
});
afterAll(async () => {
  await getActiveTracing()?.shutdown();
  await receiver.close();
});

it("a worker thread and a child process join the pipeline's trace", async () => {
  const tracing = configureTracing({ serviceName: "pipeline-main", exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `${receiver.httpUrl}/v1/traces` }], logLevel: "warn" }, {});
  const hooks = createPipelineTracer();
  hooks.onPipelineStart("ingest");
  hooks.onNodeStart("fan_out");
  await hooks.within("fan_out", async () => {
    // The worker loads the TypeScript fixture through tsx's loader, registered in the worker itself.
    const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(NODE).href)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { collector: receiver.httpUrl, carrier: inject({}) } });
    const [message] = (await once(worker, "message")) as [string];
    expect(message).toBe("done");
    await worker.terminate();
    const child = spawn(process.execPath, ["--import", "tsx", NODE, receiver.httpUrl], { env: childProcessEnv(process.env), stdio: "inherit" });
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(0);
  });
  hooks.onNodeEnd("fan_out");
  hooks.onPipelineEnd("ingest");
  await tracing.forceFlush();

  const spans = await receiver.waitForSpans(4);
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  const byName = new Map(spans.map((s) => [s.name, s]));
  const fanOut = byName.get("task.fan_out")!;
  expect(fanOut.parentSpanId).toBe(byName.get("workflow.ingest")!.spanId);
  expect(byName.get("task.encode_in_worker")).toMatchObject({ parentSpanId: fanOut.spanId, resource: { "service.name": "worker-thread" } });
  expect(byName.get("task.encode_in_child")).toMatchObject({ parentSpanId: fanOut.spanId, resource: { "service.name": "child-process" } });
}, 30_000);
