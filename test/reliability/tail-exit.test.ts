// Tail sampling in a short script that ends without shutdown(): the root it never ended is ended
// at exit as interrupted (and said so), the trace is decided and delivered whole (a real child
// process, a real OTLP/HTTP receiver).
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runNodeApp } from "../helpers/child-app.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";

const APP = fileURLToPath(new URL("./tail-exit-app.ts", import.meta.url));
const receiverOf = useOtlpReceiver();

it("decides held traces at exit and delivers the kept ones", async () => {
  const started = Date.now();
  const receiver = receiverOf();
  const run = await runNodeApp(["--import", "tsx", APP, receiver.httpUrl]);
  expect(run.code).toBe(0);
  expect(run.stderr.trim().split("\n")).toEqual([
    'llmtrace: 1 span(s) had not ended at the process\'s end (nothing left to run: a promise that never settled?) ("forgotten_root"): they were ended there with status ERROR and llmtrace.interrupted="beforeExit", and go to the exporters like any ended span (sampling applies).',
  ]);
  expect(receiver.spans.map((span) => span.name)).toEqual(["failing_step", "forgotten_root"]);
  expect(Date.now() - started).toBeLessThan(10_000);
}, 20_000);
