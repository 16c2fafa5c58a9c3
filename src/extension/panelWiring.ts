import * as vscode from 'vscode';
import { RunPanel, type RunPanelOptions } from './panel/runPanel';
import { registerRunPanelSerializer } from './panel/runPanelSerializer';
import { registerRunsView } from './panel/runsView';
import type { RunView } from './runs/runView';

/** The results panel as the run manager sees it. */
export function createRunView(options: () => RunPanelOptions): RunView {
  return {
    show: (record, runFile) => RunPanel.createOrShow(options()).showRun(record, runFile === undefined ? {} : { runFile }),
    push: (event, runFile) => {
      if (event.type === 'runStarted') {
        RunPanel.createOrShow(options()).pushEvent(event, runFile);
      } else {
        RunPanel.currentPanel?.pushEvent(event);
      }
    },
    showEmpty: () => RunPanel.createOrShow(options()).notify('info', vscode.l10n.t('No run to show yet: run "OPRO: Optimize Prompt" on a prompt.')),
  };
}

/** Restores the panel after a reload and lists saved runs in the Runs view. */
export function registerPanel(options: RunPanelOptions): vscode.Disposable {
  return vscode.Disposable.from(registerRunPanelSerializer(options), registerRunsView(options));
}
