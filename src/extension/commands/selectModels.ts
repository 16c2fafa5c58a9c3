import * as vscode from 'vscode';
import { reportError } from '../errors/reportError';
import { listEndpointModels } from '../models/endpointModels';
import { currentModelSetup } from '../models/currentModels';
import type { ModelSetup } from '../models/resolveModels';
import { PROVIDER_LABELS } from '../models/providerPresets';
import { matchingModels, noVsCodeModels, settingFor } from '../models/resolveVsCodeLm';
import { listVsCodeModels } from '../models/vscodeModels';
import type { Services } from '../services';
import { updateSetting } from '../settings';
import type { ProviderSetting } from '../settingValues';

/** A model to offer: what the setting saves, how people know it, and the other values naming it. */
interface ModelOption {
  id: string;
  label: string;
  aliases: string[];
}

/** "OPRO: Select Models": picks the scorer and the optimizer among the models the provider lists. */
export function selectModels(services: Services) {
  return async (): Promise<{ scorer: string; optimizer: string } | undefined> => {
    const t = vscode.l10n.t;
    try {
      // The settings are not checked here: this command is how a wrong one gets fixed.
      const setup = await currentModelSetup({ apiKeys: services.apiKeys });
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

async function availableModels(setup: ModelSetup): Promise<ModelOption[]> {
  if (setup.provider === 'vscode-lm') {
    const models = await listVsCodeModels();
    if (models.length === 0) {
      throw noVsCodeModels();
    }
    return models.map((m) => ({ id: settingFor(m, models), label: m.label, aliases: matchingModels(models, m.id).length === 1 ? [m.id] : [] }));
  }
  const ids = setup.baseUrl === undefined ? [] : await listEndpointModels(setup.baseUrl, { ...(setup.apiKey === undefined ? {} : { apiKey: setup.apiKey }), timeoutMs: 5000 });
  return ids.map((id) => ({ id, label: id, aliases: [] }));
}

/** Listed models (the current one first), or a typed name when the endpoint lists none. Resolves with the id. */
async function pickModel(services: Services, input: { models: ModelOption[]; current: string; title: string }): Promise<string | undefined> {
  const t = vscode.l10n.t;
  if (input.models.length === 0) {
    return services.prompter.input({ title: input.title, value: input.current, prompt: t('The endpoint does not list its models; type a model name.') });
  }
  const current = input.models.find((m) => m.id === input.current || m.aliases.includes(input.current));
  const ordered = current === undefined ? input.models : [current, ...input.models.filter((m) => m !== current)];
  const items = ordered.map((m) => {
    const description = [m.label === m.id ? '' : m.id, m === current ? t('current') : ''].filter((part) => part !== '').join(' · ');
    return { label: m.label, id: m.id, ...(description === '' ? {} : { description }) };
  });
  return (await services.prompter.pick(items, { title: input.title }))?.id;
}
