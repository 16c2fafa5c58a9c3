import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

/** The folder the tests run in (a fresh copy of examples/workspace made by the harness). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    throw new Error('The VS Code tests need a workspace folder (the harness opens a copy of examples/workspace).');
  }
  return folder.uri.fsPath;
}

export function workspacePath(relative: string): string {
  return join(workspaceRoot(), relative);
}

export const DATASET = 'data/arithmetic.jsonl';

/**
 * Writes `marked` to a workspace file and opens it with the cursor at `|`, or the selection between
 * `[` and `]` (the markers are removed).
 */
export async function openMarked(relative: string, marked: string): Promise<vscode.TextEditor> {
  const cursor = marked.indexOf('|');
  const text = marked.replace(cursor >= 0 ? '|' : /[[\]]/g, '');
  const [start, end] = cursor >= 0 ? [cursor, cursor] : [marked.indexOf('['), marked.indexOf(']') - 1];
  const file = workspacePath(relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
  return editor;
}

/** Sets `opro.*` settings in the workspace (undefined removes one). */
export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('opro');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key.replace(/^opro\./, ''), value, vscode.ConfigurationTarget.Workspace);
  }
}

/** Closes every editor, discarding unsaved changes. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
