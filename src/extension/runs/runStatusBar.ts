import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import type { RunProgress } from './progressText';

/** A status-bar item while a run is live: its step and best score; a click opens the panel. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opro.run', vscode.StatusBarAlignment.Left, 50);
  private readonly shown = new Map<string, RunProgress>();

  constructor() {
    this.item.name = vscode.l10n.t('OPRO Run');
  }

  update(runId: string, progress: RunProgress): void {
    this.shown.set(runId, progress);
    this.render(runId, progress);
  }

  remove(runId: string): void {
    this.shown.delete(runId);
    const [next] = this.shown.entries();
    if (next === undefined) {
      this.item.hide();
    } else {
      this.render(...next);
    }
  }

  dispose(): void {
    this.item.dispose();
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
