import * as vscode from 'vscode';
import { ColumnChoiceError } from '../../core/errors';
import { loadDataset } from '../../core/dataset';
import type { Prompter } from '../ui/prompter';
import type { DatasetAnswers } from './promptMemory';

/**
 * Makes sure core can read the dataset with these column choices. When it cannot tell the input or
 * target column, asks for that column (from the file's columns) and tries again. Other dataset
 * problems are thrown for the caller to report. Resolves with undefined when the user cancels.
 */
export async function settleColumns(
  path: string,
  known: DatasetAnswers & { templateColumns?: string[] },
  prompter: Prompter,
): Promise<DatasetAnswers | undefined> {
  const { templateColumns, ...answers } = known;
  const load = (): Promise<unknown> => loadDataset(path, { ...answers, ...(templateColumns === undefined ? {} : { templateColumns }) });
  for (let round = 0; round < 3; round++) {
    try {
      await load();
      return answers;
    } catch (err) {
      // Core's column detection says which role it could not fill and which columns the file has.
      if (!(err instanceof ColumnChoiceError) || err.columns.length === 0) {
        throw err;
      }
      const role = err.role === 'input' ? 'inputColumn' : 'targetColumn';
      const column = await askColumn(path, role, err.columns, prompter);
      if (column === undefined) {
        return undefined;
      }
      answers[role] = column;
    }
  }
  await load();
  return answers;
}

async function askColumn(path: string, role: 'inputColumn' | 'targetColumn', columns: readonly string[], prompter: Prompter): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const file = vscode.workspace.asRelativePath(path);
  const title = role === 'inputColumn' ? t('OPRO: Which column of {0} is the input?', file) : t('OPRO: Which column of {0} holds the expected answer?', file);
  return (await prompter.pick(columns.map((label) => ({ label })), { title }))?.label;
}
