import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { EXTENSION_ID, oproApi } from '../support/extension';
import { closeAllEditors, openMarked, setSettings } from '../support/workspace';

describe('activation', () => {
  after(closeAllEditors);

  it('activates in a real VS Code and registers every command of package.json', async () => {
    await oproApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, ui kind ${vscode.env.uiKind})`);
  });

  it('shows an "Optimize prompt" CodeLens on prompt-like literals only, and none when turned off', async () => {
    const editor = await openMarked(
      'scripts/lens.py',
      "user_id = 'user-42'\nprompt = 'You are a helpful assistant. Answer every question in one short sentence.'|\n",
    );
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const ours = lenses.filter((l) => l.command?.command === COMMAND_IDS.optimizePrompt);
    assert.deepEqual(ours.map((l) => l.range.start.line), [1]);
    await setSettings({ 'codeLens.enabled': false });
    try {
      const after = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
      assert.equal(after.filter((l) => l.command?.command === COMMAND_IDS.optimizePrompt).length, 0);
    } finally {
      await setSettings({ 'codeLens.enabled': undefined });
    }
  });
});
