import * as vscode from 'vscode';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';

export const EXTENSION_ID = 'opro-dev.opro-prompt-optimizer';

/** Activates the extension under test and returns what `activate` returned. */
export async function oproApi(): Promise<OproExtensionApi> {
  const extension = vscode.extensions.getExtension<OproExtensionApi>(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return extension.activate();
}
