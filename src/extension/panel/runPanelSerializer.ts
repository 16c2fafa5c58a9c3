import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunView } from '../../core/runView';
import { readSavedView } from '../runs/savedRuns';
import { parsePanelState } from '../../webview/protocol';
import { RunPanel, type RunPanelOptions } from './runPanel';

export interface RunFileOptions extends RunPanelOptions {
  /** Reads and checks a run's light view. @default `readSavedView` (core's reader, kept for the clicks that follow) */
  readRun?: (runFile: string) => Promise<RunView>;
}

/** The state is written by the webview, so its path is only trusted to name a run file. */
function isRunFilePath(file: string): boolean {
  return path.isAbsolute(file) && file.endsWith('.json');
}

/** Opens a run file in the panel (beside the editor), or says in the panel why it cannot. */
export async function showRunFile(panel: RunPanel, runFile: string, options: RunFileOptions): Promise<void> {
  if (!isRunFilePath(runFile)) {
    panel.notify('error', 'The panel’s saved run is not a run file; open a run from the OPRO Runs view.');
    return;
  }
  try {
    const record = await (options.readRun ?? readSavedView)(runFile);
    panel.showRun(record, { runFile });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    options.log.warn(`Run panel: could not read ${runFile}: ${message}`);
    panel.notify('error', `Could not open the run ${path.basename(runFile)}: ${message}`);
  }
}

/** Restores the panel after a window reload (activation event `onWebviewPanel:opro.panel`). */
export function registerRunPanelSerializer(options: RunFileOptions): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(RunPanel.viewType, {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const panel = RunPanel.revive(webviewPanel, options);
      const { runFile } = parsePanelState(state);
      if (runFile === undefined) {
        panel.notify('info', 'No run to show yet: optimize a prompt, or open a run from the OPRO Runs view.');
        return;
      }
      await showRunFile(panel, runFile, options);
    },
  });
}
