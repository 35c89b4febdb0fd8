import { genaiPrices, resolvePrices } from "./price-data.js";
import type { TokenUsage } from "../types/token-usage.js";
import type { Cost, ModelPricing } from "../types/pricing.js";


/**
 * Prices `usage` for `model`: a `pricing` override when one matches (`provider/model` first,
 * then `model`), else the bundled `@pydantic/genai-prices` data. Undefined for an unknown model
 * or usage that does not add up — never a guess.
 */
export function computeCost(
  usage: TokenUsage,
  model: string | undefined,
  provider: string | undefined,
  overrides: Readonly<Record<string, ModelPricing>>,
): Cost | undefined {
  if (!model || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  const override = (provider ? overrides[`${provider}/${model}`] : undefined) ?? overrides[model];
  if (override) return priceWithOverride(usage, override);
  try {
    return priceWithData(usage, model, provider);
  } catch {
    return undefined;
  }
}

function priceWithOverride(usage: TokenUsage, pricing: ModelPricing): Cost | undefined {
  const { input = 0, output = 0, cacheRead = 0, cacheWrite = 0 } = counts(usage);
  const uncached = input - cacheRead - cacheWrite;
  if (uncached < 0) return undefined;
  const inputCost =
    (uncached * pricing.inputPerMillion +
      cacheRead * (pricing.cacheReadPerMillion ?? pricing.inputPerMillion) +
      cacheWrite * (pricing.cacheWritePerMillion ?? pricing.inputPerMillion)) /
    1e6;
  const outputCost = (output * pricing.outputPerMillion) / 1e6;
  return { input: inputCost, output: outputCost, total: inputCost + outputCost };
}

function priceWithData(usage: TokenUsage, model: string, provider: string | undefined): Cost | undefined {
  const resolution = resolvePrices(model, provider);
  if (resolution.kind === "unknown") return undefined;
  const { input = 0, output = 0, cacheRead = 0, cacheWrite = 0 } = counts(usage);
  if (resolution.kind === "dynamic") {
    const result = genaiPrices().calcPrice(
      { input_tokens: input, output_tokens: output, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite },
      model,
      resolution.providerId ? { providerId: resolution.providerId } : {},
    );
    return result ? { input: result.input_price, output: result.output_price, total: result.total_price } : undefined;
  }
  // Cached tokens are split out of the input only when the model prices them separately;
  // otherwise they stay input tokens. This is the decomposition genai-prices applies.
  const readPriced = resolution.has.has("cache_read_mtok");
  const writePriced = resolution.has.has("cache_write_mtok");
  const uncached = input - (readPriced ? cacheRead : 0) - (writePriced ? cacheWrite : 0);
  if (uncached < 0 || cacheRead + cacheWrite > input) return undefined;
  let inputCost = 0;
  let outputCost = 0;
  for (const [key, price] of resolution.entries) {
    if (key === "input_mtok") inputCost += (price * uncached) / 1e6;
    else if (key === "cache_read_mtok") inputCost += (price * cacheRead) / 1e6;
    else if (key === "cache_write_mtok") inputCost += (price * cacheWrite) / 1e6;
    else if (key === "output_mtok") outputCost += (price * output) / 1e6;
  }
  return { input: inputCost, output: outputCost, total: inputCost + outputCost };
}

function counts(usage: TokenUsage) {
  return { input: usage.inputTokens, output: usage.outputTokens, cacheRead: usage.cacheReadTokens, cacheWrite: usage.cacheWriteTokens };
}
