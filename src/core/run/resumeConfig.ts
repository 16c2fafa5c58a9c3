import type { RunConfig } from '../config';
import type { Credentials, ResumeDeps } from '../engineDeps';
import { OproError } from '../errors';
import { OPENAI_BASE_URL } from '../llm/openaiClient';
import { PROVIDER_NAMES } from '../llm/providerProfiles';
import type { ModelConfig } from '../llm/types';

/** The model roles of a run; a run without its own judge config judges with the scorer's endpoint. */
export const MODEL_ROLES = ['scorer', 'optimizer', 'judge'] as const;
export type ModelRoleName = (typeof MODEL_ROLES)[number];

/**
 * True for models the engine's own client serves (the `openai` package: OpenAI, Azure and every
 * provider core knows, `groq`, `ollama`…): they have an HTTP endpoint and take the API key. A front
 * end's own provider (`vscode-lm`) has neither.
 */
export function isEndpointModel(model: ModelConfig): boolean {
  return model.provider === undefined || (PROVIDER_NAMES as readonly string[]).includes(model.provider);
}

function isBlank(url: string | undefined): boolean {
  return url === undefined || url.trim() === '';
}

function normalized(url: string | undefined): string {
  return (url ?? '').trim().replace(/\/+$/, '');
}

function mapModels(config: RunConfig, change: (model: ModelConfig, role: ModelRoleName) => ModelConfig): RunConfig {
  const judge = config.judge === undefined ? {} : { judge: change(config.judge, 'judge') };
  return { ...config, scorer: change(config.scorer, 'scorer'), optimizer: change(config.optimizer, 'optimizer'), ...judge };
}

/**
 * A new run's config with every endpoint written out (the client's default, api.openai.com, when none
 * was given), so the run file says where its requests went and a resume never has to guess.
 */
export function withRecordedEndpoints(config: RunConfig): RunConfig {
  return mapModels(config, (model) => (isEndpointModel(model) && isBlank(model.baseUrl) ? { ...model, baseUrl: OPENAI_BASE_URL } : model));
}

/**
 * Puts the user's current credentials back into every model role of a saved run (scorer, optimizer
 * and judge alike): run files never hold keys. Front-end providers such as `vscode-lm` get none.
 */
export function restoreCredentials(config: RunConfig, credentials: Credentials): RunConfig {
  const { apiKey } = credentials;
  if (apiKey === undefined || apiKey === '') {
    return config;
  }
  return mapModels(config, (model) => (isEndpointModel(model) ? { ...model, apiKey } : model));
}

/** Where role `role` of `config` sends its requests: provider and endpoint (a judge without a config uses the scorer's). */
function endpointOf(config: RunConfig, role: ModelRoleName): string {
  const model = config[role] ?? (role === 'judge' ? config.scorer : undefined);
  if (model === undefined) {
    return 'none';
  }
  return isEndpointModel(model) ? `${model.provider ?? 'openai'} ${normalized(model.baseUrl)}` : (model.provider ?? '');
}

/** The saved model of `role`, or a clear stop when the run file lacks it. */
function locate(runFile: string, model: ModelConfig | undefined, role: ModelRoleName, baseUrl: string | undefined): ModelConfig {
  if (typeof model !== 'object' || model === null) {
    throw new OproError('config', `${runFile}: the run file does not record its ${role} model (config.${role}), so it cannot be resumed.`, {
      hint: 'Start a new run; a run file written by opro always has it.',
    });
  }
  if (!isEndpointModel(model)) {
    return model;
  }
  if (!isBlank(model.baseUrl)) {
    if (baseUrl !== undefined && normalized(baseUrl) !== normalized(model.baseUrl)) {
      throw new OproError('config', `${runFile}: the run's ${role} used ${model.baseUrl}; a resume talks only to the run's own endpoint, not to ${baseUrl}.`, {
        hint: 'Resume without --base-url, or start a new run to use another endpoint.',
      });
    }
    return model;
  }
  if (baseUrl !== undefined && !isBlank(baseUrl)) {
    return { ...model, baseUrl };
  }
  const hint = `Add "baseUrl": "<the endpoint the run used>" to config.${role} in the run file, or resume from the CLI with --base-url URL.`;
  throw new OproError('config', `${runFile}: the run file does not record the endpoint of its ${role} model, and resuming never guesses one (it would send your API key there). ${hint}`, { hint });
}

/**
 * The config a saved run resumes with: its own endpoints (a role without one stops the resume unless
 * the user named it, `deps.baseUrl`), the user's credentials in every role, then `deps.patchConfig`
 * (e.g. more steps). A patch that would send any role elsewhere stops the resume: a resume only ever
 * talks to the run's own endpoints.
 * @throws {OproError} `config`, naming the run file and what to set.
 */
export function resumeConfig(runFile: string, saved: RunConfig, deps: Pick<ResumeDeps, 'credentials' | 'baseUrl' | 'patchConfig'>): RunConfig {
  const located: RunConfig = {
    ...saved,
    scorer: locate(runFile, saved.scorer, 'scorer', deps.baseUrl),
    optimizer: locate(runFile, saved.optimizer, 'optimizer', deps.baseUrl),
    ...(saved.judge === undefined ? {} : { judge: locate(runFile, saved.judge, 'judge', deps.baseUrl) }),
  };
  const keyed = restoreCredentials(located, deps.credentials ?? {});
  const patched = deps.patchConfig?.(keyed) ?? keyed;
  for (const role of MODEL_ROLES) {
    if (endpointOf(patched, role) !== endpointOf(located, role)) {
      throw new OproError('config', `${runFile}: a resume talks only to the run's own endpoints, and the ${role} would move from ${endpointOf(located, role)} to ${endpointOf(patched, role)}.`, {
        hint: 'Start a new run to use another endpoint.',
      });
    }
  }
  return patched;
}
