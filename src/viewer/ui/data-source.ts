import { paramsFromQuery } from "../model/list-query.js";
import { conversationView, readSpanDetail } from "../model/queries.js";
import type { SpanRecord } from "../model/span-record.js";
import { TraceIndex } from "../model/trace-index.js";
import type { Aggregates, ConversationView, ListQuery, TraceListPage, TraceView } from "../model/views.js";

/** Where the UI's data comes from: the viewer's server, or a report's embedded lines. Same answers either way. */
export interface DataSource {
  readonly live: boolean;
  list(query: ListQuery): Promise<TraceListPage>;
  trace(traceId: string): Promise<TraceView | undefined>;
  span(traceId: string, spanId: string): Promise<SpanRecord | undefined>;
  conversation(conversationId: string): Promise<ConversationView>;
  aggregates(): Promise<Aggregates>;
  /** Calls `onChange` when the files gained spans; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

/** The newest index version an answer was computed from (the server's `x-llmtrace-version`). */
let loadedVersion = -1;

async function getJson<T>(path: string): Promise<T | undefined> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const version = Number(response.headers.get("x-llmtrace-version"));
  if (Number.isFinite(version) && version > loadedVersion) loadedVersion = version;
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function getRequired<T>(path: string): Promise<T> {
  const value = await getJson<T>(path);
  if (value === undefined) throw new Error(`${path}: not found`);
  return value;
}

export class ServerSource implements DataSource {
  readonly live = true;

  list(query: ListQuery): Promise<TraceListPage> {
    return getRequired(`/api/traces?${paramsFromQuery(query)}`);
  }

  trace(traceId: string): Promise<TraceView | undefined> {
    return getJson(`/api/traces/${encodeURIComponent(traceId)}`);
  }

  span(traceId: string, spanId: string): Promise<SpanRecord | undefined> {
    return getJson(`/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`);
  }

  conversation(conversationId: string): Promise<ConversationView> {
    return getRequired(`/api/conversations/${encodeURIComponent(conversationId)}`);
  }

  aggregates(): Promise<Aggregates> {
    return getRequired("/api/aggregates");
  }

  subscribe(onChange: () => void): () => void {
    const events = new EventSource("/api/events");
    // Each event says where the files are now; only what is newer than the page's data is a change.
    events.addEventListener("change", (event) => {
      const { version } = JSON.parse((event as MessageEvent<string>).data) as { version: number };
      if (version > loadedVersion) onChange();
    });
    return () => events.close();
  }
}

/** The data a report embeds (see src/viewer/server/report.ts). */
export interface EmbeddedData {
  generatedAt: string;
  sources: { name: string; lines: string[] }[];
}

/** A report: the same index, built in the page from the embedded lines. */
export class EmbeddedSource implements DataSource {
  readonly live = false;
  private readonly index = new TraceIndex();
  private readonly readLine = (at: { source: number; offset: number }) => Promise.resolve(this.data.sources[at.source]?.lines[at.offset]);

  constructor(private readonly data: EmbeddedData) {
    data.sources.forEach((source, sourceIndex) => {
      source.lines.forEach((line, lineIndex) => {
        this.index.addLine(line, { source: sourceIndex, offset: lineIndex, length: line.length }, { source: source.name, line: lineIndex + 1 });
      });
    });
  }

  private sources(): TraceListPage["stats"]["sources"] {
    return this.data.sources.map((source) => ({ path: source.name, spans: 0, state: `report of ${this.data.generatedAt}` }));
  }

  list(query: ListQuery): Promise<TraceListPage> {
    return Promise.resolve(this.index.list(query, this.sources()));
  }

  trace(traceId: string): Promise<TraceView | undefined> {
    return Promise.resolve(this.index.trace(traceId));
  }

  span(traceId: string, spanId: string): Promise<SpanRecord | undefined> {
    return readSpanDetail(this.index, this.readLine, traceId, spanId);
  }

  conversation(conversationId: string): Promise<ConversationView> {
    return conversationView(this.index, this.readLine, conversationId);
  }

  aggregates(): Promise<Aggregates> {
    return Promise.resolve(this.index.aggregates());
  }

  subscribe(): () => void {
    return () => {};
  }
}

/** The report's embedded data when this page is a report, else the server. */
export function chooseSource(): DataSource {
  const embedded = document.getElementById("llmtrace-data");
  if (embedded?.textContent) return new EmbeddedSource(JSON.parse(embedded.textContent) as EmbeddedData);
  return new ServerSource();
}
