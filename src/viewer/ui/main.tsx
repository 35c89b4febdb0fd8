import { render } from "preact";
import { chooseSource } from "./data-source.js";
import { listHref, useRoute } from "./router.js";
import styles from "./styles.css";
import { SourceContext } from "./use-data.js";
import { AggregatesPage } from "./views/aggregates-page.js";
import { ConversationPage } from "./views/conversation-page.js";
import { TracePage } from "./views/trace-page.js";
import { TraceList } from "./views/trace-list.js";

function App({ live }: { live: boolean }) {
  const route = useRoute();
  return (
    <>
      <header class="top">
        <a class="brand" href={listHref(new URLSearchParams())}>llmtrace</a>
        <nav>
          <a class={route.page === "traces" || route.page === "trace" ? "active" : ""} href="#/">Traces</a>
          <a class={route.page === "aggregates" ? "active" : ""} href="#/aggregates">Aggregates</a>
        </nav>
        <span class={`mode ${live ? "live" : "static"}`} data-testid="mode">{live ? "● live" : "report"}</span>
      </header>
      <main>
        {route.page === "traces" && <TraceList params={route.params} />}
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
    <App live={source.live} />
  </SourceContext.Provider>,
  root,
);
