import { OproError } from '../../core/errors';
import type { Settings } from '../settingValues';
import { SETTING_KEYS } from '../settingKeys';
import { DEFAULT_OPENAI_MODEL, isCoreProvider, isHostedPreset, OLLAMA_PROBE_URL, OPENAI_BASE_URL, PRESET_BASE_URLS, PROBE_TIMEOUT_MS, VSCODE_LM_PROVIDER } from './providerPresets';
import { chooseVsCodeModels, noVsCodeModels, type VsCodeModelChoice } from './resolveVsCodeLm';
import type { VsCodeModelInfo } from './vscodeModelInfo';

/** Where core's errors point for the key (it lives in SecretStorage, not in a setting). */
const API_KEY_SETTING = 'opro.apiKey';

/** The models a run will use, with what is needed to reach them. */
export interface ModelSetup {
  /**
   * Core's provider name: `openai` (any OpenAI-compatible endpoint), `azure`, `vscode-lm`, or a
   * preset whose quirks core knows (`anthropic`, `groq`, `ollama`…).
   */
  provider: string;
  /** Which setting value chose it, for messages (`ollama`, `openai`, `vscode-lm`…). */
  source: string;
  baseUrl?: string;
  apiKey?: string;
  apiVersion?: string;
  scorerModel: string;
  optimizerModel: string;
  /** Provider `vscode-lm` for a run: the models with their names and vendors. */
  vscodeModels?: VsCodeModelChoice;
}

/** What resolving needs from the outside world; the extension passes VS Code and network probes. */
export interface ModelProbes {
  apiKey: string | undefined;
  /** VS Code's chat models ([] when none, e.g. no Copilot). */
  listVsCodeModels: () => Promise<VsCodeModelInfo[]>;
  /**
   * Asks which VS Code model to use when no scorer model is set (undefined: cancelled); the caller
   * remembers the answer. Without it the models are not checked (for "Select Models", which asks itself).
   */
  askVsCodeModel?: (models: readonly VsCodeModelInfo[]) => Promise<VsCodeModelInfo | undefined>;
  /** Ids an OpenAI-compatible endpoint lists ([] when it does not answer within `timeoutMs`). */
  listEndpointModels: (baseUrl: string, timeoutMs: number) => Promise<string[]>;
  isEndpointUp: (baseUrl: string, timeoutMs: number) => Promise<boolean>;
}

/**
 * Decides where requests go. Provider `auto`: a configured base URL or API key, else VS Code's
 * language models, else a local Ollama that answers within 500 ms; otherwise a `config` error
 * (setting `opro.provider`) that guides the user to set one up.
 */
export async function resolveModels(settings: Settings, probes: ModelProbes): Promise<ModelSetup> {
  switch (settings.provider) {
    case 'auto':
      return resolveAuto(settings, probes);
    case 'vscode-lm':
      return resolveVsCodeLm(settings, probes, await probes.listVsCodeModels());
    case 'azure':
      return resolveAzure(settings, probes);
    default: {
      const baseUrl = settings.baseUrl || PRESET_BASE_URLS[settings.provider] || OPENAI_BASE_URL;
      return resolveEndpoint(settings, probes, { baseUrl, source: settings.provider });
    }
  }
}

async function resolveAuto(settings: Settings, probes: ModelProbes): Promise<ModelSetup> {
  if (settings.baseUrl || probes.apiKey) {
    return resolveEndpoint(settings, probes, { baseUrl: settings.baseUrl || OPENAI_BASE_URL, source: 'openai' });
  }
  const vscodeModels = await probes.listVsCodeModels();
  if (vscodeModels.length > 0) {
    return resolveVsCodeLm(settings, probes, vscodeModels);
  }
  if (await probes.isEndpointUp(OLLAMA_PROBE_URL, PROBE_TIMEOUT_MS)) {
    return resolveEndpoint(settings, probes, { baseUrl: OLLAMA_PROBE_URL, source: 'ollama' });
  }
  const hint = 'Run "OPRO: Set API Key" for OpenAI, set opro.provider and opro.baseUrl for another endpoint, start Ollama, or sign in to a VS Code language model provider such as GitHub Copilot.';
  throw new OproError('config', `No language model is set up. ${hint}`, { hint, setting: SETTING_KEYS.provider });
}

