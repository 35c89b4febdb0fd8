import { chatOf } from "../../model/chat-messages.js";
import type { Value } from "../../model/otlp-json.js";
import type { SpanRecord } from "../../model/span-record.js";
import { formatDuration, formatTime } from "../format.js";
import { useData } from "../use-data.js";
import { type GroupName, groupAttributes } from "./attribute-groups.js";
import { Chat } from "./chat.js";
import { ErrorBox, Pill } from "./common.js";
import { InlineValue, JsonBlock } from "./json-block.js";

const GROUP_TITLES: Record<GroupName, string> = { model: "Model", usage: "Usage and timing", cost: "Cost", context: "Context", other: "Other attributes" };

function Table({ entries }: { entries: [string, Value][] }) {
  return (
    <table class="attributes">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}><th>{key}</th><td><InlineValue value={value} /></td></tr>
        ))}
      </tbody>
    </table>
  );
}

function Events({ record }: { record: SpanRecord }) {
  if (record.events.length === 0) return null;
  return (
    <section data-testid="events">
      <h3>Events</h3>
      {record.events.map((event, i) => {
        const isException = event.name === "exception";
        const { "exception.stacktrace": stack, ...rest } = event.attributes;
        return (
          <div key={i} class={`event${isException ? " exception" : ""}`}>
            <div class="event-title">
              <b>{event.name}</b> <span class="meta">+{formatDuration(event.timeMs - record.startMs)}</span>
            </div>
            {isException && <div class="exception-message">{String(event.attributes["exception.type"] ?? "Error")}: {String(event.attributes["exception.message"] ?? "")}</div>}
            {Object.keys(rest).length > 0 && <Table entries={Object.entries(rest)} />}
            {typeof stack === "string" && <pre class="stack" data-testid="stack">{stack}</pre>}
          </div>
        );
      })}
    </section>
  );
}

function Content({ record }: { record: SpanRecord }) {
  const chat = chatOf(record);
  const a = record.attributes;
  const args = a["gen_ai.tool.call.arguments"];
  const result = a["gen_ai.tool.call.result"];
  const input = a["ai.input"] ?? a["input.value"];
  const output = a["ai.output"] ?? a["output.value"];
  return (
    <>
      {chat.input.length > 0 && (<section><h3>Input messages</h3><Chat messages={chat.input} /></section>)}
      {chat.output.length > 0 && (<section><h3>Output messages</h3><Chat messages={chat.output} /></section>)}
      {args !== undefined && (<section data-testid="tool-arguments"><h3>Tool arguments</h3><JsonBlock value={args} /></section>)}
      {result !== undefined && (<section data-testid="tool-result-value"><h3>Tool result</h3><JsonBlock value={result} /></section>)}
      {input !== undefined && chat.input.length === 0 && (<section data-testid="span-input"><h3>Input</h3><JsonBlock value={input} /></section>)}
      {output !== undefined && chat.output.length === 0 && (<section data-testid="span-output"><h3>Output</h3><JsonBlock value={output} /></section>)}
    </>
  );
}

export function SpanDetail({ traceId, spanId }: { traceId: string; spanId: string }) {
  const { value: record, error, loading } = useData(`span:${traceId}:${spanId}`, (source) => source.span(traceId, spanId));
  if (error) return <ErrorBox message={error} />;
  if (!record) return <p class="empty">{loading ? "Loading…" : "This span's details are no longer in the file (it was truncated or rotated away)."}</p>;
  const groups = groupAttributes(record.attributes);
  return (
    <div class="span-detail" data-testid="span-detail" data-span-id={record.spanId}>
      <h2>{record.name}</h2>
      <div class="detail-meta">
        {record.status.code === 2 ? <Pill tone="error">error{record.status.message ? `: ${record.status.message}` : ""}</Pill> : <Pill tone="ok" title={record.status.code === 1 ? "status ok" : "status unset: no error recorded"}>ok</Pill>}
        <span>{formatDuration(record.endMs - record.startMs)}</span>
        <span class="meta">{formatTime(record.startMs)}</span>
        <span class="meta">span {record.spanId}</span>
        {record.parentSpanId && <span class="meta">parent {record.parentSpanId}{record.remoteParent ? " (another process)" : ""}</span>}
      </div>
      <Content record={record} />
      {(["model", "usage", "cost", "context", "other"] as GroupName[]).map((group) =>
        groups[group].length > 0 ? (
          <section key={group} data-testid={`group-${group}`}>
            <h3>{GROUP_TITLES[group]}</h3>
            <Table entries={groups[group]} />
          </section>
        ) : null,
      )}
      <Events record={record} />
      {record.links.length > 0 && (
        <section><h3>Links</h3><Table entries={record.links.map((link, i) => [`link ${i + 1}`, `${link.traceId}/${link.spanId}`])} /></section>
      )}
      <section><h3>Resource</h3><Table entries={Object.entries(record.resource)} /><p class="meta">scope {record.scope.name} {record.scope.version ?? ""}</p></section>
    </div>
  );
}
