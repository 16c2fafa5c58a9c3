import * as vscode from 'vscode';
import { DatasetError } from '../../core/errors';
import { loadDataset } from '../../core/dataset';
import type { Prompter } from '../ui/prompter';
import type { DatasetAnswers } from './promptMemory';
import { sniffColumns } from './sniffColumns';

/** True for core's "which column is the input/target" failures, which a question can fix. */
export function isColumnProblem(err: unknown): err is DatasetError {
  return err instanceof DatasetError && err.line === undefined && /\b(input|target) columns?\b/.test(err.message);
}

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
      if (!isColumnProblem(err)) {
        throw err;
      }
      const role = /\binput\b/.test(err.message) && !/\btarget\b/.test(err.message) ? 'inputColumn' : 'targetColumn';
      const column = await askColumn(path, role, prompter);
      if (column === undefined) {
        return undefined;
      }
      answers[role] = column;
    }
  }
  await load();
  return answers;
}

async function askColumn(path: string, role: 'inputColumn' | 'targetColumn', prompter: Prompter): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const columns = await sniffColumns(path);
  if (columns.length === 0) {
    return undefined;
  }
  const file = vscode.workspace.asRelativePath(path);
  const title = role === 'inputColumn' ? t('OPRO: Which column of {0} is the input?', file) : t('OPRO: Which column of {0} holds the expected answer?', file);
  return (await prompter.pick(columns.map((label) => ({ label })), { title }))?.label;
}
