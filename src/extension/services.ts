import * as vscode from 'vscode';
import { PromptMemory } from './dataset/promptMemory';
import { LiteralCache } from './editor/literalCache';
import { DiffDocuments } from './insertion/diffDocuments';
import { PromptLocations } from './insertion/promptLocations';
import { createLog } from './log';
import { OproMcpServerProvider } from './mcp/mcpServerProvider';
import { createPanelController } from './panel/createPanelController';
import type { PanelController } from './panel/panelController';
import { PanelHost } from './panel/panelHost';
import { RunManager } from './runs/runManager';
import { RunStatusBar } from './runs/runStatusBar';
import { ApiKeyStore } from './secrets';
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
  /** Starts, resumes and stops runs; publishes their events. */
  runs: RunManager;
  /** What the panel's controls do (the panel and the "Insert Best" toast use it). */
  controller: PanelController;
  panel: PanelHost;
  /** Offers `opro mcp` to VS Code's MCP support (registered in `activate`). */
  mcpServer: OproMcpServerProvider;
}

/** Creates the services in dependency order; each subscribes to the run manager's events itself. */
export function createServices(context: vscode.ExtensionContext): Services {
  const log = createLog();
  const prompter = new PrompterSlot();
  const apiKeys = new ApiKeyStore(context.secrets);
  const locations = new PromptLocations(context.workspaceState);
  const diffs = new DiffDocuments();
  const runs = new RunManager({ log, prompter, apiKeys, storageRoot: context.globalStorageUri.fsPath });
  const controller = createPanelController({ prompter, locations, diffs, runs });
  const panel = new PanelHost({ extensionUri: context.extensionUri, log, controller, runs });
  const tracking = runs.onDidChangeRun(({ event }) => {
    if (event.type === 'runStarted') {
      void locations.track(event.record);
    }
  });
  const mcpServer = new OproMcpServerProvider({ extensionPath: context.extensionPath, version: String(context.extension.packageJSON.version), storageRoot: context.globalStorageUri.fsPath, apiKeys, log });
  context.subscriptions.push(log, locations, diffs, runs, panel, tracking, new RunStatusBar(runs), mcpServer);
  return { context, log, prompter, apiKeys, memory: new PromptMemory(context.workspaceState), literals: new LiteralCache(), locations, runs, controller, panel, mcpServer };
}
