import * as vscode from 'vscode';
import type { Position } from '../../core/prompt/position';
import type { Prompter } from '../ui/prompter';

interface PositionItem extends vscode.QuickPickItem {
  position: Position;
}

/** Asks where the prompt goes relative to each example (OPRO's instruction positions). */
export async function askPosition(prompter: Prompter, remembered: Position | undefined): Promise<Position | undefined> {
  const t = vscode.l10n.t;
  const items: PositionItem[] = [
    { position: 'Q_begin', label: t('Before each input'), description: 'Q_begin', detail: t('The prompt, then the example (an instruction).') },
    { position: 'Q_end', label: t('After each input'), description: 'Q_end', detail: t('The example, then the prompt.') },
    { position: 'system', label: t('As the system message'), description: 'system', detail: t('The prompt is the system message; the example is the user message.') },
    { position: 'A_begin', label: t('At the start of the answer'), description: 'A_begin', detail: t('"Q: example A: prompt", e.g. "Let\'s think step by step."') },
    { position: 'before_Q', label: t('Before "Q:"'), description: 'before_Q', detail: t('The prompt, then "Q: example A:".') },
  ];
  const ordered = remembered === undefined ? items : [...items.filter((i) => i.position === remembered), ...items.filter((i) => i.position !== remembered)];
  const picked = await prompter.pick(ordered, { title: t('OPRO: Where does this prompt go?'), placeHolder: t('Remembered for this prompt; change the default with opro.position') });
  return picked?.position;
}
