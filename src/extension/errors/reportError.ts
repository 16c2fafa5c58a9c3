import * as vscode from 'vscode';
import type { Prompter } from '../ui/prompter';
import { describeError, type ErrorContext } from './describeError';

/**
 * The one catch of every command: logs the error, shows its toast with buttons and runs the button
 * chosen. Cancellations are silent. Resolves once the toast is answered or dismissed.
 */
export async function reportError(err: unknown, deps: { log: vscode.LogOutputChannel; prompter: Prompter }, context: ErrorContext = {}): Promise<void> {
  const description = describeError(err, context);
  if (description === undefined) {
    deps.log.info('cancelled');
    return;
  }
  deps.log.error(description.message);
  if (err instanceof Error && err.stack && !('kind' in err)) {
    deps.log.debug(err.stack);
  }
  const titles = description.actions.map((action) => action.title);
  const picked = await deps.prompter.showMessage('error', description.message, titles);
  const action = description.actions.find((a) => a.title === picked);
  if (action !== undefined) {
    await vscode.commands.executeCommand(action.command, ...(action.arguments ?? []));
  }
}
