import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ConnectionStatus, chooseSource } from "./data-source.js";
import { listHref, useRoute } from "./router.js";
import styles from "./styles.css";
import { SourceContext, useSource } from "./use-data.js";
import { AggregatesPage } from "./views/aggregates-page.js";
import { ConversationPage } from "./views/conversation-page.js";
import { TracePage } from "./views/trace-page.js";
import { TraceList } from "./views/trace-list.js";

const STATUS_TEXT: Record<ConnectionStatus, string> = { live: "● live", reconnecting: "○ disconnected: is llmtrace view running?", report: "report" };

function App() {
  const route = useRoute();
  const source = useSource();
  const [status, setStatus] = useState<ConnectionStatus>("reconnecting");
  useEffect(() => source.watchStatus(setStatus), [source]);
  return (
    <>
      <header class="top">
        <a class="brand" href={listHref(new URLSearchParams())}>llmtrace</a>
        <nav>
          <a class={route.page === "traces" || route.page === "trace" ? "active" : ""} href="#/">Traces</a>
          <a class={route.page === "aggregates" ? "active" : ""} href="#/aggregates">Aggregates</a>
        </nav>
        <span class={`mode mode-${status}`} data-testid="mode">{STATUS_TEXT[status]}</span>
      </header>
      <main>
        {route.page === "traces" && <TraceList params={route.params} live={status !== "report"} />}
        {route.page === "trace" && <TracePage key={route.traceId} traceId={route.traceId} spanId={route.spanId} params={route.params} />}
        {route.page === "conversation" && <ConversationPage conversationId={route.conversationId} />}
        {route.page === "aggregates" && <AggregatesPage />}
      </main>
    </>
  );
}

const style = document.createElement("style");
style.textContent = styles;
document.head.append(style);
const source = chooseSource();
const root = document.getElementById("app") as HTMLElement;
root.textContent = "";
render(
  <SourceContext.Provider value={source}>
    <App />
  </SourceContext.Provider>,
  root,
);
