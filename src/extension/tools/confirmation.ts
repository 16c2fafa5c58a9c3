import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { loadDataset } from '../../core/dataset';
import { estimateRunCalls, type CallEstimate } from '../../core/run/callEstimate';

/**
 * The dollar figure for an estimate, when one can be given. The price table and token estimate
 * belong to the cost estimator of issue 12; until it lands the confirmation states the calls only.
 */
export type CostFigure = (config: RunConfig, estimate: CallEstimate) => string | undefined;

export const noCostFigure: CostFigure = () => undefined;

const count = (n: number): string => n.toLocaleString('en-US');

/** The calls (and cost) a run on `config` may pay for, in a sentence or two of Markdown. */
export function describeSpend(config: RunConfig, estimate: CallEstimate, costFigure: CostFigure): string {
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

/** Loads the dataset as the run will (row count and split) and estimates the run's calls. */
export async function estimateFor(config: RunConfig): Promise<CallEstimate> {
  const dataset = await loadDataset(config.dataset.path, config.dataset);
  return estimateRunCalls(config, dataset.examples.length);
}

/** The confirmation a tool shows before it spends: what runs, on what, and what it may cost. */
export function confirmationMessages(title: string, lines: string[]): vscode.LanguageModelToolConfirmationMessages {
  const t = vscode.l10n.t;
  const footer = t('The run shows its progress in a notification, where it can be stopped; what finished is saved and can be resumed.');
  return { title, message: new vscode.MarkdownString([...lines, footer].join('\n\n')) };
}
