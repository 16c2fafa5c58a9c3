import * as vscode from 'vscode';
import type { OproExtensionApi } from '../../../src/extension/extensionApi';

export const EXTENSION_ID = 'opro-dev.opro-prompt-optimizer';

/** Activates the extension under test and returns what `activate` returned (its test API: these tests run in `ExtensionMode.Test`). */
export async function oproApi(): Promise<OproExtensionApi> {
  const extension = vscode.extensions.getExtension<OproExtensionApi | undefined>(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  const api = await extension.activate();
  if (api === undefined) {
    throw new Error(`${EXTENSION_ID} returned no test API: the extension host is not in ExtensionMode.Test`);
  }
  return api;
}
