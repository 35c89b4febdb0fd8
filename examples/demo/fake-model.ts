// A deterministic stand-in for an LLM API: no network, no key, the same answers every run.

export interface FakeCompletion {
  model: string;
  text: string;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number };
  finishReason: "stop";
}

const ANSWERS: Record<string, string> = {
  "reset-password": "Go to Settings → Security → Reset password; a link arrives by email within a minute.",
  weather: "It's sunny in Paris today, 21°C — a good day for a walk.",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams an answer word by word after a short "thinking" pause, then reports usage like a real API. */
export async function* fakeChatStream(model: string, prompt: string): AsyncGenerator<string, FakeCompletion> {
  const text = ANSWERS[prompt.includes("password") ? "reset-password" : "weather"]!;
  await sleep(40);
  const words = text.split(/(?<= )/);
  for (const word of words) {
    yield word;
    await sleep(4);
  }
  const inputTokens = Math.ceil(prompt.length / 4);
  return { model, text, usage: { inputTokens, outputTokens: Math.ceil(text.length / 4), cacheReadTokens: Math.min(inputTokens, 32) }, finishReason: "stop" };
}

export async function fakeSearch(query: string): Promise<{ id: string; score: number; content: string }[]> {
  await sleep(15);
  return query.includes("password")
    ? [
        { id: "kb-12", score: 0.91, content: "Passwords are reset from Settings → Security." },
        { id: "kb-7", score: 0.64, content: "Reset links expire after 30 minutes." },
      ]
    : [];
}

export async function fakeWeather(city: string): Promise<{ city: string; sky: string; celsius: number }> {
  await sleep(20);
  return { city, sky: "sunny", celsius: 21 };
}
