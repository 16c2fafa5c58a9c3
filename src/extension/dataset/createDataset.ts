import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { ModelConfig } from '../../core/llm/types';
import { describeError } from '../errors/describeError';
import { createClient } from '../models/createClient';
import type { Prompter } from '../ui/prompter';
import { draftMessages, parseDraft, scaffoldColumns, scaffoldText } from './datasetScaffold';

/** Rows the model may be asked to draft. */
const DRAFT_COUNTS = [10, 25] as const;
/** Tokens a draft of 25 short inputs needs, with room to spare. */
const DRAFT_MAX_TOKENS = 4000;

export interface CreateDatasetInput {
  /** The prompt as it is optimized (`{{placeholders}}` become the columns). */
  prompt: string;
  /** The prompt's file, which names the new dataset and its folder. */
  sourceUri: vscode.Uri | undefined;
  /** The input column when the prompt has no placeholders (a Prompty user section's `{{question}}`). */
  inputColumn: string | undefined;
  /** The model that drafts inputs (the optimizer), with its endpoint and key. */
  model: ModelConfig;
  timeoutMs: number;
}

/**
 * "Create dataset…": asks for a file name, writes a JSON Lines scaffold with the prompt's input
 * columns plus `answer`, optionally with inputs drafted by the model, and opens it. The answers are
 * left for the user to fill. Resolves with the new file's path, or undefined when cancelled.
 */
export async function createDataset(deps: { prompter: Prompter; log: vscode.LogOutputChannel }, input: CreateDatasetInput): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const columns = scaffoldColumns(input.prompt, input.inputColumn);
  const path = await askPath(deps.prompter, input.sourceUri);
  if (path === undefined) {
    return undefined;
  }
  const count = await askDraft(deps.prompter, input.model, columns);
  if (count === null) {
    return undefined;
  }
  const rows = count === 0 ? [] : await draftRows(deps, input, { columns, count });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, scaffoldText(columns, rows), { flag: 'wx' });
  deps.log.info(`Created ${path} with ${rows.length} drafted inputs (columns ${columns.join(', ')}, answer)`);
  const document = await vscode.workspace.openTextDocument(path);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
  const file = vscode.workspace.asRelativePath(path);
  const message =
    rows.length > 0
      ? t('Created {0} with {1} drafted inputs. Write the expected answer of each row, save, then run Optimize Prompt again: the file is offered first.', file, rows.length)
      : t('Created {0}. Write an input and its expected answer on each row, save, then run Optimize Prompt again: the file is offered first.', file);
  void deps.prompter.showMessage('info', message);
  return path;
}

async function askPath(prompter: Prompter, sourceUri: vscode.Uri | undefined): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const folder = (sourceUri && vscode.workspace.getWorkspaceFolder(sourceUri)) ?? vscode.workspace.workspaceFolders?.[0];
  const stem = sourceUri === undefined ? 'prompt' : basename(sourceUri.path, extname(sourceUri.path)).replace(/\.(prompt|instructions|agent|chatmode)$/, '');
  if (folder === undefined) {
    return (await prompter.saveFile({ title: t('OPRO: New dataset'), filters: { [t('JSON Lines')]: ['jsonl'] } }))?.fsPath;
  }
  const root = folder.uri.fsPath;
  const resolve = (value: string): string => (isAbsolute(value) ? value : join(root, value.trim()));
  const answer = await prompter.input({
    title: t('OPRO: New dataset file (JSON Lines, in {0})', folder.name),
    value: `data/${stem}-examples.jsonl`,
    prompt: t('One JSON object per line: the prompt\'s input columns and "answer".'),
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!/\.jsonl$/i.test(value.trim())) {
        return t('End the name with .jsonl');
      }
      return existsSync(resolve(value)) ? t('{0} exists already; choose another name.', value.trim()) : undefined;
    },
  });
  return answer === undefined || answer.trim() === '' ? undefined : resolve(answer);
}

/** How many inputs to draft (0: empty rows), or null when cancelled. */
async function askDraft(prompter: Prompter, model: ModelConfig, columns: readonly string[]): Promise<number | null> {
  const t = vscode.l10n.t;
  const name = model.label ?? model.model;
  const items = [
    ...DRAFT_COUNTS.map((count) => ({ label: t('Draft {0} inputs with {1}', count, name), description: t('one request; you write the answers'), count })),
    { label: t('Empty rows'), description: t('write the inputs and answers yourself'), count: 0 },
  ];
  const picked = await prompter.pick(items, { title: t('OPRO: Columns {0} and answer. Start with drafted inputs?', columns.join(', ')), ignoreFocusOut: true });
  return picked?.count ?? null;
}

/** Inputs drafted by the model; on failure or cancel, none (the scaffold is still written) and a warning says why. */
async function draftRows(
  deps: { prompter: Prompter; log: vscode.LogOutputChannel },
  input: CreateDatasetInput,
  draft: { columns: readonly string[]; count: number },
): Promise<Record<string, string>[]> {
  const t = vscode.l10n.t;
  try {
    const reply = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('OPRO: drafting {0} inputs with {1}', draft.count, input.model.label ?? input.model.model), cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          const client = createClient(input.model, { concurrency: 1, timeoutMs: input.timeoutMs, maxRetries: 2 });
          const request = { messages: draftMessages(input.prompt, draft.columns, draft.count), temperature: 1, maxTokens: DRAFT_MAX_TOKENS };
          return (await client.complete(request, controller.signal)).text;
        } finally {
          subscription.dispose();
        }
      },
    );
    const rows = parseDraft(reply, draft.columns, draft.count);
    if (rows.length === 0) {
      void deps.prompter.showMessage('warning', t('The model drafted no usable inputs; the file has empty rows to fill in.'));
    }
    return rows;
  } catch (err) {
    const description = describeError(err);
    deps.log.warn(`Drafting inputs failed: ${description?.message ?? 'cancelled'}`);
    if (description !== undefined) {
      void deps.prompter.showMessage('warning', t('Drafting inputs failed ({0}); the file has empty rows to fill in.', description.message));
    }
    return [];
  }
}
