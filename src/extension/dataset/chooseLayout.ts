import * as vscode from 'vscode';
import { probeDataset } from '../../core/dataset';
import type { Position } from '../../core/prompt/position';
import { hasPlaceholders, placeholdersOf } from '../../core/prompt/template';
import type { PromptHint, PromptTarget } from '../literals/types';
import type { Prompter } from '../ui/prompter';
import { askPosition, type AskPositionOptions } from './askPosition';

export interface LayoutInput {
  target: Pick<PromptTarget, 'value' | 'placeholders' | 'hint'>;
  datasetPath: string;
  /** `opro.position`: anything but `auto` wins. */
  setting: Position | 'auto';
  /** Given by the caller, else remembered for this prompt. */
  asked: Position | undefined;
  /** A language model tool's call: nothing can be asked, and its argument wins over the setting. */
  isUnattended?: boolean;
}

/**
 * Where the prompt goes. The setting wins; a `{{placeholder}}` template fills them from the dataset
 * (undefined: core's `template`), unless they stand for code (`${review}`) that the dataset has no
 * column for, which is said in the question instead; then the remembered answer; else the question,
 * with the layout the prompt's place implies first (unattended: that layout, asking nothing). null
 * when the question is cancelled.
 */
export async function chooseLayout(prompter: Prompter, input: LayoutInput): Promise<Position | undefined | null> {
  const isUnattended = input.isUnattended === true;
  if (isUnattended && input.asked !== undefined) {
    return input.asked;
  }
  if (input.setting !== 'auto') {
    return input.setting;
  }
  const template = await templateLayout(input);
  if (template === 'template') {
    return undefined;
  }
  if (input.asked !== undefined && template === undefined) {
    return input.asked;
  }
  if (isUnattended) {
    return input.target.hint?.position; // what its place implies, else core's default
  }
  return (await askPosition(prompter, positionQuestion(input.target.hint, template?.note))) ?? null;
}

function positionQuestion(hint: PromptHint | undefined, note: string | undefined): AskPositionOptions {
  return {
    ...(hint?.position === undefined ? {} : { suggested: { position: hint.position, reason: hint.reason } }),
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * `template` when the prompt's placeholders are filled from the dataset; a note when they stand for
 * code the dataset has no column for (so the prompt is not a template); undefined without placeholders.
 */
async function templateLayout(input: LayoutInput): Promise<'template' | { note: string } | undefined> {
  const { target } = input;
  if (!hasPlaceholders(target.value)) {
    return undefined;
  }
  const missing = target.placeholders === undefined ? [] : await missingColumns(input.datasetPath, placeholdersOf(target.value));
  if (missing.length === 0) {
    return 'template';
  }
  const code = missing.map((column) => target.placeholders?.[column] ?? column).join(', ');
  return { note: vscode.l10n.t('{0} is no column of {1}, so it stays as written; add the column to fill it from each example.', code, vscode.workspace.asRelativePath(input.datasetPath)) };
}

/** The placeholders the dataset (its first rows) has no column for. */
async function missingColumns(path: string, placeholders: readonly string[]): Promise<string[]> {
  const { columns } = await probeDataset(path);
  return placeholders.filter((name) => !columns.includes(name));
}
