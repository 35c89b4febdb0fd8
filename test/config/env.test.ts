import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/config/env.js";

/** What an environment without metrics or logs variables reads as. */
const NO_SIGNALS = { metrics: { otlp: { headers: {} } }, logs: { otlp: { headers: {} } } };

describe("readEnv", () => {
  it("reads nothing from an empty environment", () => {
    expect(readEnv({})).toEqual({ settings: { resourceAttributes: {}, otlpHeaders: {}, ...NO_SIGNALS }, warnings: [] });
  });

  it("treats blank values as unset", () => {
    expect(readEnv({ OTEL_SERVICE_NAME: "  ", LLMTRACE_SAMPLE_RATE: "" })).toEqual({
      settings: { resourceAttributes: {}, otlpHeaders: {}, ...NO_SIGNALS },
      warnings: [],
    });
  });

  it.each([
    [{ LLMTRACE_SAMPLE_RATE: "1.5" }, 'LLMTRACE_SAMPLE_RATE="1.5" is not a number from 0 to 1; ignored. Fix: use a number such as 0.25.'],
    [{ LLMTRACE_ENABLED: "maybe" }, 'LLMTRACE_ENABLED="maybe" is not a boolean; ignored. Fix: use true or false.'],
    [{ OTEL_SDK_DISABLED: "yes" }, 'OTEL_SDK_DISABLED="yes" is not a boolean; ignored. Fix: use true or false.'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4317" }, 'OTEL_EXPORTER_OTLP_ENDPOINT="collector:4317" has no scheme; read as "http://collector:4317". Fix: write the scheme, http:// or https://.'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://" }, 'OTEL_EXPORTER_OTLP_ENDPOINT="http://" is not a usable http(s) URL; ignored, and the OTLP exporter keeps its default endpoint. Fix: use a full URL such as http://localhost:4318.'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: "thrift" }, 'OTEL_EXPORTER_OTLP_PROTOCOL="thrift" is not supported; ignored. Fix: use one of grpc, http/protobuf, http/json.'],
    [{ OTEL_BSP_MAX_QUEUE_SIZE: "lots" }, 'OTEL_BSP_MAX_QUEUE_SIZE="lots" is not a whole number of at least 1; ignored. Fix: use digits only, such as 1000.'],
    [{ OTEL_TRACES_EXPORTER: "otlp,jaeger" }, 'OTEL_TRACES_EXPORTER="jaeger" names an unsupported value; ignored. Fix: use otlp, zipkin, console, jsonl, memory, none.'],
    [{ OTEL_PROPAGATORS: "xray" }, 'OTEL_PROPAGATORS="xray" names an unsupported value; ignored. Fix: use tracecontext, baggage, b3, b3multi, jaeger, none.'],
    [{ OTEL_TRACES_SAMPLER: "jaeger_remote" }, 'OTEL_TRACES_SAMPLER="jaeger_remote" is not supported; ignored, so the default sampler is used (parentbased_always_on: every trace kept). Fix: use one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio.'],
    [{ OTEL_TRACES_SAMPLER_ARG: "0.5" }, "OTEL_TRACES_SAMPLER_ARG is set but OTEL_TRACES_SAMPLER is not; ignored. Set OTEL_TRACES_SAMPLER=parentbased_traceidratio."],
    [{ OTEL_TRACES_SAMPLER: "always_on", OTEL_TRACES_SAMPLER_ARG: "0.5" }, "OTEL_TRACES_SAMPLER_ARG is ignored with OTEL_TRACES_SAMPLER=always_on."],
    [{ OTEL_RESOURCE_ATTRIBUTES: "team=ml,broken" }, 'OTEL_RESOURCE_ATTRIBUTES="broken" has an entry that is not key=value; ignored. Fix: write entries as key=value, separated by commas.'],
    [{ OTEL_EXPORTER_OTLP_HEADERS: "k=%E0%A4%A" }, 'OTEL_EXPORTER_OTLP_HEADERS="k=%E0%A4%A" has a value that is not valid percent-encoding; ignored. Fix: encode reserved characters as %XX.'],
    [{ OTEL_LOG_LEVEL: "chatty" }, 'OTEL_LOG_LEVEL="chatty" is not supported; ignored. Fix: use one of none, error, warn, info, debug, verbose, all.'],
  ])("warns about %j, naming the variable", (env, warning) => {
    expect(readEnv(env).warnings).toEqual([warning]);
  });

  it("keeps the good entries of a list when one is bad", () => {
    const { settings } = readEnv({ OTEL_TRACES_EXPORTER: "otlp,jaeger", OTEL_RESOURCE_ATTRIBUTES: "team=ml,broken" });
    expect(settings.exporterTypes).toEqual(["otlp"]);
    expect(settings.resourceAttributes).toEqual({ team: "ml" });
  });

  it("quotes only the start of a long bad value, since header values hold credentials", () => {
    const [warning] = readEnv({ OTEL_EXPORTER_OTLP_TIMEOUT: `x${"s".repeat(100)}` }).warnings;
    expect(warning).toContain(`"x${"s".repeat(39)}…"`);
    expect(warning).not.toContain("s".repeat(41));
  });

  it("falls back to a ratio of 1 when the ratio sampler's argument is invalid, as the OTel spec says", () => {
    const { settings, warnings } = readEnv({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "half" });
    expect(settings.sampling).toEqual({ kind: "ratio", rate: 1, parentBased: true });
    expect(warnings).toHaveLength(1);
  });

  it("reads header lists with percent-encoded values", () => {
    expect(readEnv({ OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20abc,x-honeycomb-team=k" }).settings.otlpHeaders).toEqual({
      Authorization: "Bearer abc",
      "x-honeycomb-team": "k",
    });
  });
});
