// Tail sampling in a short script that ends without shutdown(): the traces it still holds are
// decided at exit, and a kept one is delivered (a real child process, a real OTLP/HTTP receiver).
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
  expect(run.stderr).toBe("");
  expect(receiver.spans.map((span) => span.name)).toEqual(["failing_step"]);
  expect(Date.now() - started).toBeLessThan(10_000);
}, 20_000);
