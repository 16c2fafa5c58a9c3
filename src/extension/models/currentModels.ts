import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets';
import { readSettings } from '../settings';
import { isEndpointUp, listEndpointModels } from './endpointModels';
import { resolveModels, type ModelSetup } from './resolveModels';

/** Resolves the models from the current settings, the stored key and what answers right now. */
export async function currentModelSetup(apiKeys: ApiKeyStore): Promise<ModelSetup> {
  const apiKey = await apiKeys.get();
  return resolveModels(readSettings(), {
    apiKey,
    listVsCodeModels: async () => (await vscode.lm.selectChatModels()).map((model) => model.id),
    listEndpointModels: (baseUrl, timeoutMs) => listEndpointModels(baseUrl, { ...(apiKey === undefined ? {} : { apiKey }), timeoutMs }),
    isEndpointUp,
  });
}
