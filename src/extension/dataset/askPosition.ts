import * as vscode from 'vscode';
import type { Position } from '../../core/prompt/position';
import type { HintReason } from '../literals/promptTarget';
import type { Prompter } from '../ui/prompter';

interface PositionItem extends vscode.QuickPickItem {
  position: Position;
}

export interface AskPositionOptions {
  /** The layout the prompt's place implies, listed first and marked as suggested. */
  suggested?: { position: Position; reason: HintReason | undefined };
  /** Says why the question is asked at all (e.g. a template's variable is no column), after the question. */
  note?: string;
}

/** Asks where the prompt goes relative to each example (OPRO's instruction positions), in plain words; the code is the description. */
export async function askPosition(prompter: Prompter, options: AskPositionOptions = {}): Promise<Position | undefined> {
  const t = vscode.l10n.t;
  const items: PositionItem[] = [
    { position: 'Q_begin', label: t('Before each input'), description: 'Q_begin', detail: t('The prompt, then the example (an instruction).') },
    { position: 'Q_end', label: t('After each input'), description: 'Q_end', detail: t('The example, then the prompt.') },
    { position: 'system', label: t('As the system message'), description: 'system', detail: t('The prompt is the system message; the example is the user message.') },
    { position: 'A_begin', label: t('At the start of the answer'), description: 'A_begin', detail: t('"Q: example A: prompt", e.g. "Let\'s think step by step."') },
    { position: 'before_Q', label: t('Before "Q:"'), description: 'before_Q', detail: t('The prompt, then "Q: example A:".') },
  ];
  const { suggested } = options;
  const ordered = suggested === undefined ? items : [...items.filter((i) => i.position === suggested.position), ...items.filter((i) => i.position !== suggested.position)];
  if (suggested !== undefined && ordered[0] !== undefined) {
    ordered[0] = { ...ordered[0], description: `${ordered[0].description ?? ''} · ${suggestionText(suggested.reason)}` };
  }
  const question = t('OPRO: Where does this prompt go? (remembered for this prompt; opro.position sets a default)');
  const picked = await prompter.pick(ordered, { title: options.note === undefined ? question : `${question} ${options.note}`, ignoreFocusOut: true });
  return picked?.position;
}

function suggestionText(reason: HintReason | undefined): string {
  const t = vscode.l10n.t;
  switch (reason) {
    case 'systemMessage':
      return t('suggested: the content of a system message');
    case 'systemName':
      return t('suggested: its name says system prompt');
    case 'instructionsFile':
      return t('suggested: instructions go into the system message');
    case 'agentFile':
      return t("suggested: an agent's body is its system message");
    case 'promptySystem':
      return t("suggested: the Prompty file's system section");
    case 'promptFile':
      return t('suggested: a prompt file comes before what you type');
    case undefined:
      return t('suggested');
  }
}
