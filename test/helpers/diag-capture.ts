import { type DiagLogger, DiagLogLevel, diag } from "@opentelemetry/api";
import { afterEach, beforeEach } from "vitest";
import { getActiveTracing } from "../../src/index.js";

export interface DiagCapture {
  readonly warnings: string[];
  readonly errors: string[];
  restore(): void;
}

/**
 * For the tests of a file or describe block: each starts with diagnostics captured and ends with
 * them released and whatever tracing it configured shut down. Returns the current test's capture.
 */
export function useDiagAndTracing(): () => DiagCapture {
  let current: DiagCapture | undefined;
  beforeEach(() => {
    current = captureDiag();
  });
  afterEach(async () => {
    await getActiveTracing()?.shutdown();
    current?.restore();
  });
  return () => {
    if (!current) throw new Error("useDiagAndTracing(): read the capture inside a test");
    return current;
  };
}

/**
 * Records what llmtrace and the SDK report through `diag`. Tests configure tracing with
 * `logLevel: "none"` so llmtrace leaves this logger in place.
 */
export function captureDiag(): DiagCapture {
  const warnings: string[] = [];
  const errors: string[] = [];
  const join = (message: string, args: unknown[]) => [message, ...args.map(String)].join(" ");
  const logger: DiagLogger = {
    error: (message, ...args) => errors.push(join(message, args)),
    warn: (message, ...args) => warnings.push(join(message, args)),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { warnings, errors, restore: () => diag.disable() };
}
