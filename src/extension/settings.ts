import * as vscode from 'vscode';
import { SETTING_KEYS, type SettingName } from './settingKeys';
import { normalizeSettings, type Settings } from './settingValues';

export type { Settings } from './settingValues';

/** The only place that reads `opro.*` settings. Values are normalized to typed defaults. */
export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration('opro', scope);
  return normalizeSettings((key) => config.get(key.slice('opro.'.length)));
}

/** Writes one setting: to the workspace when a folder is open, else to the user settings. */
export async function updateSetting(name: SettingName, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('opro').update(SETTING_KEYS[name].slice('opro.'.length), value, target);
}

/** True when a configuration change touches any `opro.*` setting. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('opro');
}
