import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import type { RunOutcome } from '../runs/runManager';
import type { Services } from '../services';
import { prepareRun, type PromptCommandArgs } from './prepareRun';

/**
 * "OPRO: Optimize Prompt": the prompt at the cursor (or selection, or CodeLens) is optimized on a
 * dataset; the panel follows the run. Resolves with the outcome (undefined when nothing ran).
 */
export function optimizePrompt(services: Services) {
  return async (args?: PromptCommandArgs): Promise<RunOutcome | undefined> => {
    try {
      const prepared = await prepareRun(services, args);
      if (prepared === undefined) {
        return undefined;
      }
      const outcome = await services.runs.start(prepared.config, prepared.meta);
      void announceResult(services, outcome);
      return outcome;
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}

/** A toast when a run finishes: the best score against the original's, with a one-click insert. */
async function announceResult(services: Services, outcome: RunOutcome): Promise<void> {
  const { record } = outcome;
  if (record === undefined || record.status !== 'finished' || record.candidates.length === 0) {
    return;
  }
  const t = vscode.l10n.t;
  const best = record.candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const seed = record.candidates.find((c) => c.origin === 'seed');
  const message = seed === undefined || seed.id === best.id
    ? t('OPRO finished: no candidate beat your prompt ({0}%).', Math.round(best.score * 100))
    : t('OPRO finished: the best prompt scores {0}% (yours: {1}%).', Math.round(best.score * 100), Math.round(seed.score * 100));
  const insert = t('Insert Best');
  const buttons = seed !== undefined && seed.id !== best.id ? [insert] : [];
  const picked = await services.prompter.showMessage('info', message, buttons);
  if (picked === insert) {
    await services.actions.insert(record.id, best.instruction).catch((err: unknown) => reportError(err, services));
  }
}
