import * as vscode from 'vscode';
import { readSavedView } from '../runs/savedRuns';
import { reportError } from '../errors/reportError';
import { pickRun } from '../runs/pickRun';
import type { Services } from '../services';

/** "OPRO: Show Runs": pick a saved run and open it in the panel. Resolves with its id. */
export function showRuns(services: Services) {
  return async (): Promise<string | undefined> => {
    try {
      const runs = await services.runs.files.list();
      const run = await pickRun(services.prompter, runs, { title: vscode.l10n.t('OPRO: Runs'), isLive: (id) => services.runs.isLive(id) });
      if (run === undefined) {
        return undefined;
      }
      services.panel.show(await readSavedView(run.file), run.file);
      return run.runId;
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}
