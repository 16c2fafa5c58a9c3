import * as vscode from 'vscode';
import type { Position } from '../../core/prompt/position';
import { hasPlaceholders, placeholdersOf } from '../../core/prompt/template';
import { settleColumns } from '../dataset/askColumns';
import { chooseLayout } from '../dataset/chooseLayout';
import { createDataset } from '../dataset/createDataset';
import { pickDataset } from '../dataset/pickDataset';
import type { DatasetAnswers, PromptAnswers } from '../dataset/promptMemory';
import type { PromptTarget } from '../literals/types';
import type { ModelSetup } from '../models/resolveModels';
import { runConfigFromSettings, type DatasetChoice } from '../runs/runConfigFromSettings';
import type { Services } from '../services';
import type { Settings } from '../settings';
import type { Prompter } from '../ui/prompter';

/** A prompt to run: its text, the document it lives in (when it does), and what its place says about it. */
export interface PromptInput {
  value: string;
  uri?: vscode.Uri;
  target?: Pick<PromptTarget, 'value' | 'placeholders' | 'hint'>;
}

export interface ChoiceInput {
  prompt: PromptInput;
  prompter: Prompter;
  settings: Settings;
  models: ModelSetup;
  remembered: PromptAnswers;
  /** From the command's arguments (a CodeLens, a test, a language model tool). */
  given: { datasetPath?: string; position?: Position; inputColumn?: string; targetColumn?: string; isUnattended: boolean };
}

/**
 * The dataset (or "Create dataset…", which ends the command with a new file to fill in), the layout,
 * then the columns core cannot tell, each asked only when nothing settles it.
 */
export async function askChoices(services: Services, input: ChoiceInput): Promise<{ dataset: DatasetChoice; position: Position | undefined } | undefined> {
  const { prompt, prompter, given } = input;
  const target = prompt.target ?? { value: prompt.value };
  const templateColumns = hasPlaceholders(prompt.value) ? placeholdersOf(prompt.value) : undefined;
  const choice = await chooseDatasetFile(services, input, templateColumns);
  if (choice === undefined) {
    return undefined;
  }
  const asked = given.position ?? input.remembered.position;
  const position = await chooseLayout(prompter, { target, datasetPath: choice.path, setting: input.settings.position, asked, isUnattended: given.isUnattended });
  if (position === null) {
    return undefined;
  }
  const isTemplate = templateColumns !== undefined && (position === undefined || position === 'template');
  const known = { ...knownColumns(services, { input, path: choice.path }), ...(isTemplate ? { templateColumns } : {}) };
  const columns = await settleColumns(choice.path, known, prompter);
  if (columns === undefined) {
    return undefined;
  }
  await services.memory.rememberDataset(choice.path, columns);
  return { dataset: { path: choice.path, ...columns }, position };
}

/** The dataset given or picked; "Create dataset…" writes one to fill in and ends the command (undefined). */
async function chooseDatasetFile(services: Services, input: ChoiceInput, templateColumns: string[] | undefined): Promise<{ path: string } | undefined> {
  if (input.given.datasetPath !== undefined) {
    return { path: input.given.datasetPath };
  }
  const choice = await pickDataset(input.prompter, { lastUsed: input.remembered.dataset, templateColumns });
  if (choice?.kind === 'create') {
    await createDatasetFor(services, input);
    return undefined;
  }
  return choice;
}

/** The columns known without asking: arguments, then settings, then what was answered for the file, then the prompt's own (Prompty). */
function knownColumns(services: Services, { input, path }: { input: ChoiceInput; path: string }): DatasetAnswers {
  const { settings, given } = input;
  const hinted = input.prompt.target?.hint?.inputColumn;
  return {
    ...columnChoice('inputColumn', hinted),
    ...services.memory.forDataset(path),
    ...columnChoice('inputColumn', given.inputColumn ?? settings.inputColumn),
    ...columnChoice('targetColumn', given.targetColumn ?? settings.targetColumn),
  };
}

function columnChoice(key: 'inputColumn' | 'targetColumn', column: string | undefined): Partial<Record<typeof key, string>> {
  return column ? { [key]: column } : {};
}

/** "Create dataset…" from the dataset pick: the new file becomes the prompt's dataset for the next run. */
async function createDatasetFor(services: Services, input: ChoiceInput): Promise<void> {
  const { prompt, settings, models } = input;
  const model = runConfigFromSettings({ prompt: prompt.value, dataset: { path: '' }, position: undefined, settings, models }).optimizer;
  const path = await createDataset(
    { prompter: input.prompter, log: services.log },
    { prompt: prompt.value, sourceUri: prompt.uri, inputColumn: prompt.target?.hint?.inputColumn, model, timeoutMs: Math.round(settings.requestTimeoutSeconds * 1000) },
  );
  if (path !== undefined) {
    await services.memory.rememberPrompt(prompt.value, prompt.uri?.toString(), { dataset: path });
  }
}

/** Says, once per command, what of the prompt cannot map to the dataset (written to the log too). */
export function explainHint(services: Services, prompt: { target: Pick<PromptTarget, 'hint'>; uri: vscode.Uri }): void {
  const t = vscode.l10n.t;
  const { hint } = prompt.target;
  const file = vscode.workspace.asRelativePath(prompt.uri);
  const messages = [
    ...(hint?.unmapped === undefined
      ? []
      : [t('{0} in the prompt is code, not a variable, so no dataset column can fill it: the scorer sees it as written. To fill it from each example, put it in a variable first and use that in the prompt.', hint.unmapped.join(', '))]),
    ...(hint?.isUserSectionReplaced === true
      ? [t("The user section of {0} is more than one {{placeholder}}: OPRO optimizes the system section and sends each example's input as the user message.", file)]
      : []),
  ];
  for (const message of messages) {
    services.log.info(message);
    void services.prompter.showMessage('info', message);
  }
}
