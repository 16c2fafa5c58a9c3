import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import { finishedToast } from '../runs/finishedToast';
import type { RunOutcome } from '../runs/runManager';
import type { Services } from '../services';
import { confirmRunCost } from './confirmCost';
import { prepareRun, type PromptCommandArgs } from './prepareRun';

/**
 * "OPRO: Optimize Prompt": the prompt at the cursor (or selection, or CodeLens) is optimized on a
 * dataset, after the confirm step when the run may cost more than `opro.confirmCostAbove`; the panel
 * follows the run. Resolves with the outcome (undefined when nothing ran).
 */
export function optimizePrompt(services: Services) {
  return async (args?: PromptCommandArgs): Promise<RunOutcome | undefined> => {
    let panel: { discard(): void } | undefined;
    try {
      const onPrompt = (): void => {
        panel = args?.isUnattended === true ? undefined : services.panel.prepare();
      };
      const prepared = await prepareRun(services, args, { onPrompt });
      if (prepared === undefined || !(await confirmRunCost(services, prepared.config))) {
        panel?.discard();
        return undefined;
      }
      const outcome = await services.runs.start(prepared.config, prepared.meta);
      void announceResult(services, outcome);
      return outcome;
    } catch (err) {
      panel?.discard();
      await reportError(err, services);
      return undefined;
    }
  };
}

/** A toast when a run finishes: the best score against the original's, with a one-click insert of the panel's #1. */
async function announceResult(services: Services, outcome: RunOutcome): Promise<void> {
  const { record } = outcome;
  const toast = record?.status === 'finished' ? finishedToast(record.candidates, vscode.l10n.t, record.comparison) : undefined;
  if (record === undefined || toast === undefined) {
    return;
  }
  const insert = vscode.l10n.t('Insert Best');
  const picked = await services.prompter.showMessage('info', toast.message, toast.insert === undefined ? [] : [insert]);
  if (picked === insert && toast.insert !== undefined) {
    await services.controller.insert(record.id, { text: toast.insert.instruction, candidateId: toast.insert.id }).catch((err: unknown) => reportError(err, services));
  }
}
