// A process that exits without calling shutdown() still delivers what it queued: on beforeExit by
// itself, and on SIGTERM with the opt-in shutdownOnSignals(). Real child processes, real receiver.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";

const APP = fileURLToPath(new URL("./exiting-app.ts", import.meta.url));

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await OtlpReceiver.start();
});
afterAll(async () => {
  await receiver.close();
});

function runApp(mode: "end" | "sigterm") {
  // node itself, with tsx as a loader, so the signal reaches the app's own process.
  return spawn(process.execPath, ["--import", "tsx", APP, mode, `${receiver.httpUrl}/v1/traces`], { stdio: ["ignore", "pipe", "inherit"] });
}

it("flushes on beforeExit when the script just ends", async () => {
  const child = runApp("end");
  const [code] = (await once(child, "exit")) as [number | null];
  expect(code).toBe(0);
  const spans = receiver.spans.filter((s) => s.resource["service.name"] === "exiting-app-end");
  expect(spans).toHaveLength(500);
});

it("flushes on SIGTERM with shutdownOnSignals(), then exits by the signal", async () => {
  const child = runApp("sigterm");
  await once(child.stdout!, "data");
  child.kill("SIGTERM");
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  expect({ code, signal }).toEqual({ code: null, signal: "SIGTERM" });
  const spans = receiver.spans.filter((s) => s.resource["service.name"] === "exiting-app-sigterm");
  expect(spans).toHaveLength(500);
});
