import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import { listEndpointModels } from '../models/endpointModels';
import { currentModelSetup } from '../models/currentModels';
import type { ModelSetup } from '../models/resolveModels';
import { PROVIDER_LABELS } from '../models/providerPresets';
import type { Services } from '../services';
import { updateSetting } from '../settings';
import type { ProviderSetting } from '../settingValues';

/** "OPRO: Select Models": picks the scorer and the optimizer among the models the provider lists. */
export function selectModels(services: Services) {
  return async (): Promise<{ scorer: string; optimizer: string } | undefined> => {
    const t = vscode.l10n.t;
    try {
      const setup = await currentModelSetup(services.apiKeys);
      const models = await availableModels(setup);
      const source = PROVIDER_LABELS[setup.source as ProviderSetting] ?? setup.source;
      const scorer = await pickModel(services, { models, current: setup.scorerModel, title: t('OPRO: Scorer model ({0})', source) });
      if (scorer === undefined) {
        return undefined;
      }
      const optimizer = await pickModel(services, { models, current: scorer, title: t('OPRO: Optimizer model ({0})', source) });
      if (optimizer === undefined) {
        return undefined;
      }
      await updateSetting('scorerModel', scorer);
      await updateSetting('optimizerModel', optimizer === scorer ? '' : optimizer);
      return { scorer, optimizer };
    } catch (err) {
      await reportError(err, services);
      return undefined;
    }
  };
}

async function availableModels(setup: ModelSetup): Promise<string[]> {
  if (setup.provider === 'vscode-lm') {
    return (await vscode.lm.selectChatModels()).map((m) => m.id);
  }
  return setup.baseUrl === undefined ? [] : listEndpointModels(setup.baseUrl, { ...(setup.apiKey === undefined ? {} : { apiKey: setup.apiKey }), timeoutMs: 5000 });
}

/** Listed models (the current one first), or a typed name when the endpoint lists none. */
async function pickModel(services: Services, input: { models: string[]; current: string; title: string }): Promise<string | undefined> {
  const t = vscode.l10n.t;
  if (input.models.length === 0) {
    return services.prompter.input({ title: input.title, value: input.current, prompt: t('The endpoint does not list its models; type a model name.') });
  }
  const ordered = [input.current, ...input.models.filter((m) => m !== input.current)].filter((m) => input.models.includes(m));
  const items = ordered.map((label) => ({ label, ...(label === input.current ? { description: t('current') } : {}) }));
  return (await services.prompter.pick(items, { title: input.title }))?.label;
}
