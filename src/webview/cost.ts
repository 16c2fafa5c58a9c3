import { costUsd, findPrice } from '../core/pricing';
import type { RunUsage } from '../core/runRecord';
import type { PriceTable } from './protocol';

/**
 * The run's cost in dollars: what core metered as the calls came back (the run's own prices, local
 * servers free, cached prompt tokens at their price); for a run saved before costs were kept, its
 * tokens at the configured or list prices (`core/pricing.ts`). Undefined when a model that was paid
 * for has no price.
 */
export function estimateCost(usage: RunUsage, configured: PriceTable = {}): number | undefined {
  if (usage.costUsd !== undefined) {
    return usage.costUsd;
  }
  if ((usage.unpricedModels?.length ?? 0) > 0) {
    return undefined;
  }
  let total = 0;
  for (const [key, model] of Object.entries(usage.byModel)) {
    if (model.promptTokens + model.completionTokens === 0) {
      continue;
    }
    const price = findPrice(key.slice(key.indexOf(':') + 1), configured);
    if (price === undefined) {
      return undefined;
    }
    total += costUsd(model, price);
  }
  return total;
}
