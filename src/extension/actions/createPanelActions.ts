import * as vscode from 'vscode';
import { scoreUserInstruction } from '../../core/engine';
import type { PanelActions } from '../panel/panelActions';
import { insertInstruction } from '../insertion/insertInstruction';
import type { DiffDocuments } from '../insertion/diffDocuments';
import type { PromptLocations } from '../insertion/promptLocations';
import { exportRun } from '../runs/exportRun';
import type { RunLookup } from '../runs/runLookup';
import type { RunManager } from '../runs/runManager';
import type { RunView } from '../runs/runView';
import type { Prompter } from '../ui/prompter';

export interface PanelActionDeps {
  prompter: Prompter;
  locations: PromptLocations;
  diffs: DiffDocuments;
  lookup: RunLookup;
  runs: RunManager;
  view: () => RunView;
  /** Restores the API key into a saved run's config. */
  patchConfig: () => Promise<Parameters<RunManager['resume']>[1]>;
}

/** What the panel's buttons do (the panel validates messages and calls these). */
export function createPanelActions(deps: PanelActionDeps): PanelActions {
  const t = vscode.l10n.t;
  return {
    insert: async (runId, text) => insertInstruction(deps, await deps.lookup.read(runId), text),
    copy: async (text) => vscode.env.clipboard.writeText(text),
    showDiff: async (runId, text) => {
      const record = await deps.lookup.read(runId);
      const original = typeof record.meta?.originalText === 'string' ? record.meta.originalText : (record.config.seedInstructions[0] ?? '');
      await deps.diffs.show(original, text, t('OPRO: original prompt ↔ candidate'));
    },
    stop: async (runId) => {
      if (!deps.runs.stop(runId)) {
        throw new Error(t('This run is not running in this window.'));
      }
    },
    resume: async (runId) => {
      if (deps.runs.isLive(runId)) {
        throw new Error(t('This run is already running.'));
      }
      void deps.runs.resume(await deps.lookup.fileOf(runId), await deps.patchConfig());
    },
    scoreInstruction: async (runId, text) => {
      if (deps.runs.queueInstruction(runId, text)) {
        return;
      }
      const runFile = await deps.lookup.fileOf(runId);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('OPRO: scoring your instruction'), cancellable: true }, async (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        await scoreUserInstruction(runFile, text, { ...deps.runs.engineDeps(), patchConfig: await deps.patchConfig() }, controller.signal);
      });
      deps.view().show(await deps.lookup.read(runId), runFile);
    },
    openExample: async (runId, exampleIndex) => {
      const record = await deps.lookup.read(runId);
      const example = record.examples.find((e) => e.index === exampleIndex);
      if (example === undefined) {
        throw new Error(t('The run has no example {0}.', exampleIndex));
      }
      const line = Math.max(0, example.line - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(record.dataset.file), { selection: new vscode.Range(line, 0, line, 0), preview: true });
    },
    exportRun: async (runId, format) => exportRun(deps.prompter, await deps.lookup.read(runId), format),
  };
}
