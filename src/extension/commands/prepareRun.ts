import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import type { Position } from '../../core/prompt/position';
import { hasPlaceholders, placeholdersOf } from '../../core/prompt/template';
import { askPosition } from '../dataset/askPosition';
import { settleColumns } from '../dataset/askColumns';
import { pickDataset } from '../dataset/pickDataset';
import { promptAtCursor, sourceOf, type EditorPrompt, type PromptLocator } from '../editor/promptAtCursor';
import { promptMeta } from '../insertion/promptSource';
import { checkEndpoint } from '../models/checkEndpoint';
import { currentModelSetup } from '../models/currentModels';
import { VSCODE_LM_PROVIDER } from '../models/providerPresets';
import { runConfigFromSettings } from '../runs/runConfigFromSettings';
import { resolveScoring, type Scoring } from '../runs/scoringSettings';
import type { Services } from '../services';
import { readSettings, type Settings } from '../settings';

/** Arguments the optimize and evaluate commands accept (from a CodeLens, a keybinding or a test). */
export interface PromptCommandArgs extends PromptLocator {
  /** Skips the dataset question. */
  datasetPath?: string;
  /** Skips the position question. */
  position?: Position;
}

export interface PreparedRun {
  prompt: EditorPrompt;
  config: RunConfig;
  meta: Record<string, unknown>;
}

/**
 * Everything before a run: the prompt at the cursor, the models, then only the questions the engine
 * cannot answer (dataset, columns it cannot detect, position), each remembered for next time.
 * Undefined when there is no prompt or the user cancels; errors are thrown for the command to report.
 */
export async function prepareRun(services: Services, args: PromptCommandArgs = {}): Promise<PreparedRun | undefined> {
  const prompt = await promptAtCursor(services.literals, args);
  if (prompt === undefined) {
    await services.prompter.showMessage('info', vscode.l10n.t('Select a prompt, or put the cursor in a string literal, to optimize it.'));
    return undefined;
  }
  const models = await currentModelSetup({ apiKeys: services.apiKeys, ask: services });
  await checkEndpoint(models);
  const settings = readSettings(prompt.document.uri);
  const scoring = await currentScoring(settings, prompt.document.uri);
  const value = prompt.target.value;
  const uri = prompt.document.uri.toString();
  const remembered = services.memory.forPrompt(value, uri);
  const datasetPath = args.datasetPath ?? (await pickDataset(services.prompter, remembered.dataset));
  if (datasetPath === undefined) {
    return undefined;
  }
  const overrides = { ...(settings.inputColumn ? { inputColumn: settings.inputColumn } : {}), ...(settings.targetColumn ? { targetColumn: settings.targetColumn } : {}) };
  const known = { ...services.memory.forDataset(datasetPath), ...overrides };
  const columns = await settleColumns(datasetPath, { ...known, ...(hasPlaceholders(value) ? { templateColumns: placeholdersOf(value) } : {}) }, services.prompter);
  if (columns === undefined) {
    return undefined;
  }
  const position = await choosePosition(services, { value, setting: settings.position, asked: args.position ?? remembered.position });
  if (position === null) {
    return undefined;
  }
  await services.memory.rememberPrompt(value, uri, { dataset: datasetPath, ...(position === undefined ? {} : { position }) });
  await services.memory.rememberDataset(datasetPath, columns);
  const config = runConfigFromSettings({ prompt: value, dataset: { path: datasetPath, ...columns }, position, settings, models, scoring });
  logVsCodeModels(services, config);
  return { prompt, config, meta: promptMeta(sourceOf(prompt), value) };
}

/** Names the VS Code models a run uses, and how a system message reaches them (the API has no system role). */
function logVsCodeModels(services: Services, config: RunConfig): void {
  if (config.scorer.provider !== VSCODE_LM_PROVIDER) {
    return;
  }
  const name = (model: RunConfig['scorer']): string => `${model.label ?? model.model} (${model.model})`;
  services.log.info(`VS Code language models: scorer ${name(config.scorer)}, optimizer ${name(config.optimizer)}`);
  if (config.position === 'system' || config.grader?.kind === 'judge') {
    services.log.info("VS Code's language model API has no system role: system messages go out as a user message of their own, first.");
  }
}

/** Reads the grader's files now, so a missing rubric or scorer stops the command before any question. */
function currentScoring(settings: Settings, uri: vscode.Uri): Promise<Scoring> {
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  return resolveScoring(settings, {
    workspaceRoot: folder?.uri.fsPath,
    isTrusted: vscode.workspace.isTrusted,
    readText: (file) => readFile(file, 'utf8'),
    isFile: (file) => stat(file).then((s) => s.isFile(), () => false),
  });
}

/** The setting wins; a template decides itself (undefined); else the remembered answer, else ask. null = cancelled. */
async function choosePosition(
  services: Services,
  input: { value: string; setting: Position | 'auto'; asked: Position | undefined },
): Promise<Position | undefined | null> {
  if (input.setting !== 'auto') {
    return input.setting;
  }
  if (hasPlaceholders(input.value)) {
    return undefined;
  }
  return input.asked ?? (await askPosition(services.prompter, undefined)) ?? null;
}
