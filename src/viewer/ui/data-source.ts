import { paramsFromQuery } from "../model/list-query.js";
import { conversationView, readSpanDetail } from "../model/queries.js";
import type { SpanRecord } from "../model/span-record.js";
import { TraceIndex } from "../model/trace-index.js";
import type { Aggregates, ConversationView, ListQuery, TraceListPage, TraceView } from "../model/views.js";

/** Which state of the files an answer comes from: the server process (it restarts at 0) and its index version. */
export interface Version {
  instance: string;
  number: number;
}

export interface Versioned<T> {
  value: T;
  version: Version;
}

/** An event is news for data loaded at `loaded` when it is from a later state (or another server). */
export function isNewer(event: Version, loaded: Version | undefined): boolean {
  return loaded === undefined || event.instance !== loaded.instance || event.number > loaded.number;
}

export type ConnectionStatus = "live" | "reconnecting" | "report";

/** Where the UI's data comes from: the viewer's server, or a report's embedded lines. Same answers either way. */
export interface DataSource {
  list(query: ListQuery): Promise<Versioned<TraceListPage>>;
  trace(traceId: string): Promise<Versioned<TraceView | undefined>>;
  span(traceId: string, spanId: string): Promise<Versioned<SpanRecord | undefined>>;
  conversation(conversationId: string): Promise<Versioned<ConversationView>>;
  aggregates(): Promise<Versioned<Aggregates>>;
  /** Calls `onVersion` with each new state of the files; returns the unsubscribe. */
  subscribe(onVersion: (version: Version) => void): () => void;
  /** Calls `onStatus` now and on each change of the connection to the server. */
  watchStatus(onStatus: (status: ConnectionStatus) => void): () => void;
}

function parseVersion(text: string | null): Version {
  const [instance = "", number = "-1"] = (text ?? "").split(":");
  return { instance, number: Number(number) };
}

async function getJson<T>(path: string, optional: boolean): Promise<Versioned<T | undefined>> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const version = parseVersion(response.headers.get("x-llmtrace-version"));
  if (response.status === 404 && optional) return { value: undefined, version };
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return { value: (await response.json()) as T, version };
}

async function getRequired<T>(path: string): Promise<Versioned<T>> {
  return (await getJson<T>(path, false)) as Versioned<T>;
}

/** How often an open page asks whether the files changed; a page in a background tab asks less often. */
const VERSION_POLL_MILLIS = 500;
const HIDDEN_POLL_MILLIS = 5000;

/**
 * The served viewer. Each page asks `/api/version` (a few bytes) twice a second whether the files
 * changed, rather than holding a connection open: a browser allows six connections to a host, and
 * six tabs of held event streams would stall the seventh.
 */
export class ServerSource implements DataSource {
  private readonly listeners = new Set<(version: Version) => void>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private status: ConnectionStatus = "reconnecting";
  private polling = false;

  list(query: ListQuery): Promise<Versioned<TraceListPage>> {
    return getRequired(`/api/traces?${paramsFromQuery(query)}`);
  }

  trace(traceId: string): Promise<Versioned<TraceView | undefined>> {
    return getJson(`/api/traces/${encodeURIComponent(traceId)}`, true);
  }

  span(traceId: string, spanId: string): Promise<Versioned<SpanRecord | undefined>> {
    return getJson(`/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`, true);
  }

  conversation(conversationId: string): Promise<Versioned<ConversationView>> {
    return getRequired(`/api/conversations/${encodeURIComponent(conversationId)}`);
  }

  aggregates(): Promise<Versioned<Aggregates>> {
    return getRequired("/api/aggregates");
  }

  subscribe(onVersion: (version: Version) => void): () => void {
    this.listeners.add(onVersion);
    this.startPolling();
    return () => this.listeners.delete(onVersion);
  }

  watchStatus(onStatus: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(onStatus);
    onStatus(this.status);
    this.startPolling();
    return () => this.statusListeners.delete(onStatus);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      timer = undefined;
      try {
        const response = await fetch("/api/version", { headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const { instance, version } = (await response.json()) as { instance: string; version: number };
        this.setStatus("live");
        for (const listener of this.listeners) listener({ instance, number: version });
      } catch {
        // The viewer stopped (or restarts): the page says so, and keeps asking.
        this.setStatus("reconnecting");
      }
      timer = setTimeout(ask, document.hidden ? HIDDEN_POLL_MILLIS : VERSION_POLL_MILLIS);
    };
    // A tab brought back asks at once rather than at the end of its slower wait.
    document.addEventListener("visibilitychange", () => {
      if (document.hidden || timer === undefined) return;
      clearTimeout(timer);
      void ask();
    });
    void ask();
  }
}

/** The data a report embeds (see src/viewer/server/report.ts). */
export interface EmbeddedData {
  generatedAt: string;
  sources: { name: string; lines: string[] }[];
}

const REPORT_VERSION: Version = { instance: "report", number: 0 };

/** A report: the same index, built in the page from the embedded lines. */
export class EmbeddedSource implements DataSource {
  private readonly index = new TraceIndex();
  private readonly readLine = (at: { source: number; offset: number }) => Promise.resolve(this.data.sources[at.source]?.lines[at.offset]);

  constructor(private readonly data: EmbeddedData) {
    data.sources.forEach((source, sourceIndex) => {
      source.lines.forEach((line, lineIndex) => {
        this.index.addLine(line, { source: sourceIndex, offset: lineIndex, length: line.length }, { source: source.name, line: lineIndex + 1 });
      });
    });
  }

  private answer<T>(value: T): Promise<Versioned<T>> {
    return Promise.resolve({ value, version: REPORT_VERSION });
  }

  list(query: ListQuery): Promise<Versioned<TraceListPage>> {
    const sources = this.data.sources.map((source) => ({ path: source.name, spans: 0, state: `in this report of ${this.data.generatedAt}` }));
    return this.answer(this.index.list(query, sources));
  }

  trace(traceId: string): Promise<Versioned<TraceView | undefined>> {
    return this.answer(this.index.trace(traceId));
  }

  async span(traceId: string, spanId: string): Promise<Versioned<SpanRecord | undefined>> {
    return this.answer(await readSpanDetail(this.index, this.readLine, traceId, spanId));
  }

  async conversation(conversationId: string): Promise<Versioned<ConversationView>> {
    return this.answer(await conversationView(this.index, this.readLine, conversationId));
  }

  aggregates(): Promise<Versioned<Aggregates>> {
    return this.answer(this.index.aggregates());
  }

  subscribe(): () => void {
    return () => {};
  }

  watchStatus(onStatus: (status: ConnectionStatus) => void): () => void {
    onStatus("report");
    return () => {};
  }
}

/** The report's embedded data when this page is a report, else the server. */
export function chooseSource(): DataSource {
  const embedded = document.getElementById("llmtrace-data");
  if (embedded?.textContent) return new EmbeddedSource(JSON.parse(embedded.textContent) as EmbeddedData);
  return new ServerSource();
}