/** The same error core raises when a request needs a key, but before any question is asked. */
function missingKey(baseUrl: string): OproError {
  const hint = 'Run "OPRO: Set API Key", or set OPENAI_API_KEY in the environment VS Code starts from.';
  return new OproError('auth', `No API key is set for ${baseUrl}. ${hint}`, { hint, setting: API_KEY_SETTING });
}

async function resolveEndpoint(settings: Settings, probes: ModelProbes, where: { baseUrl: string; source: string }): Promise<ModelSetup> {
  const isOpenAi = where.baseUrl === OPENAI_BASE_URL;
  const isHosted = settings.provider !== 'auto' && isHostedPreset(settings.provider);
  if ((isOpenAi || isHosted) && probes.apiKey === undefined) {
    throw missingKey(where.baseUrl);
  }
  const scorerModel = settings.scorerModel || (await defaultModel(probes, { ...where, isOpenAi, isHosted }));
  return {
    provider: where.source !== 'openai' && isCoreProvider(where.source) ? where.source : 'openai',
    source: where.source,
    baseUrl: where.baseUrl,
    ...(probes.apiKey === undefined ? {} : { apiKey: probes.apiKey }),
    scorerModel,
    optimizerModel: settings.optimizerModel || scorerModel,
  };
}

/** The first model the endpoint lists (OpenAI: gpt-4o-mini); a hosted preset that lists none needs the setting. */
async function defaultModel(probes: ModelProbes, where: { baseUrl: string; source: string; isOpenAi: boolean; isHosted: boolean }): Promise<string> {
  const listed = where.isOpenAi ? [] : await probes.listEndpointModels(where.baseUrl, 2000);
  if (listed[0] === undefined && where.isHosted) {
    const hint = `Set opro.scorerModel to a model ${where.source} serves.`;
    throw new OproError('config', `No model is set for ${where.baseUrl}, and it lists none. ${hint}`, { hint, setting: SETTING_KEYS.scorerModel });
  }
  return listed[0] ?? DEFAULT_OPENAI_MODEL;
}

function resolveAzure(settings: Settings, probes: ModelProbes): ModelSetup {
  if (settings.baseUrl && probes.apiKey === undefined) {
    throw missingKey(settings.baseUrl);
  }
  if (!settings.baseUrl) {
    const hint = 'Set opro.baseUrl to your Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com.';
    throw new OproError('config', `Azure OpenAI needs an endpoint. ${hint}`, { hint, setting: SETTING_KEYS.baseUrl });
  }
  if (!settings.scorerModel) {
    const hint = 'Set opro.scorerModel to the name of a deployment of your Azure OpenAI resource.';
    throw new OproError('config', `Azure OpenAI needs a deployment name. ${hint}`, { hint, setting: SETTING_KEYS.scorerModel });
  }
  return {
    provider: 'azure',
    source: 'azure',
    baseUrl: settings.baseUrl,
    ...(probes.apiKey === undefined ? {} : { apiKey: probes.apiKey }),
    apiVersion: settings.azureApiVersion,
    scorerModel: settings.scorerModel,
    optimizerModel: settings.optimizerModel || settings.scorerModel,
  };
}

/**
 * VS Code's models: never a model the user did not name or see (see `chooseVsCodeModels`). Without
 * `askVsCodeModel` the settings are returned unchecked, as they are.
 */
async function resolveVsCodeLm(settings: Settings, probes: ModelProbes, models: VsCodeModelInfo[]): Promise<ModelSetup> {
  const where = { provider: VSCODE_LM_PROVIDER, source: VSCODE_LM_PROVIDER } as const;
  if (models.length === 0) {
    throw noVsCodeModels();
  }
  if (probes.askVsCodeModel === undefined) {
    return { ...where, scorerModel: settings.scorerModel, optimizerModel: settings.optimizerModel || settings.scorerModel };
  }
  const chosen = await chooseVsCodeModels(settings, models, probes.askVsCodeModel);
  return { ...where, scorerModel: chosen.scorer.id, optimizerModel: chosen.optimizer.id, vscodeModels: chosen };
}
