// How an exporter's error is read: the error objects are the real ones the OTLP exporters give
// (OTLPExporterError for HTTP statuses, gRPC service errors, socket errors); fault tests against
// real servers are in test/reliability/export-faults.test.ts.
import { OTLPExporterError } from "@opentelemetry/otlp-exporter-base";
import { describe, expect, it } from "vitest";
import { diagnoseFailure } from "../../src/pipeline/export/export-failure.js";
import { ExportTimeout } from "../../src/pipeline/export/export-once.js";

const http = (endpoint: string) => ({ exporter: "otlp http/protobuf", endpoint });
const grpc = (endpoint: string) => ({ exporter: "otlp grpc", endpoint });
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} X: ${details}`), { code, details });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:4318`), { code });

describe("diagnoseFailure", () => {
  it("a 404 on a path that is not /v1/traces says what the path should be", () => {
    const failure = diagnoseFailure(new OTLPExporterError("Not Found", 404, "404 page not found"), http("http://c:4318/traces"));
    expect(failure).toMatchObject({ retryable: false, outcomeUnknown: false, cause: "HTTP 404 Not Found: 404 page not found" });
    expect(failure.hint).toBe("the path should end in /v1/traces (it is /traces)");
  });

  it("a 404 on /v1/traces points at the address instead", () => {
    expect(diagnoseFailure(new OTLPExporterError("Not Found", 404), http("http://c:8080/v1/traces")).hint).toMatch(/^nothing at this address accepts OTLP traces/);
  });

  it("401 and 403 point at the headers and are not retried; 503 and 429 are", () => {
    for (const status of [401, 403]) expect(diagnoseFailure(new OTLPExporterError("No", status), http("http://c:4318/v1/traces"))).toMatchObject({ retryable: false, hint: expect.stringContaining("headers") });
    for (const status of [429, 503]) expect(diagnoseFailure(new OTLPExporterError("Busy", status), http("http://c:4318/v1/traces")).retryable).toBe(true);
  });

  it("a timeout mid-request leaves the outcome unknown: never retried", () => {
    expect(diagnoseFailure(new Error("Request timed out"), http("http://c:4318/v1/traces"))).toMatchObject({ retryable: false, outcomeUnknown: true });
    expect(diagnoseFailure(grpcError(4, "Deadline exceeded"), grpc("http://c:4317"))).toMatchObject({ retryable: false, outcomeUnknown: true, cause: "gRPC DEADLINE_EXCEEDED: Deadline exceeded" });
    expect(diagnoseFailure(new ExportTimeout(30_000), http("http://c:4318/v1/traces"))).toMatchObject({ retryable: false, outcomeUnknown: true });
  });

  it("gRPC to an OTLP/HTTP port, HTTP to a gRPC port, nothing listening: each gets its hint", () => {
    expect(diagnoseFailure(grpcError(14, "No connection established. Last error: Protocol error"), grpc("http://c:9999")).hint).toContain('set protocol: "http/protobuf"');
    expect(diagnoseFailure(socketError("ECONNRESET"), http("http://c:4317/v1/traces")).hint).toContain('set protocol: "grpc"');
    expect(diagnoseFailure(socketError("ECONNREFUSED"), http("http://c:4318/v1/traces"))).toMatchObject({ retryable: true, hint: expect.stringContaining("nothing is listening") });
  });

  it("anything else a custom exporter gives is retried, with its message", () => {
    expect(diagnoseFailure(new Error("backend unavailable"), { exporter: "custom", endpoint: undefined })).toMatchObject({ retryable: true, cause: "backend unavailable" });
    expect(diagnoseFailure(undefined, { exporter: "custom", endpoint: undefined }).cause).toBe("no reason given");
  });
});
