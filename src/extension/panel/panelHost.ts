import * as vscode from 'vscode';
import type { RunView } from '../../core/runView';
import type { RunActivity, RunManager } from '../runs/runManager';
import { RunPanel } from './runPanel';
import { registerRunPanelSerializer, showRunFile, type RunFileOptions } from './runPanelSerializer';

export interface PanelHostOptions extends RunFileOptions {
  runs: Pick<RunManager, 'onDidChangeRun'>;
}

/**
 * The results panel as the rest of the extension uses it. It follows the run manager's events (a
 * started run opens the panel on it) and restores the panel after a reload.
 */
export class PanelHost implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly options: PanelHostOptions) {
    this.disposables = [registerRunPanelSerializer(options), options.runs.onDidChangeRun((activity) => this.follow(activity))];
  }

  /** Opens the panel beside the editor on a run already read. */
  show(record: RunView, runFile: string): void {
    RunPanel.createOrShow(this.options).showRun(record, { runFile });
  }

  /** Opens the panel on a run file, or says in the panel why it cannot. */
  showRunFile(runFile: string): Promise<void> {
    return showRunFile(RunPanel.createOrShow(this.options), runFile, this.options);
  }

  /**
   * Opens the panel ahead of a run, while the user still answers its questions: VS Code loads a new
   * webview in seconds on a busy machine (its service worker first), and that now overlaps the
   * questions instead of following them. `discard` closes a panel opened here that got no run.
   */
  prepare(): { discard(): void } {
    const isNew = RunPanel.currentPanel === undefined;
    const panel = RunPanel.createOrShow(this.options);
    if (isNew) {
      panel.notify('info', vscode.l10n.t('Preparing the run: it shows here once the questions are answered.'));
    }
    return {
      discard: () => {
        if (isNew && !panel.hasRun) {
          panel.dispose();
        }
      },
    };
  }

  /** Opens the panel with nothing to show yet. */
  showEmpty(): void {
    RunPanel.createOrShow(this.options).notify('info', vscode.l10n.t('No run to show yet: run "OPRO: Optimize Prompt" on a prompt.'));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private follow({ runId, runFile, event, showsPanel }: RunActivity): void {
    if (event.type === 'runStarted') {
      if (!showsPanel) {
        return;
      }
      RunPanel.createOrShow(this.options).pushEvent(event, { runId, runFile });
    } else {
      RunPanel.currentPanel?.pushEvent(event, { runId });
    }
  }
}
