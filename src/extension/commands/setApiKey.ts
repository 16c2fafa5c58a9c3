import * as vscode from 'vscode';
import type { Services } from '../services';

/**
 * "OPRO: Set API Key": a password box; the key goes to SecretStorage only, and a toast confirms it.
 * When a key is stored, it first asks whether to replace or remove it; an empty box never removes
 * anything. Resolves with what happened (undefined: nothing changed).
 */
export function setApiKey(services: Services) {
  return async (): Promise<'stored' | 'cleared' | undefined> => {
    const t = vscode.l10n.t;
    if (await services.apiKeys.isStored()) {
      const action = await askStoredKeyAction(services);
      if (action === 'remove') {
        await services.apiKeys.clear();
        services.log.info('API key removed from secret storage');
        const fallback = services.apiKeys.hasEnvironmentKey() ? t('OPRO now uses OPENAI_API_KEY from the environment.') : t('OPRO has no key now.');
        void services.prompter.showMessage('info', `${t('The API key was removed from VS Code\'s secret storage.')} ${fallback}`);
        return 'cleared';
      }
      if (action === undefined) {
        return undefined;
      }
    }
    const key = await services.prompter.input({
      title: t('OPRO: API key'),
      prompt: t("The key for your OpenAI-compatible endpoint or Azure OpenAI. It is kept in VS Code's secret storage."),
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-…',
      validateInput: (value) => (value.trim() === '' ? t('Enter a key, or press Escape to leave things as they are.') : undefined),
    });
    if (key === undefined || key.trim() === '') {
      return undefined;
    }
    await services.apiKeys.set(key);
    services.log.info('API key stored in secret storage');
    void services.prompter.showMessage('info', t("The API key is stored in VS Code's secret storage."));
    return 'stored';
  };
}

/** With a key stored: replace it, remove it, or (Escape) keep it. */
async function askStoredKeyAction(services: Services): Promise<'replace' | 'remove' | undefined> {
  const t = vscode.l10n.t;
  const items: (vscode.QuickPickItem & { action: 'replace' | 'remove' })[] = [
    { label: `$(key) ${t('Replace the key')}`, description: t('enter a new one'), action: 'replace' },
    {
      label: `$(trash) ${t('Remove the key')}`,
      description: services.apiKeys.hasEnvironmentKey() ? t('then OPENAI_API_KEY from the environment is used') : t('then OPRO has no key'),
      action: 'remove',
    },
  ];
  const picked = await services.prompter.pick(items, { title: t("OPRO: An API key is stored in VS Code's secret storage. Escape keeps it.") });
  return picked?.action;
}
