/**
 * Reads a byte stream of a model's answer back into the chunks it carries, however the bytes were
 * split on the way:
 * - JSON lines, one event per line: what the OpenAI and Anthropic SDKs' `toReadableStream()` emit
 *   (and their `fromReadableStream()` reads);
 * - server-sent events, `data: {...}` lines: a provider's HTTP response body, passed on as it came;
 * - anything else is plain text (the AI SDK's `toTextStreamResponse()` body, say).
 * The kind is told from the first line: JSON lines are JSON objects, events start with a field name.
 */
export class StreamBytesDecoder {
  private readonly decoder = new TextDecoder();
  private pending = "";
  private kind: "json" | "sse" | "text" | undefined;

  /** The chunks complete once `bytes` arrived. */
  push(bytes: Uint8Array): unknown[] {
    return this.take(this.decoder.decode(bytes, { stream: true }), false);
  }

  /** The chunks left when the stream ends. */
  flush(): unknown[] {
    return this.take(this.decoder.decode(), true);
  }

  private take(text: string, end: boolean): unknown[] {
    if (this.kind === "text") return text ? [text] : [];
    this.pending += text;
    const kind = this.kind ?? this.decideKind(end);
    if (kind === undefined) return [];
    if (kind === "text") {
      const all = this.pending;
      this.pending = "";
      return all ? [all] : [];
    }
    const lines = this.pending.split("\n");
    this.pending = end ? "" : (lines.pop() ?? "");
    const chunks: unknown[] = [];
    for (const line of lines) {
      const chunk = this.readLine(line.trim());
      if (chunk !== undefined) chunks.push(chunk);
    }
    return chunks;
  }

  /** Tells the kind from the first line, once it is there; undefined while it is still arriving. */
  private decideKind(end: boolean): "json" | "sse" | "text" | undefined {
    const start = this.pending.trimStart();
    const newline = start.indexOf("\n");
    if (newline < 0 && !end) {
      // An event field or a JSON object may be cut anywhere; plain text shows itself in its first letters.
      if (start.length === 0 || start.startsWith("{") || SSE_FIELDS.some((field) => field.startsWith(start.slice(0, field.length)))) return undefined;
    }
    const first = (newline < 0 ? start : start.slice(0, newline)).trim();
    if (/^(data|event|id|retry)?:/.test(first)) this.kind = "sse";
    else if (first.startsWith("{") && parseJson(first) !== undefined) this.kind = "json";
    else this.kind = "text";
    return this.kind;
  }

  private readLine(line: string): unknown {
    if (!line) return undefined;
    if (this.kind === "json") return parseJson(line);
    if (!line.startsWith("data:")) return undefined;
    const data = line.slice(5).trim();
    return data === "[DONE]" ? undefined : parseJson(data);
  }
}

const SSE_FIELDS = ["data:", "event:", "id:", "retry:", ":"];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
