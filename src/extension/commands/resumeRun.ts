import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import { pickRun } from '../runs/pickRun';
import type { RunOutcome } from '../runs/runManager';
import type { Services } from '../services';

/** "OPRO: Resume Run": continues a cancelled, failed or interrupted run where it stopped. */
export function resumeRun(services: Services) {
  return async (args?: { runId?: string }): Promise<RunOutcome | undefined> => {
    try {
      const file = args?.runId === undefined ? await pickResumable(services) : await services.runs.fileOf(args.runId);
      if (file === undefined) {
        return undefined;
      }
      return await services.runs.resume(file);
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}

async function pickResumable(services: Services): Promise<string | undefined> {
  const resumable = (await services.runs.files.list()).filter((run) => run.status !== 'finished' && !services.runs.isLive(run.runId));
  const run = await pickRun(services.prompter, resumable, { title: vscode.l10n.t('OPRO: Resume which run?'), isLive: () => false });
  return run?.file;
}
