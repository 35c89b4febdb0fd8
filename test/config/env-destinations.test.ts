// Bad environment values never change where data goes: an endpoint without a scheme is read as
// http://, an unusable one keeps the exporter on its default endpoint, and neither — nor an
// exporter variable that names nothing usable — ever sends spans to the console.
import { describe, expect, it } from "vitest";
import { parseEndpoint, readEnv } from "../../src/config/env.js";
import { resolveConfig } from "../../src/config/resolve-config.js";

const OTLP_GRPC_DEFAULT = { type: "otlp", protocol: "grpc", endpoint: "http://localhost:4317" };
const UNUSABLE = ["http://", "https://", "http://:4318", "not a url", "ftp://collector:21", "grpc://collector:4317", "://collector", "http://exa mple:4318"];

describe("an endpoint variable without a scheme", () => {
  it.each([
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318", {}, "http://localhost:4318"],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318", { OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" }, "http://localhost:4318/v1/traces"],
    ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4318/v1/traces", { OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }, "http://collector:4318/v1/traces"],
    ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "10.0.0.7:4317", {}, "http://10.0.0.7:4317"],
    ["LLMTRACE_ENDPOINT", "collector:4318", { OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" }, "http://collector:4318/v1/traces"],
  ])("%s=%s (with %j) is read as http:// and sent to %s, with one warning saying so", (variable, value, more, endpoint) => {
    const { config, warnings } = resolveConfig({}, { [variable]: value, ...more });
    expect(config.exporters).toEqual([expect.objectContaining({ type: "otlp", endpoint })]);
    expect(warnings).toEqual([`${variable}="${value}" has no scheme; read as "http://${value}". Fix: write the scheme, http:// or https://.`]);
  });

  it("works for the Zipkin variable too, which does not choose the exporter", () => {
    const { config, warnings } = resolveConfig({ exporters: [{ type: "zipkin" }] }, { OTEL_EXPORTER_ZIPKIN_ENDPOINT: "zipkin:9411/api/v2/spans" });
    expect(config.exporters).toEqual([expect.objectContaining({ type: "zipkin", endpoint: "http://zipkin:9411/api/v2/spans" })]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('read as "http://zipkin:9411/api/v2/spans"');
  });
});

describe("an endpoint variable that cannot be used at all", () => {
  it.each(UNUSABLE)("OTEL_EXPORTER_OTLP_ENDPOINT=%j keeps the OTLP exporter on its default endpoint, with one warning", (value) => {
    const { config, warnings } = resolveConfig({}, { OTEL_EXPORTER_OTLP_ENDPOINT: value });
    expect(config.exporters).toEqual([expect.objectContaining(OTLP_GRPC_DEFAULT)]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^OTEL_EXPORTER_OTLP_ENDPOINT=".*" is not a usable http\(s\) URL; ignored, and the OTLP exporter keeps its default endpoint\. Fix: /);
  });

  it("uses the HTTP default endpoint for the HTTP protocols", () => {
    const { config } = resolveConfig({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://", OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" });
    expect(config.exporters).toEqual([expect.objectContaining({ type: "otlp", endpoint: "http://localhost:4318/v1/traces" })]);
  });

  it("falls to the next usable endpoint variable, and the warning names it", () => {
    const { config, warnings } = resolveConfig({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://", OTEL_EXPORTER_OTLP_ENDPOINT: "http://base:4317" });
    expect(config.exporters).toEqual([expect.objectContaining({ type: "otlp", endpoint: "http://base:4317" })]);
    expect(warnings).toEqual([
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="https://" is not a usable http(s) URL; ignored, and OTEL_EXPORTER_OTLP_ENDPOINT is used instead. Fix: use a full URL such as http://localhost:4318.',
    ]);
  });

  it("keeps the Zipkin exporter on its default endpoint", () => {
    const { config, warnings } = resolveConfig({ exporters: [{ type: "zipkin" }] }, { OTEL_EXPORTER_ZIPKIN_ENDPOINT: "http://" });
    expect(config.exporters).toEqual([expect.objectContaining({ type: "zipkin", endpoint: "http://localhost:9411/api/v2/spans" })]);
    expect(warnings).toEqual([expect.stringContaining("ignored, and the Zipkin exporter keeps its default endpoint")]);
  });

  it("never sends spans to the console, whichever endpoint variable holds the bad value", () => {
    for (const variable of ["LLMTRACE_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"]) {
      for (const value of [...UNUSABLE, "localhost:4318", "collector"]) {
        const types = resolveConfig({}, { [variable]: value }).config.exporters.map((exporter) => exporter.type);
        expect(types, `${variable}=${value}`).toEqual(["otlp"]);
      }
    }
  });
});

describe("an exporter variable that names no supported exporter", () => {
  it("sends to OTLP (the OpenTelemetry default), not to the console, with one warning", () => {
    const { config, warnings } = resolveConfig({}, { OTEL_TRACES_EXPORTER: "jaeger" });
    expect(config.exporters).toEqual([expect.objectContaining(OTLP_GRPC_DEFAULT)]);
    expect(warnings).toEqual([
      'OTEL_TRACES_EXPORTER="jaeger" names no supported exporter; ignored, and spans go to the otlp exporter (the OpenTelemetry default), not to the console. Fix: use otlp, zipkin, console, jsonl, memory, none.',
    ]);
  });

  it("falls to OTEL_TRACES_EXPORTER when LLMTRACE_EXPORTER is unusable, and says so", () => {
    const { config, warnings } = resolveConfig({}, { LLMTRACE_EXPORTER: "zipkn", OTEL_TRACES_EXPORTER: "zipkin" });
    expect(config.exporters.map((exporter) => exporter.type)).toEqual(["zipkin"]);
    expect(warnings).toEqual([expect.stringContaining('LLMTRACE_EXPORTER="zipkn" names no supported exporter; ignored, and OTEL_TRACES_EXPORTER is used instead.')]);
  });

  it("sends to OTLP when both are unusable, one warning each", () => {
    const { config, warnings } = resolveConfig({}, { LLMTRACE_EXPORTER: "zipkn", OTEL_TRACES_EXPORTER: "jaeger,prometheus" });
    expect(config.exporters.map((exporter) => exporter.type)).toEqual(["otlp"]);
    expect(warnings).toHaveLength(2);
    expect(warnings.every((warning) => warning.includes("spans go to the otlp exporter"))).toBe(true);
  });

  it("still keeps the usable entries of a list, warning about the others", () => {
    const { config, warnings } = resolveConfig({}, { OTEL_TRACES_EXPORTER: "jaeger,console" });
    expect(config.exporters.map((exporter) => exporter.type)).toEqual(["console"]);
    expect(warnings).toEqual([expect.stringContaining('OTEL_TRACES_EXPORTER="jaeger" names an unsupported value; ignored.')]);
  });
});

describe("what the environment still decides as before", () => {
  it("runs to the console when no destination variable is set", () => {
    expect(resolveConfig({}, {}).config.exporters.map((exporter) => exporter.type)).toEqual(["console"]);
  });

  it("lets an explicit exporter list win over a bad endpoint variable's choice", () => {
    const { config } = resolveConfig({ exporters: [{ type: "memory" }] }, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://" });
    expect(config.exporters).toEqual([{ type: "memory" }]);
  });

  it("records which endpoint variable is set, usable or not", () => {
    expect(readEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://" }).settings.endpointVariable).toBe("OTEL_EXPORTER_OTLP_ENDPOINT");
    expect(readEnv({ OTEL_EXPORTER_ZIPKIN_ENDPOINT: "http://z:9411" }).settings.endpointVariable).toBeUndefined();
  });
});

describe("parseEndpoint", () => {
  const cases: [string, ReturnType<typeof parseEndpoint>][] = [
    ["http://collector:4318", { url: "http://collector:4318", schemeAdded: false }],
    ["https://api.example.com/otlp", { url: "https://api.example.com/otlp", schemeAdded: false }],
    ["localhost:4318", { url: "http://localhost:4318", schemeAdded: true }],
    ["collector", { url: "http://collector", schemeAdded: true }],
    ["[::1]:4317", { url: "http://[::1]:4317", schemeAdded: true }],
    ...UNUSABLE.map((value): [string, undefined] => [value, undefined]),
  ];
  it.each(cases)("%j → %j", (raw, expected) => {
    expect(parseEndpoint(raw)).toEqual(expected);
  });
});

describe("span limit variables", () => {
  it("are read from the env given, the span-specific variable over the general one", () => {
    const env = { OTEL_ATTRIBUTE_COUNT_LIMIT: "10", OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: "3", OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: "64", OTEL_SPAN_EVENT_COUNT_LIMIT: "5" };
    expect(readEnv(env).settings.spanLimits).toEqual({ attributeCountLimit: 3, attributeValueLengthLimit: 64, eventCountLimit: 5 });
  });

  it("warn once about a bad value", () => {
    expect(readEnv({ OTEL_SPAN_LINK_COUNT_LIMIT: "many" }).warnings).toEqual([
      'OTEL_SPAN_LINK_COUNT_LIMIT="many" is not a whole number of at least 0; ignored. Fix: use digits only, such as 1000.',
    ]);
  });
});

describe("endpoint warnings", () => {
  it("never show the password of a URL", () => {
    const { warnings } = readEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "user:s3cret@collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "ftp://user:s3cret@collector" });
    expect(warnings).toHaveLength(2);
    expect(warnings.join("\n")).not.toContain("s3cret");
    expect(warnings).toContain('OTEL_EXPORTER_OTLP_ENDPOINT="***@collector:4318" has no scheme; read as "http://***@collector:4318". Fix: write the scheme, http:// or https://.');
    expect(readEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "user:s3cret@collector:4318" }).settings.otlpEndpoint?.url).toBe("http://user:s3cret@collector:4318");
  });
});
