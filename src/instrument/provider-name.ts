/**
 * The GenAI conventions' provider name for an OpenAI-compatible endpoint, from its host: the same
 * client talks to Groq, Mistral, DeepSeek, xAI, OpenRouter, Together, Fireworks, Azure OpenAI,
 * or a local server. Unknown hosts (a proxy, a model served on 127.0.0.1) count as `openai`.
 */
const HOSTS: readonly (readonly [string, string])[] = [
  ["groq.com", "groq"],
  ["mistral.ai", "mistral_ai"],
  ["deepseek.com", "deepseek"],
  ["x.ai", "x_ai"],
  ["openrouter.ai", "openrouter"],
  ["together.xyz", "together_ai"],
  ["together.ai", "together_ai"],
  ["fireworks.ai", "fireworks_ai"],
  ["perplexity.ai", "perplexity"],
  ["openai.azure.com", "azure.ai.openai"],
  ["generativelanguage.googleapis.com", "gcp.gemini"],
];

export function providerFromUrl(baseURL: unknown, fallback: string): string {
  if (typeof baseURL !== "string") return fallback;
  let host: string;
  try {
    host = new URL(baseURL).hostname;
  } catch {
    return fallback;
  }
  for (const [suffix, provider] of HOSTS) if (host === suffix || host.endsWith(`.${suffix}`)) return provider;
  return fallback;
}
