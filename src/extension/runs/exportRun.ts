import * as vscode from 'vscode';
import type { RunRecord } from '../../core/runRecord';
import type { Prompter } from '../ui/prompter';
import { runToCsv, runToJson, runToMarkdown } from './exportFormats';

const FORMATS = {
  json: { extension: 'json', label: 'JSON', render: runToJson },
  csv: { extension: 'csv', label: 'CSV', render: runToCsv },
  markdown: { extension: 'md', label: 'Markdown', render: runToMarkdown },
} as const;

/** Saves a run as JSON, a CSV of every candidate, or a Markdown report, where the user chooses. */
export async function exportRun(prompter: Prompter, record: RunRecord, format: keyof typeof FORMATS): Promise<void> {
  const { extension, label, render } = FORMATS[format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `opro-${record.id}.${extension}`;
  const uri = await prompter.saveFile({
    title: vscode.l10n.t('Export OPRO run'),
    filters: { [label]: [extension] },
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, name) }),
  });
  if (uri !== undefined) {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(render(record)));
  }
}
