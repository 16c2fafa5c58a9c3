import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import { pickRun } from '../runs/pickRun';
import type { RunOutcome } from '../runs/runManager';
import type { Services } from '../services';
import { readSettings } from '../settings';

/** Why a finished run can still go on: a budget stopped it, and a higher limit lets it continue. */
const BUDGET_STOPS: ReadonlySet<string> = new Set(['maxCalls', 'maxTokens', 'maxCost']);

/** The budgets a resumed run goes on under: the current settings' (0 unlimited). */
function currentBudgets(): { maxCalls: number; maxTokens: number; maxCost: number } {
  const { maxCalls, maxTokens, maxCost } = readSettings();
  return { maxCalls, maxTokens, maxCost };
}

/**
 * "OPRO: Resume Run": continues a cancelled, failed or interrupted run where it stopped, or one a
 * budget stopped, under the current `opro.maxCalls`, `opro.maxTokens` and `opro.maxCost`.
 */
export function resumeRun(services: Services) {
  return async (args?: { runId?: string }): Promise<RunOutcome | undefined> => {
    try {
      const file = args?.runId === undefined ? await pickResumable(services) : await services.runs.fileOf(args.runId);
      if (file === undefined) {
        return undefined;
      }
      return await services.runs.resume(file, currentBudgets());
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}

async function pickResumable(services: Services): Promise<string | undefined> {
  const resumable = (await services.runs.files.list()).filter((run) => (run.status !== 'finished' || BUDGET_STOPS.has(run.stopReason ?? '')) && !services.runs.isLive(run.runId));
  const run = await pickRun(services.prompter, resumable, { title: vscode.l10n.t('OPRO: Resume which run?'), isLive: () => false });
  return run?.file;
}
