import type { RunUsage } from '../core/runRecord';
import type { ModelPrice, PriceTable } from './protocol';

/**
 * A few public list prices (USD per million tokens) so common OpenAI models show a cost without
 * configuration; anything else shows no cost unless the host passes configured prices.
 */
export const KNOWN_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
};

/** Exact name first, else the longest key the name starts with (`gpt-4o-mini-2024-07-18` -> `gpt-4o-mini`). */
export function findPrice(model: string, table: PriceTable): ModelPrice | undefined {
  const exact = table[model];
  if (exact !== undefined) {
    return exact;
  }
  const prefix = Object.keys(table)
    .filter((name) => model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table[prefix];
}

/** The run's cost in dollars, or undefined when any model that was paid for has no known price. */
export function estimateCost(usage: RunUsage, configured: PriceTable = {}): number | undefined {
  let total = 0;
  for (const [key, model] of Object.entries(usage.byModel)) {
    if (model.promptTokens + model.completionTokens === 0) {
      continue;
    }
    const name = key.slice(key.indexOf(':') + 1);
    const price = findPrice(name, configured) ?? findPrice(name, KNOWN_PRICES);
    if (price === undefined) {
      return undefined;
    }
    total += (model.promptTokens * price.input + model.completionTokens * price.output) / 1_000_000;
  }
  return total;
}
