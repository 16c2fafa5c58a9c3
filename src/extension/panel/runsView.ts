import { basename } from 'node:path';
import * as vscode from 'vscode';
import { listRuns, type RunSummary } from '../../core/store/listRuns';
import { readPromptSource } from '../../webview/protocol';
import type { RunManager } from '../runs/runManager';
import type { PanelHost } from './panelHost';

/** The tree view in the OPRO activity-bar container (package.json `contributes.views.opro`). */
export const RUNS_VIEW_ID = 'opro.runs';
/** Internal command behind each run item (not in the palette). */
export const OPEN_RUN_COMMAND = 'opro.openRun';
const RUNS_GLOB = '.opro/runs/*.json';
const REFRESH_DELAY_MS = 1000;

interface RunItem {
  uri: vscode.Uri;
  summary: RunSummary;
}

const STATUS_ICONS: Record<RunSummary['status'], string> = {
  running: 'sync',
  finished: 'pass',
  cancelled: 'circle-slash',
  failed: 'error',
};

function percent(score: number | undefined): string {
  return score === undefined ? '–' : `${Math.round(score * 1000) / 10}%`;
}

/** `file:line` of the prompt, else the dataset's file name. */
function labelOf(summary: RunSummary): string {
  const source = readPromptSource(summary);
  return source === undefined ? summary.dataset : `${basename(source.file)}:${source.line}`;
}

function toTreeItem({ uri, summary }: RunItem): vscode.TreeItem {
  const created = new Date(summary.createdAt);
  const date = Number.isNaN(created.getTime()) ? summary.createdAt : created.toLocaleString();
  const label = labelOf(summary);
  const item = new vscode.TreeItem(`${date}  ${label}`, vscode.TreeItemCollapsibleState.None);
  item.id = uri.toString();
  item.description = `best ${percent(summary.bestScore)} · ${summary.status}`;
  item.tooltip = `${label}\nDataset ${summary.dataset} · ${summary.candidates} candidates\n${uri.fsPath}`;
  item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[summary.status]);
  item.resourceUri = uri;
  item.command = { command: OPEN_RUN_COMMAND, title: 'Open Run', arguments: [uri] };
  return item;
}

/** Lists the workspace's runs (`.opro/runs/*.json`), newest first. */
class RunsProvider implements vscode.TreeDataProvider<RunItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: RunItem): vscode.TreeItem {
    return toTreeItem(element);
  }

  async getChildren(element?: RunItem): Promise<RunItem[]> {
    if (element !== undefined) {
      return [];
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const items = (await Promise.all(folders.map((folder) => this.runsIn(folder.uri)))).flat();
    return items.sort((a, b) => b.summary.createdAt.localeCompare(a.summary.createdAt));
  }

  /** Reads the run headers only (a paper-scale run's header is a few kilobytes). */
  private async runsIn(folder: vscode.Uri): Promise<RunItem[]> {
    const dir = vscode.Uri.joinPath(folder, '.opro', 'runs');
    const summaries = await listRuns(dir.fsPath, (file, reason) => this.log.debug(`Runs view: skipped ${file}: ${reason}`));
    return summaries.map((summary) => ({ uri: vscode.Uri.file(summary.file), summary }));
  }
}

export interface RunsViewDeps {
  log: vscode.LogOutputChannel;
  panel: Pick<PanelHost, 'showRunFile'>;
  /** Runs of this window; runs of other processes (the CLI) are seen through the file watcher. */
  runs: Pick<RunManager, 'onDidChangeRun'>;
}

/** Registers the Runs view, its refresh on run events and file changes, and the command that opens a run in the panel. */
export function registerRunsView(deps: RunsViewDeps): vscode.Disposable {
  const provider = new RunsProvider(deps.log);
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${RUNS_GLOB}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A live run saves after every candidate: refresh at most once a second.
  const refreshSoon = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined;
      provider.refresh();
    }, REFRESH_DELAY_MS);
  };
  return vscode.Disposable.from(
    vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: false }),
    watcher,
    watcher.onDidCreate(refreshSoon),
    watcher.onDidChange(refreshSoon),
    watcher.onDidDelete(refreshSoon),
    deps.runs.onDidChangeRun(refreshSoon),
    vscode.commands.registerCommand(OPEN_RUN_COMMAND, async (uri: unknown) => {
      if (uri instanceof vscode.Uri) {
        await deps.panel.showRunFile(uri.fsPath);
      }
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
