import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { estimateRunCost } from '../../core/engine';
import type { RunEstimate } from '../../core/run/costEstimate';
import { describeEstimate, headlineOf } from '../../core/run/estimateText';
import type { Services } from '../services';
import { readSettings, updateSetting } from '../settings';

/** Thresholds the "Don't Ask Again Under $X" button offers: the first one above the run's expected cost. */
const THRESHOLDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** A threshold as people write it: `$0.10`, `$2`. */
function thresholdText(usd: number): string {
  return usd < 1 ? `$${usd.toFixed(2)}` : `$${usd}`;
}

/** The threshold a click on "Don't Ask Again Under $X" sets: the first step above `expected` (undefined past the last). */
export function thresholdAbove(expected: number): number | undefined {
  return THRESHOLDS.find((x) => x > expected);
}

/**
 * Whether a run needs the confirm step: its expected cost is unknown (a model without a price,
 * VS Code's language models) or above `confirmCostAbove` (USD). A free run (local server) never asks.
 */
export function needsConfirmation(estimate: RunEstimate, confirmCostAbove: number): boolean {
  const expected = estimate.expected.costUsd;
  return estimate.isRequestsOnly || expected === undefined || expected > confirmCostAbove;
}

/**
 * The confirm step before a run: the estimate (calls, tokens, dollars) in one modal with "Start Run"
 * (one click) and, when the cost is known, "Don't Ask Again Under $X", which starts the run and sets
 * `opro.confirmCostAbove`. The estimate also goes to the log. False when the user cancels.
 */
export async function confirmRunCost(services: Services, config: RunConfig): Promise<boolean> {
  const t = vscode.l10n.t;
  const estimate = await estimateRunCost(config);
  const lines = describeEstimate(config, estimate);
  services.log.info(lines.join('\n'));
  const settings = readSettings(vscode.Uri.file(config.dataset.path));
  if (!needsConfirmation(estimate, settings.confirmCostAbove)) {
    return true;
  }
  const start = t('Start Run');
  const expected = estimate.isRequestsOnly ? undefined : estimate.expected.costUsd;
  const threshold = expected === undefined ? undefined : thresholdAbove(expected);
  const dontAsk = threshold === undefined ? undefined : t("Don't Ask Again Under {0}", thresholdText(threshold));
  const message = [t('Start the OPRO run? {0}.', headlineOf(estimate)), '', ...lines.map((line) => line.trim())].join('\n');
  const picked = await services.prompter.showMessage('info', message, dontAsk === undefined ? [start] : [start, dontAsk], true);
  if (picked !== undefined && picked === dontAsk && threshold !== undefined) {
    await updateSetting('confirmCostAbove', threshold);
  }
  return picked !== undefined && (picked === start || picked === dontAsk);
}
