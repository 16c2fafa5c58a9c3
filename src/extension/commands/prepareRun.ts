import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { RunConfig } from '../../core/config';
import { OproError } from '../../core/errors';
import type { Position } from '../../core/prompt/position';
import { promptAtCursor, sourceOf, type EditorPrompt, type PromptLocator } from '../editor/promptAtCursor';
import { promptMeta } from '../insertion/promptSource';
import { checkEndpoint } from '../models/checkEndpoint';
import { currentModelSetup } from '../models/currentModels';
import { VSCODE_LM_PROVIDER } from '../models/providerPresets';
import { runConfigFromSettings } from '../runs/runConfigFromSettings';
import { resolveScoring, type Scoring } from '../runs/scoringSettings';
import type { Services } from '../services';
import { readSettings, type Settings } from '../settings';
import { unattendedPrompter } from '../ui/unattendedPrompter';
import { askChoices, explainHint, type PromptInput } from './runChoices';

/** Arguments the optimize and evaluate commands accept (from a CodeLens, a keybinding, a test or a language model tool). */
export interface PromptCommandArgs extends PromptLocator {
  /** Skips the dataset question. */
  datasetPath?: string;
  /** Skips the position question (and, from a tool, wins over the setting). */
  position?: Position;
  /** Skip the column questions. */
  inputColumn?: string;
  targetColumn?: string;
  /** Overrides `opro.steps`. */
  steps?: number;
  /** A language model tool runs it: nothing is asked; what only a question could settle is an error naming the argument. */
  isUnattended?: boolean;
}

export interface PrepareHooks {
  /** Called once a prompt is found, before any question (the optimize command opens the panel then). */
  onPrompt?: () => void;
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
export async function prepareRun(services: Services, args: PromptCommandArgs = {}, hooks: PrepareHooks = {}): Promise<PreparedRun | undefined> {
  const prompt = await promptAtCursor(services.literals, args);
  if (prompt === undefined) {
    const message = vscode.l10n.t('Select a prompt, or put the cursor in a string literal, to optimize it.');
    if (args.isUnattended === true) {
      throw new OproError('config', message);
    }
    await services.prompter.showMessage('info', message);
    return undefined;
  }
  hooks.onPrompt?.();
  const value = prompt.target.value;
  explainHint(services, { target: prompt.target, uri: prompt.document.uri });
  const config = await prepareConfig(services, { value, uri: prompt.document.uri, target: prompt.target }, args);
  return config && { prompt, config, meta: promptMeta(sourceOf(prompt), value) };
}

/**
 * The run config for a prompt (`value`, from the document `uri` when it lives in one): models,
 * scoring, dataset, columns and position, asking only what cannot be known (never when unattended).
 */
export async function prepareConfig(services: Services, prompt: PromptInput, args: PromptCommandArgs): Promise<RunConfig | undefined> {
  const isUnattended = args.isUnattended === true;
  const prompter = isUnattended ? unattendedPrompter(services.prompter) : services.prompter;
  const models = await currentModelSetup({ apiKeys: services.apiKeys, ask: { prompter, log: services.log } });
  await checkEndpoint(models);
  const { value } = prompt;
  const sourceUri = prompt.uri?.toString();
  const settings = readSettings(prompt.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri);
  const scoring = await currentScoring(settings, prompt.uri);
  const remembered = services.memory.forPrompt(value, sourceUri);
  const given = { ...args, isUnattended };
  const choices = await askChoices(services, { prompt, prompter, settings, models, remembered, given });
  if (choices === undefined) {
    return undefined;
  }
  const { dataset, position } = choices;
  await services.memory.rememberPrompt(value, sourceUri, { dataset: dataset.path, ...(position === undefined ? {} : { position }) });
  const config = runConfigFromSettings({ prompt: value, dataset, position, settings, models, scoring });
  logVsCodeModels(services, config);
  return args.steps === undefined ? config : { ...config, steps: args.steps };
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
function currentScoring(settings: Settings, uri: vscode.Uri | undefined): Promise<Scoring> {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  return resolveScoring(settings, {
    workspaceRoot: folder?.uri.fsPath,
    isTrusted: vscode.workspace.isTrusted,
    readText: (file) => readFile(file, 'utf8'),
    isFile: (file) => stat(file).then((s) => s.isFile(), () => false),
  });
}
