import { context, propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, extract, getActiveTracing, inject, type PropagatorName, withExtractedContext } from "../../src/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

function configure(propagators?: PropagatorName[]) {
  return configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", ...(propagators ? { propagators } : {}) }, {});
}

/** Starts a span in "process A", carries its context through `carrier`, continues it in "process B". */
function roundTrip<C extends object>(carrier: C, read: (c: C) => object = (c) => c) {
  const tracer = trace.getTracer("test");
  const sender = tracer.startSpan("client");
  const baggage = propagation.createBaggage({ "conversation.id": { value: "conv_42" } });
  const outgoing = propagation.setBaggage(trace.setSpan(ROOT_CONTEXT, sender), baggage);
  inject(carrier as never, outgoing);
  sender.end();

  const incoming = extract(read(carrier) as never, ROOT_CONTEXT);
  const receiver = tracer.startSpan("server", {}, incoming);
  receiver.end();
  return { sender, receiver, incoming };
}

describe("inject / extract", () => {
  it("carries trace context and baggage in W3C headers by default", () => {
    configure();
    const headers: Record<string, string> = {};
    const { sender, receiver, incoming } = roundTrip(headers);
    expect(Object.keys(headers).sort()).toEqual(["baggage", "traceparent"]);
    expect(headers["traceparent"]).toBe(`00-${sender.spanContext().traceId}-${sender.spanContext().spanId}-01`);
    expect(receiver.spanContext().traceId).toBe(sender.spanContext().traceId);
    const span = getActiveTracing()!.memoryExporter!.getFinishedSpans().find((s) => s.name === "server")!;
    expect(span.parentSpanContext?.spanId).toBe(sender.spanContext().spanId);
    expect(span.parentSpanContext?.isRemote).toBe(true);
    expect(propagation.getBaggage(incoming)?.getEntry("conversation.id")?.value).toBe("conv_42");
  });

  it.each([
    ["b3", ["b3"]],
    ["b3multi", ["x-b3-sampled", "x-b3-spanid", "x-b3-traceid"]],
    ["jaeger", ["uber-trace-id", "uberctx-conversation.id"]],
  ] as const)("round-trips with the %s propagator", (name, keys) => {
    configure([name]);
    const headers: Record<string, string> = {};
    const { sender, receiver } = roundTrip(headers);
    expect(Object.keys(headers).sort()).toEqual([...keys]);
    expect(receiver.spanContext().traceId).toBe(sender.spanContext().traceId);
  });

  it("combines several propagators: every format is written, any is read", () => {
    configure(["tracecontext", "b3", "baggage"]);
    const headers: Record<string, string> = {};
    roundTrip(headers);
    expect(Object.keys(headers).sort()).toEqual(["b3", "baggage", "traceparent"]);
  });

  it("propagates nothing with propagators: none", () => {
    configure(["none"]);
    expect(inject({}, trace.setSpan(ROOT_CONTEXT, trace.getTracer("t").startSpan("s")))).toEqual({});
  });

  it("works with fetch Headers, Maps, and header objects in any letter case", () => {
    configure();
    const viaHeaders = roundTrip(new Headers());
    expect(viaHeaders.receiver.spanContext().traceId).toBe(viaHeaders.sender.spanContext().traceId);

    const viaMap = roundTrip(new Map<string, string>());
    expect(viaMap.receiver.spanContext().traceId).toBe(viaMap.sender.spanContext().traceId);

    const shouting = roundTrip({} as Record<string, string>, (c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k.toUpperCase(), v])));
    expect(shouting.receiver.spanContext().traceId).toBe(shouting.sender.spanContext().traceId);

    // Node gives repeated headers as arrays.
    const asArrays = roundTrip({} as Record<string, string>, (c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v]])));
    expect(asArrays.receiver.spanContext().traceId).toBe(asArrays.sender.spanContext().traceId);
  });

  it("injects from the active context by default and returns the carrier", () => {
    configure();
    trace.getTracer("t").startActiveSpan("active", (span) => {
      const headers = inject({ "content-type": "application/json" });
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["traceparent"]).toContain(span.spanContext().spanId);
      span.end();
    });
  });

  it("runs a function inside an extracted context", () => {
    configure();
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const seen = withExtractedContext({ traceparent: `00-${traceId}-b7ad6b7169203331-01` }, () => {
      const span = trace.getTracer("t").startSpan("handler");
      span.end();
      return trace.getSpan(context.active())?.spanContext().traceId;
    });
    expect(seen).toBe(traceId);
    expect(getActiveTracing()!.memoryExporter!.getFinishedSpans()[0]!.spanContext().traceId).toBe(traceId);
  });

  it("never throws: a frozen carrier stays as it is, garbage headers give the context back", () => {
    configure();
    const span = trace.getTracer("t").startSpan("s");
    const frozen = Object.freeze({});
    expect(inject(frozen, trace.setSpan(ROOT_CONTEXT, span))).toBe(frozen);
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("no"); }, get: () => { throw new Error("no"); } });
    expect(extract(hostile, ROOT_CONTEXT)).toBe(ROOT_CONTEXT);
    expect(trace.getSpan(extract({ traceparent: "garbage" }, ROOT_CONTEXT))).toBeUndefined();
  });
});
