// A short-lived script that never calls shutdown(): its spans, metrics and log records are all
// delivered when the process runs out of work (a real child process, a real OTLP/HTTP receiver).
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runNodeApp } from "../helpers/child-app.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";

const APP = fileURLToPath(new URL("./signals-exit-app.ts", import.meta.url));
const receiverOf = useOtlpReceiver();

it("a script ending without shutdown() still delivers its metrics and log records", async () => {
  const receiver = receiverOf();
  const run = await runNodeApp(["--import", "tsx", APP, receiver.httpUrl]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(receiver.spans.map((span) => span.name)).toContain("chat gpt-4o");
  const input = receiver.points.find((point) => point.metric === "llmtrace.llm.tokens" && point.attributes["gen_ai.token.type"] === "input");
  expect(input?.value).toBe(11);
  expect(input?.resource["service.name"]).toBe("short-script");
  expect(receiver.logRecords.map((record) => record.body)).toEqual(["asking"]);
}, 20_000);
