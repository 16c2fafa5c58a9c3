import { join } from 'node:path';
import * as vscode from 'vscode';
import { MCP_PROVIDER_ID } from '../agentIds';
import { currentModelSetup } from '../models/currentModels';
import type { ApiKeyStore } from '../secrets';
import { affectsSettings, readSettings } from '../settings';
import { mcpLaunch } from './mcpServerArgs';

export interface McpProviderDeps {
  extensionPath: string;
  version: string;
  /** Where the server works (saves runs) when no folder is open: the extension's global storage. */
  storageRoot: string;
  apiKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
}

/**
 * Offers `opro mcp` (the bundled CLI, run by the editor's own Node) to VS Code's MCP support, so any
 * chat that uses MCP tools gets optimize, evaluate, resume and show-run. Listing it is cheap and
 * holds no secret; the models and the key from SecretStorage are filled in only when VS Code starts
 * the server (`resolveMcpServerDefinition`), into its environment. Settings or key changes refresh it.
 */
export class OproMcpServerProvider implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changes.event;
  private readonly watchers: vscode.Disposable[];

  constructor(private readonly deps: McpProviderDeps) {
    this.watchers = [
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event) && this.changes.fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changes.fire()),
      deps.apiKeys.onDidChange(() => this.changes.fire()),
    ];
  }

  provideMcpServerDefinitions(): vscode.McpStdioServerDefinition[] {
    const cli = join(this.deps.extensionPath, 'dist', 'cli.js');
    // In the desktop editor process.execPath is Electron; this makes it behave as Node.
    const server = new vscode.McpStdioServerDefinition('OPRO', process.execPath, [cli, 'mcp'], { ELECTRON_RUN_AS_NODE: '1' }, this.deps.version);
    server.cwd = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(this.deps.storageRoot);
    return [server];
  }

  async resolveMcpServerDefinition(server: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
    const models = await currentModelSetup({ apiKeys: this.deps.apiKeys }).catch((err: unknown) => {
      this.deps.log.warn(`MCP server: no models from the settings (${err instanceof Error ? err.message : String(err)}); it uses OPENAI_API_KEY and OPENAI_BASE_URL from the environment`);
      return undefined;
    });
    if (server.cwd !== undefined) {
      await vscode.workspace.fs.createDirectory(server.cwd);
    }
    const launch = mcpLaunch(readSettings(server.cwd), models);
    if (launch.warning !== undefined) {
      this.deps.log.warn(`MCP server: ${launch.warning}`);
    }
    server.args = [...server.args.slice(0, 2), ...launch.args];
    server.env = { ...server.env, ...launch.env };
    this.deps.log.info(`MCP server: starting opro mcp ${launch.args.join(' ')}`);
    return server;
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.changes.dispose();
  }
}

/** Registers the provider with VS Code under the id package.json declares. */
export function registerMcpServer(provider: OproMcpServerProvider): vscode.Disposable {
  return vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider);
}
