import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import type { RunProgress } from './progressText';
import type { RunActivity, RunManager } from './runManager';

const ENDED = new Set(['runFinished', 'runCancelled', 'runFailed']);

/** A status-bar item while a run is live: its step and best score; a click opens the panel. Follows the run manager. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opro.run', vscode.StatusBarAlignment.Left, 50);
  private readonly shown = new Map<string, RunProgress>();
  private readonly subscription: vscode.Disposable;

  constructor(runs: Pick<RunManager, 'onDidChangeRun'>) {
    this.item.name = vscode.l10n.t('OPRO Run');
    this.subscription = runs.onDidChangeRun((activity) => this.follow(activity));
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private follow({ runId, event, progress, isLive }: RunActivity): void {
    if (!isLive) {
      return;
    }
    if (ENDED.has(event.type)) {
      this.shown.delete(runId);
      const [next] = this.shown.entries();
      if (next === undefined) {
        this.item.hide();
      } else {
        this.render(...next);
      }
      return;
    }
    this.shown.set(runId, progress);
    this.render(runId, progress);
  }

  private render(runId: string, progress: RunProgress): void {
    const step = progress.step === 0 ? '…' : `${progress.step}/${progress.totalSteps}`;
    const best = progress.bestScore === undefined ? '' : ` · ${Math.round(progress.bestScore * 100)}%`;
    this.item.text = `$(loading~spin) OPRO ${step}${best}`;
    this.item.tooltip = vscode.l10n.t('OPRO is optimizing a prompt. Click to open the panel.');
    this.item.command = { title: vscode.l10n.t('Open Panel'), command: COMMAND_IDS.openPanel, arguments: [{ runId }] };
    this.item.show();
  }
}
