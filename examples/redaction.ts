// Secrets and personal data never leave the process: content is redacted where llmtrace captures
// it, and every span — llmtrace's and other instrumentations' — is checked again before export.
import { strict as assert } from "node:assert";
import { trace as otelTrace } from "@opentelemetry/api";
import { configureTracing, redactText, trace } from "llmtrace";

const tracing = configureTracing({
  serviceName: "redaction-example",
  exporters: [{ type: "console" }, { type: "memory" }],
  content: { redact: { rules: [{ pattern: /ACME-\d{6}/, name: "customer_id" }] } },
});

const userMessage = "I'm jane.doe@example.com (customer ACME-004211), my card 4111 1111 1111 1111 was charged twice.";
await trace.agent({ name: "billing_agent" }, async (agent) => {
  agent.tool({ name: "lookup_customer", args: { email: "jane.doe@example.com", api_key: "sk-proj-abcdefghijklmnopqrstuv123456" } }).end({ plan: "pro" });
  agent.generation({ model: "gpt-4o-mini", provider: "openai", input: userMessage }).end({ output: "Refund issued to the card ending 1111.", usage: { inputTokens: 40, outputTokens: 9 } });
  // A model's tool call carries its arguments as JSON text: values under secrets' keys go whole.
  agent.tool({ name: "call_partner_api", args: '{"endpoint": "/refunds", "authorization": "Basic cGFydG5lcjpodW50ZXIy", "credentials": "partner-7f3k9"}' }).end({ ok: true });
  // Another instrumentation's span (an HTTP client, say) is redacted too — its URL as encoded.
  otelTrace
    .getTracer("http-client")
    .startSpan("POST /refunds", {
      attributes: {
        "http.request.header.authorization": ["Bearer abc123def456ghi789"],
        "url.full": "https://billing.example.com/refunds?email=jane.doe%40example.com&note=card+4111+1111+1111+1111",
      },
    })
    .end();
});
await tracing.shutdown();

const exported = JSON.stringify(tracing.memoryExporter!.getFinishedSpans().map((s) => [s.name, s.attributes, s.events]));
const secrets = ["jane.doe@example.com", "jane.doe%40example.com", "ACME-004211", "4111 1111 1111 1111", "4111+1111+1111+1111", "sk-proj-abcdefghijklmnopqrstuv123456", "abc123def456ghi789", "cGFydG5lcjpodW50ZXIy", "partner-7f3k9"];
for (const secret of secrets) {
  assert.ok(!exported.includes(secret), `${secret} must not be exported`);
}
console.log(redactText(userMessage));
console.log("ok: nothing secret or personal in the exported spans");
