import * as vscode from 'vscode';
import { readRunExamples } from '../../core/store/readRun';
import type { DiffDocuments } from '../insertion/diffDocuments';
import { insertInstruction } from '../insertion/insertInstruction';
import type { PromptLocations } from '../insertion/promptLocations';
import { exportRun } from '../runs/exportRun';
import type { RunManager } from '../runs/runManager';
import type { Prompter } from '../ui/prompter';
import type { PanelController, PromptRef } from './panelController';
import { readCandidateDetails, readStepDetailsValue } from './runDetails';
import { candidatePromptText } from './candidatePromptText';

export interface PanelControllerDeps {
  prompter: Prompter;
  locations: PromptLocations;
  diffs: DiffDocuments;
  runs: RunManager;
}

/** The text a prompt control acts on: the candidate's whole prompt when it has demonstrations, else `text`. */
async function promptText(runs: RunManager, runId: string, prompt: PromptRef): Promise<string> {
  return prompt.candidateId === undefined ? prompt.text : candidatePromptText(await runs.fileOf(runId), prompt.candidateId, prompt.text);
}

/** The controller the extension gives the panel: runs go through the run manager, code edits through `insertion/`. */
export function createPanelController(deps: PanelControllerDeps): PanelController {
  const t = vscode.l10n.t;
  const { runs } = deps;
  return {
    insert: async (runId, prompt) => insertInstruction(deps, await runs.readView(runId), await promptText(runs, runId, prompt)),
    copy: async (prompt) => vscode.env.clipboard.writeText(prompt.runId === undefined ? prompt.text : await promptText(runs, prompt.runId, prompt)),
    showDiff: async (runId, prompt) => {
      const record = await runs.readView(runId);
      const text = await promptText(runs, runId, prompt);
      const original = typeof record.meta?.originalText === 'string' ? record.meta.originalText : (record.config.seedInstructions[0] ?? '');
      await deps.diffs.show(original, text, t('OPRO: original prompt ↔ candidate'));
    },
    stop: async (runId) => {
      if (!runs.stop(runId)) {
        throw new Error(t('This run is not running in this window.'));
      }
    },
    resume: async (runId) => {
      if (runs.isLive(runId)) {
        throw new Error(t('This run is already running.'));
      }
      void runs.resume(await runs.fileOf(runId));
    },
    scoreInstruction: (runId, text) => runs.scoreInstruction(runId, text),
    openExample: async (runId, exampleIndex) => {
      const record = await runs.readView(runId);
      const { examples } = await readRunExamples(await runs.fileOf(runId));
      const example = examples.find((e) => e.index === exampleIndex);
      if (example === undefined) {
        throw new Error(t('The run has no example {0}.', exampleIndex));
      }
      const line = Math.max(0, example.line - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(record.dataset.file), { selection: new vscode.Range(line, 0, line, 0), preview: true });
    },
    exportRun: async (runId, format) => exportRun(deps.prompter, await runs.read(runId), format),
    candidateDetails: async (runId, candidateId) => readCandidateDetails(await runs.fileOf(runId), candidateId),
    stepDetails: async (runId, step) => readStepDetailsValue(await runs.fileOf(runId), step),
  };
}
