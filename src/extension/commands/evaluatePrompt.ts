import * as vscode from 'vscode';
import type { ScoredCandidate } from '../../core/runRecord';
import { COMMAND_IDS } from '../commandIds';
import { retryAction } from '../errors/describeError';
import { reportError } from '../errors/reportError';
import type { Services } from '../services';
import { prepareRun, type PromptCommandArgs } from './prepareRun';

/** "OPRO: Evaluate Prompt": scores the prompt at the cursor on a dataset, without optimizing. */
export function evaluatePrompt(services: Services) {
  return async (args?: PromptCommandArgs): Promise<ScoredCandidate | undefined> => {
    try {
      const prepared = await prepareRun(services, args);
      if (prepared === undefined) {
        return undefined;
      }
      const t = vscode.l10n.t;
      const [scored] = await services.runs.evaluate(prepared.config);
      if (scored !== undefined) {
        const file = vscode.workspace.asRelativePath(prepared.config.dataset.path);
        void services.prompter.showMessage('info', t('The prompt scores {0}% ({1}/{2} correct) on {3}.', Math.round(scored.score * 100), scored.correct, scored.total, file));
      }
      return scored;
    } catch (err) {
      await reportError(err, services, { retry: retryAction(COMMAND_IDS.evaluatePrompt, args) });
      return undefined;
    }
  };
}
