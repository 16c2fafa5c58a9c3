import type { RunRecord } from '../core/runRecord';
import { estimateCost } from './cost';
import { formatCost, formatCount } from './format';
import type { PriceTable } from './protocol';

/** Core's provider name for VS Code's language models (their requests have no price per token here). */
const VSCODE_LM = 'vscode-lm';

/**
 * The header's cost, or undefined while nothing was paid for; "not priced" (never $0) when a paid
 * model has no price. VS Code's language models get their request count instead of a dollar figure, since
 * VS Code reports no price: Copilot counts each request against the plan (premium requests).
 */
export function describeCost(record: Pick<RunRecord, 'config' | 'usage'>, prices?: PriceTable): string | undefined {
  const { config, usage } = record;
  const models = [config.scorer, config.optimizer, ...(config.judge === undefined ? [] : [config.judge])];
  const vscodeModels = models.filter((m) => m.provider === VSCODE_LM);
  if (vscodeModels.length > 0) {
    const requests = `${formatCount(usage.calls)} ${usage.calls === 1 ? 'request' : 'requests'}`;
    return vscodeModels.some((m) => m.vendor === 'copilot')
      ? `not priced: ${requests} to Copilot, which counts them against your plan (premium requests)`
      : `not priced: ${requests} through VS Code's language models`;
  }
  if (usage.promptTokens + usage.completionTokens === 0) {
    return undefined;
  }
  const cost = estimateCost(usage, prices);
  if (cost === undefined) {
    const names = (usage.unpricedModels ?? []).map((key) => key.slice(key.indexOf(':') + 1));
    return names.length === 0 ? 'not priced' : `not priced (${[...new Set(names)].join(', ')}): set opro.prices`;
  }
  if (cost === 0) {
    return 'free (local server)';
  }
  const text = formatCost(cost);
  return text.startsWith('<') ? text : `≈ ${text}`;
}
