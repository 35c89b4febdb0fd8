// A deterministic stand-in for an LLM API: no network, no key, the same answer every run.

export interface FakeCompletion {
  model: string;
  text: string;
  usage: { inputTokens: number; outputTokens: number };
  finishReason: "stop" | "tool_calls";
}

const ANSWERS: Record<string, string> = {
  "reset-password": "Go to Settings → Security → Reset password; a link arrives by email within a minute.",
  weather: "It's sunny in Paris, 21°C.",
};

export async function fakeChat(model: string, prompt: string): Promise<FakeCompletion> {
  await new Promise((resolve) => setTimeout(resolve, 40 + (prompt.length % 20)));
  const key = prompt.includes("password") ? "reset-password" : "weather";
  const text = ANSWERS[key]!;
  return {
    model,
    text,
    usage: { inputTokens: Math.ceil(prompt.length / 4), outputTokens: Math.ceil(text.length / 4) },
    finishReason: "stop",
  };
}

export async function fakeSearch(query: string): Promise<{ id: string; score: number }[]> {
  await new Promise((resolve) => setTimeout(resolve, 15));
  return query.includes("password")
    ? [
        { id: "kb-12", score: 0.91 },
        { id: "kb-7", score: 0.64 },
      ]
    : [];
}
