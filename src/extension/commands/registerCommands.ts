import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandName } from '../commandIds';
import type { Services } from '../services';
import { evaluatePrompt } from './evaluatePrompt';
import { openPanel } from './openPanel';
import { optimizePrompt } from './optimizePrompt';
import { resumeRun } from './resumeRun';
import { selectModels } from './selectModels';
import { setApiKey } from './setApiKey';
import { showLog } from './showLog';
import { showRuns } from './showRuns';

type Handler = (...args: never[]) => unknown;

const FACTORIES: Record<CommandName, (services: Services) => Handler> = {
  optimizePrompt,
  evaluatePrompt,
  resumeRun,
  showRuns,
  setApiKey,
  selectModels,
  openPanel,
  showLog,
};

/** Registers every command of {@link COMMAND_IDS}. */
export function registerCommands(services: Services): vscode.Disposable[] {
  return (Object.keys(FACTORIES) as CommandName[]).map((name) =>
    vscode.commands.registerCommand(COMMAND_IDS[name], FACTORIES[name](services) as (...args: unknown[]) => unknown),
  );
}
