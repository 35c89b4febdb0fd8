import { ExportTimeout } from "./export-once.js";
import type { ExportTarget } from "./export-target.js";

/** Why an export failed, whether trying again can help, and what the user can do about it. */
export interface ExportFailure {
  /** False when the receiver refused the data itself (400, 401, 403, 404...): resending cannot help. */
  readonly retryable: boolean;
  /**
   * No answer came in time (a request timeout, gRPC DEADLINE_EXCEEDED): the receiver may have
   * taken the batch, so it is not sent again — a retry could deliver it twice.
   */
  readonly outcomeUnknown: boolean;
  /** The cause in a line: "HTTP 404 Not Found", "gRPC UNAVAILABLE: connection refused". */
  readonly cause: string;
  /** What to change, when the cause points at a known mistake. */
  readonly hint: string | undefined;
}

// gRPC status codes (grpc/doc/statuscodes.md); the OTLP specification retries these.
const GRPC_STATUS = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"];
const GRPC_RETRYABLE = new Set([1, 4, 8, 10, 11, 14, 15]);
const GRPC_DEADLINE_EXCEEDED = 4;
// What the OTLP/HTTP exporter's transport says when its own timeout fired mid-request.
const REQUEST_TIMED_OUT = /^Request timed out/i;
// HTTP statuses the OTLP specification retries (plus 408, a timeout by another name).
const HTTP_RETRYABLE = new Set([408, 429, 502, 503, 504]);
// What the OTLP/HTTP exporter says when the status was one of those (it keeps no status code).
const RETRYABLE_STATUS_MESSAGE = "Export failed with retryable status";
const OTLP_HTTP_PORT = "4318";
const OTLP_GRPC_PORT = "4317";

/** Reads an exporter's error (OTLP/HTTP, OTLP/gRPC, a socket error, anything a custom exporter gives). */
export function diagnoseFailure(error: unknown, target: ExportTarget): ExportFailure {
  if (error instanceof ExportTimeout) {
    return { retryable: false, outcomeUnknown: true, cause: `the exporter gave ${error.message}`, hint: "a slow receiver or exporter: raise batch.exportTimeoutMillis" };
  }
  const failure = read(error);
  if (typeof failure.grpcCode === "number") return grpcFailure(failure.grpcCode, failure.message, target);
  if (typeof failure.httpStatus === "number") return httpFailure(failure.httpStatus, failure.message, failure.body, target);
  if (failure.message === RETRYABLE_STATUS_MESSAGE) {
    return { retryable: true, outcomeUnknown: false, cause: "HTTP 429, 502, 503 or 504: the receiver asked to try again later", hint: undefined };
  }
  if (REQUEST_TIMED_OUT.test(failure.message)) {
    return { retryable: false, outcomeUnknown: true, cause: `${failure.message}: no answer within the exporter's timeoutMillis`, hint: "a slow receiver: raise the exporter's timeoutMillis" };
  }
  return { retryable: true, outcomeUnknown: false, cause: failure.message || "no reason given", hint: networkHint(failure.socketCode, target) };
}

interface ReadError {
  readonly message: string;
  readonly grpcCode: number | undefined;
  readonly httpStatus: number | undefined;
  readonly socketCode: string | undefined;
  readonly body: string | undefined;
}

function read(error: unknown): ReadError {
  if (typeof error !== "object" || error === null) return { message: error === undefined ? "" : String(error), grpcCode: undefined, httpStatus: undefined, socketCode: undefined, body: undefined };
  const e = error as { message?: unknown; code?: unknown; details?: unknown; data?: unknown; name?: unknown };
  const message = typeof e.message === "string" ? e.message : String(error);
  const numeric = typeof e.code === "number" ? e.code : undefined;
  // gRPC errors carry `details`; OTLP/HTTP errors are OTLPExporterError with the HTTP status as `code`.
  const grpc = numeric !== undefined && typeof e.details === "string";
  return {
    message,
    grpcCode: grpc ? numeric : undefined,
    httpStatus: !grpc && numeric !== undefined && numeric >= 100 && numeric < 600 ? numeric : undefined,
    socketCode: typeof e.code === "string" ? e.code : undefined,
    body: typeof e.data === "string" ? e.data : undefined,
  };
}

function grpcFailure(code: number, message: string, target: ExportTarget): ExportFailure {
  const name = GRPC_STATUS[code] ?? `status ${code}`;
  const details = message.replace(/^\d+ [A-Z_]+: /, "").replace(/\s*Resolution note:\s*$/, "").replace(/\.+$/, "");
  let hint: string | undefined;
  if (/Protocol error/i.test(details) || port(target) === OTLP_HTTP_PORT) {
    hint = `this port speaks OTLP/HTTP, not gRPC; set protocol: "http/protobuf" (and an endpoint ending in /v1/traces)`;
  } else if (code === 12) {
    hint = "the server at this address does not accept OTLP traces over gRPC; check the endpoint and protocol";
  } else if (code === 16 || code === 7) {
    hint = "check the exporter's headers (an API key or token?)";
  } else if (/ECONNREFUSED/.test(details)) {
    hint = `nothing is listening at ${target.endpoint ?? "the endpoint"}: is the collector running?`;
  }
  if (code === GRPC_DEADLINE_EXCEEDED) {
    return { retryable: false, outcomeUnknown: true, cause: `gRPC ${name}: ${details}`, hint: hint ?? "a slow receiver: raise the exporter's timeoutMillis" };
  }
  return { retryable: GRPC_RETRYABLE.has(code), outcomeUnknown: false, cause: `gRPC ${name}: ${details}`, hint };
}

function httpFailure(status: number, message: string, body: string | undefined, target: ExportTarget): ExportFailure {
  const said = body ? `: ${oneLine(body)}` : "";
  let hint: string | undefined;
  if (status === 404) {
    const path = target.endpoint ? pathOf(target.endpoint) : undefined;
    hint = path?.endsWith("/v1/traces")
      ? "nothing at this address accepts OTLP traces; check the host and port (an OTLP/HTTP collector listens on 4318)"
      : `the path should end in /v1/traces${path ? ` (it is ${path})` : ""}`;
  }
  else if (status === 401 || status === 403) hint = "check the exporter's headers (an API key or token?)";
  else if (status === 413) hint = "the batch is too large for the receiver; lower batch.maxExportBatchSize";
  else if (port(target) === OTLP_GRPC_PORT) hint = `this port speaks OTLP/gRPC; set protocol: "grpc"`;
  return { retryable: HTTP_RETRYABLE.has(status), outcomeUnknown: false, cause: `HTTP ${status} ${message}${said}`, hint };
}

function networkHint(socketCode: string | undefined, target: ExportTarget): string | undefined {
  const where = target.endpoint ?? "the endpoint";
  if (target.exporter.startsWith("otlp http") && port(target) === OTLP_GRPC_PORT) return `this port speaks OTLP/gRPC; set protocol: "grpc"`;
  if (socketCode === "ECONNREFUSED") return `nothing is listening at ${where}: is the collector running?`;
  if (socketCode === "ENOTFOUND" || socketCode === "EAI_AGAIN") return `the host of ${where} could not be resolved; check the name`;
  return undefined;
}

function port(target: ExportTarget): string | undefined {
  if (!target.endpoint) return undefined;
  try {
    return new URL(target.endpoint).port || undefined;
  } catch {
    return undefined;
  }
}

function pathOf(endpoint: string): string {
  try {
    return new URL(endpoint).pathname;
  } catch {
    return endpoint;
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
