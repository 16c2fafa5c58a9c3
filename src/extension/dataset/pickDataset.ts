import * as vscode from 'vscode';
import type { Prompter } from '../ui/prompter';

/** Dataset files the quick pick offers. */
const DATASET_GLOB = '**/*.{jsonl,ndjson,json,csv,tsv}';
/** Dependencies, build output, VCS and our own run store; plus JSON files that configure tools. */
const EXCLUDE_GLOB = '{**/node_modules/**,**/dist/**,**/out/**,**/build/**,**/.git/**,**/.opro/**,**/.vscode/**,**/.vscode-test/**,**/package.json,**/package-lock.json,**/tsconfig*.json,**/*.code-workspace}';
const MAX_FILES = 500;

interface DatasetItem extends vscode.QuickPickItem {
  path?: string;
  isBrowse?: boolean;
}

/**
 * Asks for the dataset: workspace files (the one last used with this prompt first), or "Browse…".
 * Resolves with an absolute path, or undefined when the user cancels.
 */
export async function pickDataset(prompter: Prompter, lastUsed: string | undefined): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const files = (await vscode.workspace.findFiles(DATASET_GLOB, EXCLUDE_GLOB, MAX_FILES)).map((uri) => uri.fsPath);
  const ordered = [...(lastUsed === undefined ? [] : [lastUsed]), ...files.filter((f) => f !== lastUsed).sort()];
  const items: DatasetItem[] = ordered.map((path) => ({
    label: vscode.workspace.asRelativePath(path),
    path,
    ...(path === lastUsed ? { description: t('last used with this prompt') } : {}),
  }));
  items.push({ label: t('Browse…'), isBrowse: true, alwaysShow: true });
  const picked = await prompter.pick(items, { title: t('OPRO: Dataset to score the prompt on'), placeHolder: t('A JSONL, JSON, CSV or TSV file with inputs and expected answers') });
  if (picked?.isBrowse) {
    const uri = await prompter.openFile({ title: t('Dataset'), filters: { [t('Datasets')]: ['jsonl', 'ndjson', 'json', 'csv', 'tsv'] } });
    return uri?.fsPath;
  }
  return picked?.path;
}
