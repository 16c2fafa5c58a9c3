import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * "OPRO: Set API Key": a password box; the key goes to SecretStorage only. An empty answer removes
 * the stored key (the `OPENAI_API_KEY` fallback then applies). Resolves with what happened.
 */
export function setApiKey(services: Services) {
  return async (): Promise<'stored' | 'cleared' | undefined> => {
    const t = vscode.l10n.t;
    const isStored = await services.apiKeys.isStored();
    const key = await services.prompter.input({
      title: t('OPRO: API key'),
      prompt: isStored ? t('A key is stored. Enter a new one, or leave empty to remove it.') : t('The key for your OpenAI-compatible endpoint or Azure OpenAI. It is kept in VS Code\'s secret storage.'),
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-…',
    });
    if (key === undefined) {
      return undefined;
    }
    if (key.trim() === '') {
      await services.apiKeys.clear();
      services.log.info('API key removed from secret storage');
      return 'cleared';
    }
    await services.apiKeys.set(key);
    services.log.info('API key stored in secret storage');
    return 'stored';
  };
}
