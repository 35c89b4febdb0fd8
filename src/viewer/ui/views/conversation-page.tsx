import { formatCost, formatCount, formatDuration, formatTime } from "../format.js";
import { traceHref } from "../router.js";
import { useData } from "../use-data.js";
import { ErrorBox, plural } from "./common.js";

export function ConversationPage({ conversationId }: { conversationId: string }) {
  const { value: view, error, loading } = useData(`conversation:${conversationId}`, (source) => source.conversation(conversationId));
  if (error) return <ErrorBox message={error} />;
  if (!view) return <p class="empty">{loading ? "Loading…" : ""}</p>;
  // The traces' totals: model calls outside any turn count too.
  const totals = view.traces.reduce((sum, trace) => ({ input: sum.input + trace.inputTokens, output: sum.output + trace.outputTokens, cost: sum.cost + trace.cost }), { input: 0, output: 0, cost: 0 });
  return (
    <section class="conversation" data-testid="conversation">
      <h1>Conversation {conversationId}</h1>
      <div class="facts" data-testid="conversation-totals">
        <span>{plural(view.turns.length, "turn")}</span>
        <span>{plural(view.traces.length, "trace")}</span>
        <span>{formatCount(totals.input)} → {formatCount(totals.output)} tokens</span>
        <span>{formatCost(totals.cost)}</span>
      </div>
      {view.turns.length === 0 && <p class="empty">No turns of this conversation in the files.</p>}
      {view.turns.map((turn, i) => (
        <article key={turn.span.spanId} class="turn" data-testid="turn">
          <div class="turn-meta">
            <b>turn {i + 1}</b> <span>{formatTime(turn.span.startMs)}</span> <span>{formatDuration(turn.span.endMs - turn.span.startMs)}</span>
            <span>{formatCount(turn.inputTokens)} → {formatCount(turn.outputTokens)} tokens</span> <span>{formatCost(turn.cost)}</span>
            {turn.errors > 0 && <span class="pill pill-error" data-testid="turn-errors">{plural(turn.errors, "error")}</span>}
            <a href={traceHref(turn.traceId, turn.span.spanId)}>open in trace</a>
          </div>
          {turn.input !== undefined && <div class="bubble role-user"><div class="role">user</div><div class="part-text">{turn.input}</div></div>}
          {turn.output !== undefined && <div class="bubble role-assistant"><div class="role">assistant</div><div class="part-text">{turn.output}</div></div>}
          {turn.failure !== undefined && <div class="bubble role-failure" data-testid="turn-failure"><div class="role">failed</div><div class="part-text">{turn.failure}</div></div>}
        </article>
      ))}
    </section>
  );
}
