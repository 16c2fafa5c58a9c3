import * as vscode from 'vscode';
import { createPanelActions } from './actions/createPanelActions';
import { DiffDocuments } from './insertion/diffDocuments';
import { PromptLocations } from './insertion/promptLocations';
import { LiteralCache } from './editor/literalCache';
import { PromptMemory } from './dataset/promptMemory';
import { createLog } from './log';
import type { PanelActions } from './panel/panelActions';
import type { RunPanelOptions } from './panel/runPanel';
import { createRunView } from './panelWiring';
import { withApiKey } from './runs/runConfigFromSettings';
import { RunFiles } from './runs/runFiles';
import { RunLookup } from './runs/runLookup';
import { RunManager } from './runs/runManager';
import { RunStatusBar } from './runs/runStatusBar';
import type { RunView } from './runs/runView';
import { ApiKeyStore } from './secrets';
import { readSettings } from './settings';
import { PrompterSlot } from './ui/prompterSlot';

/** Everything the commands share, created once in `activate`. */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  prompter: PrompterSlot;
  apiKeys: ApiKeyStore;
  memory: PromptMemory;
  literals: LiteralCache;
  locations: PromptLocations;
  runs: RunManager;
  lookup: RunLookup;
  runFiles: () => RunFiles;
  view: RunView;
  actions: PanelActions;
  panelOptions: () => RunPanelOptions;
  /** Restores the API key into a saved run's config before resuming it. */
  patchConfig: () => Promise<(config: Parameters<typeof withApiKey>[0]) => ReturnType<typeof withApiKey>>;
}

/** Runs live in the first workspace folder's `.opro/`, or in the extension's storage without a folder. */
function runFilesFor(context: vscode.ExtensionContext): RunFiles {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return new RunFiles(folder ?? context.globalStorageUri.fsPath);
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = createLog();
  const prompter = new PrompterSlot();
  const apiKeys = new ApiKeyStore(context.secrets);
  const runFiles = (): RunFiles => runFilesFor(context);
  const lookup = new RunLookup(runFiles);
  const locations = new PromptLocations(context.workspaceState);
  const diffs = new DiffDocuments();
  const statusBar = new RunStatusBar();
  const panelOptions = (): RunPanelOptions => ({ extensionUri: context.extensionUri, log, actions });
  const view = createRunView(panelOptions);
  const runs = new RunManager({
    log,
    prompter,
    view,
    statusBar,
    files: runFiles,
    isCacheEnabled: () => readSettings().cacheEnabled,
    onRunStarted: (record, runFile) => {
      lookup.remember(record.id, runFile);
      void locations.track(record);
    },
  });
  const patchConfig: Services['patchConfig'] = async () => {
    const key = await apiKeys.get();
    return (config) => withApiKey(config, key);
  };
  const actions = createPanelActions({ prompter, locations, diffs, lookup, runs, view: () => view, patchConfig });
  context.subscriptions.push(log, locations, diffs, statusBar, runs);
  return { context, log, prompter, apiKeys, memory: new PromptMemory(context.workspaceState), literals: new LiteralCache(), locations, runs, lookup, runFiles, view, actions, panelOptions, patchConfig };
}
