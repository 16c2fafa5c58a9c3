import * as vscode from 'vscode';
import { OproError } from '../../core/errors';
import type { Prompter } from './prompter';

/**
 * The prompter of a language model tool's run: toasts still show, but a question cannot be put to
 * an agent, so each one fails with its title and choices, for the agent to pass as an argument.
 */
export function unattendedPrompter(toasts: Prompter): Prompter {
  const refuse = (title: string | undefined, choices: readonly string[] = []): never => {
    const question = (title ?? '').replace(/^OPRO: /, '');
    const options = choices.length > 0 ? vscode.l10n.t(' (choices: {0})', choices.join(', ')) : '';
    throw new OproError('config', vscode.l10n.t('A tool call cannot ask "{0}"{1}; pass the answer as an argument.', question, options));
  };
  return {
    pick: async (items, options) => refuse(options.title, (await items).map((item) => item.label)),
    input: async (options) => refuse(options.title ?? options.prompt),
    openFile: async (options) => refuse(options.title),
    saveFile: async (options) => refuse(options.title),
    showMessage: (level, message, buttons, isModal) => toasts.showMessage(level, message, buttons, isModal),
  };
}
