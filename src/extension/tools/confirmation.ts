import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { estimateRunCost } from '../../core/engine';
import { formatUsd } from '../../core/pricing';
import { estimateRunCalls, type CallEstimate } from '../../core/run/callEstimate';
import type { RunEstimate } from '../../core/run/costEstimate';

/** The calls a run may pay for, with the cost estimate (tokens, dollars) behind them. */
export interface SpendEstimate extends CallEstimate {
  cost: RunEstimate;
}

/** The dollar figure for an estimate, when one can be given (a sentence of Markdown). */
export type CostFigure = (config: RunConfig, estimate: SpendEstimate) => string | undefined;

/** States the calls only (tests that check the call count alone). */
export const noCostFigure: CostFigure = () => undefined;

/** The expected cost and the upper bound at the list or configured prices, or "not priced" naming the model. */
export const estimatedCostFigure: CostFigure = (_config, { cost }) => {
  const t = vscode.l10n.t;
  const { expected, upper } = cost;
  if (expected.costUsd === undefined || upper.costUsd === undefined) {
    return t('Not priced: {0} has no price (set `opro.prices`), so no dollar figure can be given.', cost.unpriced.join(', '));
  }
  if (upper.costUsd === 0) {
    return t('No cost: the models run on a local server (or are priced at 0 in `opro.prices`).');
  }
  return t('**Expected cost about {0}** (at most {1}) at prices as of {2}; `opro.maxCost` stops a run at a limit.', formatUsd(expected.costUsd), formatUsd(upper.costUsd), cost.pricesAsOf);
};

const count = (n: number): string => n.toLocaleString('en-US');

/** The calls (and cost) a run on `config` may pay for, in a sentence or two of Markdown. */
export function describeSpend(config: RunConfig, estimate: SpendEstimate, costFigure: CostFigure): string {
  const t = vscode.l10n.t;
  const isVsCodeLm = config.scorer.provider === 'vscode-lm';
  const models = config.steps === 0 || config.optimizer.model === config.scorer.model
    ? t('`{0}`', config.scorer.model)
    : t('`{0}` (scorer) and `{1}` (optimizer)', config.scorer.model, config.optimizer.model);
  const calls = t('**At most {0} model calls** to {1}: {2} scorer calls and {3} optimizer calls; answers already cached are free.', count(estimate.totalCalls), models, count(estimate.scorerCalls), count(estimate.optimizerCalls));
  const cost = isVsCodeLm
    ? t("They are requests to VS Code's language models and count against your plan's limits.")
    : (costFigure(config, estimate) ?? t("The cost depends on the model's price per token; the panel and the log show the tokens as the run goes."));
  return `${calls} ${cost}`;
}

/** Loads the dataset as the run will (row count and split) and estimates the run's calls, tokens and cost. */
export async function estimateFor(config: RunConfig): Promise<SpendEstimate> {
  const cost = await estimateRunCost(config);
  return { ...estimateRunCalls(config, cost.trainRows + cost.validationRows), cost };
}

/** The confirmation a tool shows before it spends: what runs, on what, and what it may cost. */
export function confirmationMessages(title: string, lines: string[]): vscode.LanguageModelToolConfirmationMessages {
  const t = vscode.l10n.t;
  const footer = t('The run shows its progress in a notification, where it can be stopped; what finished is saved and can be resumed.');
  return { title, message: new vscode.MarkdownString([...lines, footer].join('\n\n')) };
}
