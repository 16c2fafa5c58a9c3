import * as vscode from 'vscode';
import { probeDatasets, type DatasetProbe } from '../../core/dataset';
import type { Prompter } from '../ui/prompter';

/** Dataset files the quick pick offers. */
const DATASET_GLOB = '**/*.{jsonl,ndjson,json,csv,tsv}';
/** Dependencies, build output, VCS and our own run store; plus JSON files that configure tools. */
const EXCLUDE_GLOB = '{**/node_modules/**,**/dist/**,**/out/**,**/build/**,**/.git/**,**/.opro/**,**/.vscode/**,**/.vscode-test/**,**/package.json,**/package-lock.json,**/tsconfig*.json,**/*.code-workspace}';
const MAX_FILES = 500;

/** What the user chose: a file, or to create a dataset. */
export type DatasetChoiceResult = { kind: 'file'; path: string } | { kind: 'create' };

interface DatasetItem extends vscode.QuickPickItem {
  choice?: DatasetChoiceResult | 'browse';
}

export interface PickDatasetInput {
  /** The dataset last used with this prompt, listed first. */
  lastUsed: string | undefined;
  /** The prompt's `{{placeholders}}`: a dataset must have these columns (and may lack an input column). */
  templateColumns?: string[] | undefined;
}

/**
 * Asks for the dataset. Workspace files that load as datasets come first (the one last used with
 * this prompt on top), then "Create dataset…" and "Browse…", then the other JSON/CSV files under a
 * separator, each with why it cannot be used. Each file is judged from its first 64 KB, read
 * asynchronously while the pick shows its progress bar. Undefined when the user cancels.
 */
export async function pickDataset(prompter: Prompter, input: PickDatasetInput): Promise<DatasetChoiceResult | undefined> {
  const t = vscode.l10n.t;
  const picked = await prompter.pick(datasetItems(input), {
    title: t('OPRO: Dataset to score the prompt on'),
    placeHolder: t('Type to filter the files'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (picked?.choice === 'browse') {
    const uri = await prompter.openFile({ title: t('Dataset'), filters: { [t('Datasets')]: ['jsonl', 'ndjson', 'json', 'csv', 'tsv'] } });
    return uri === undefined ? undefined : { kind: 'file', path: uri.fsPath };
  }
  return picked?.choice;
}

async function datasetItems(input: PickDatasetInput): Promise<DatasetItem[]> {
  const t = vscode.l10n.t;
  const found = (await vscode.workspace.findFiles(DATASET_GLOB, EXCLUDE_GLOB, MAX_FILES)).map((uri) => uri.fsPath).sort();
  const files = input.lastUsed === undefined || found.includes(input.lastUsed) ? found : [input.lastUsed, ...found];
  const probes = await probeDatasets(files, input.templateColumns === undefined ? {} : { templateColumns: input.templateColumns });
  const entries = files.map((path, i) => ({ path, probe: probes[i] as DatasetProbe }));
  const usable = entries.filter((e) => e.probe.detected !== undefined).sort((a, b) => Number(b.path === input.lastUsed) - Number(a.path === input.lastUsed));
  const others = entries.filter((e) => e.probe.detected === undefined);
  const create: DatasetItem = {
    label: `$(new-file) ${t('Create dataset…')}`,
    description: t("the prompt's columns plus answer; the model can draft inputs"),
    choice: { kind: 'create' },
    alwaysShow: true,
  };
  const browse: DatasetItem = { label: `$(folder-opened) ${t('Browse…')}`, choice: 'browse', alwaysShow: true };
  return [
    ...usable.map((e) => usableItem(e.path, e.probe, e.path === input.lastUsed)),
    ...(usable.length > 0 ? [separator(t('Or'))] : []),
    create,
    browse,
    ...(others.length > 0 ? [separator(t('Not usable as a dataset')), ...others.map((e) => unusableItem(e.path, e.probe))] : []),
  ];
}

function usableItem(path: string, probe: DatasetProbe, isLastUsed: boolean): DatasetItem {
  const t = vscode.l10n.t;
  const columns = probe.detected?.inputColumn === undefined ? probe.columns.join(', ') : `${probe.detected.inputColumn} → ${probe.detected.targetColumn}`;
  return {
    label: vscode.workspace.asRelativePath(path),
    description: isLastUsed ? t('{0} · last used with this prompt', columns) : columns,
    choice: { kind: 'file', path },
  };
}

function unusableItem(path: string, probe: DatasetProbe): DatasetItem {
  return { label: vscode.workspace.asRelativePath(path), description: probe.problem ?? '', choice: { kind: 'file', path } };
}

function separator(label: string): DatasetItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}
