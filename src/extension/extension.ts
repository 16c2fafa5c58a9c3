import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { trackCanOptimize } from './editor/canOptimizeContext';
import { CODE_LENS_SELECTOR, PromptCodeLensProvider } from './editor/promptCodeLens';
import { createExtensionApi, type OproExtensionApi } from './extensionApi';
import { registerMcpServer } from './mcp/mcpServerProvider';
import { registerRunsView } from './panel/runsView';
import { createServices } from './services';
import { affectsSettings } from './settings';
import { registerTools } from './tools/registerTools';

/**
 * Creates the services, registers commands, the CodeLens, the editor context key, the Runs view, the
 * language model tools and the MCP server. Returns the test API only to the VS Code tests
 * (`ExtensionMode.Test`): any other extension that activates this one gets `undefined`, never the
 * services or the key store.
 */
export function activate(context: vscode.ExtensionContext): OproExtensionApi | undefined {
  const services = createServices(context);
  const codeLens = new PromptCodeLensProvider(services.literals);
  context.subscriptions.push(
    ...registerCommands(services),
    vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, codeLens),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) {
        codeLens.refresh();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => services.literals.forget(document)),
    trackCanOptimize(services.literals),
    registerRunsView({ log: services.log, panel: services.panel, runs: services.runs }),
    ...registerTools(services),
    registerMcpServer(services.mcpServer),
  );
  services.log.info(`OPRO activated (VS Code ${vscode.version})`);
  return context.extensionMode === vscode.ExtensionMode.Test ? createExtensionApi(services) : undefined;
}

export function deactivate(): void {
  // Disposing the subscriptions cancels live runs; what finished stays saved and can be resumed.
}
