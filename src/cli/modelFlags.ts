import type { RunConfigInput } from '../core/defaults';
import { OproError } from '../core/errors';
import { parseFamilyOverrides, REASONING_EFFORTS, type ReasoningEffort } from '../core/llm/modelFamily';
import { PROVIDER_NAMES, PROVIDER_PROFILES, type ProviderName } from '../core/llm/providerProfiles';
import type { ModelConfig } from '../core/llm/types';
import { intFlag, type CliValues } from './options';

/** The environment variables the CLI reads. */
export interface CliEnv {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function oneOf<T extends string>(values: CliValues, name: 'provider' | 'reasoning-effort', options: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) {
    return undefined;
  }
  if (!(options as readonly string[]).includes(raw)) {
    throw new OproError('config', `Expected --${name} to be one of ${options.join(', ')}, got \`${raw}\`.`);
  }
  return raw as T;
}

/** The endpoint both models share: `--provider` picks a known one's base URL unless `--base-url` (or OPENAI_BASE_URL) says otherwise. */
export function endpointFromFlags(values: CliValues, env: CliEnv): Partial<ModelConfig> {
  const provider = oneOf<ProviderName>(values, 'provider', PROVIDER_NAMES);
  const preset = provider === undefined ? undefined : (PROVIDER_PROFILES[provider] as { baseUrl?: string }).baseUrl;
  const baseUrl = values['base-url'] ?? env.OPENAI_BASE_URL ?? preset;
  const apiKey = values['api-key'] ?? env.OPENAI_API_KEY;
  return {
    ...optional('provider', provider === 'openai' ? undefined : provider),
    ...optional('baseUrl', baseUrl),
    ...optional('apiKey', apiKey),
  };
}

/**
 * The scorer and optimizer from flags: models, their answer-length limits, `--reasoning-effort`
 * for both, and `--model-family PATTERN=FAMILY` overrides.
 */
export function modelsFromFlags(values: CliValues, endpoint: Partial<ModelConfig>): Pick<RunConfigInput, 'scorer' | 'optimizer' | 'modelFamilies'> {
  const effort = oneOf<ReasoningEffort>(values, 'reasoning-effort', REASONING_EFFORTS);
  let modelFamilies: RunConfigInput['modelFamilies'];
  try {
    modelFamilies = values['model-family'] === undefined ? undefined : parseFamilyOverrides(values['model-family']);
  } catch (err) {
    throw new OproError('config', `--model-family: ${(err as Error).message}.`, { hint: 'For example --model-family "my-o4-deployment=reasoning".' });
  }
  const shared = { ...endpoint, ...optional('reasoningEffort', effort) };
  return {
    scorer: { ...shared, ...optional('model', values['scorer-model']), ...optional('maxTokens', positive(values, 'scorer-max-tokens')) },
    optimizer: {
      ...shared,
      ...optional('model', values['optimizer-model'] ?? values['scorer-model']),
      ...optional('maxTokens', positive(values, 'optimizer-max-tokens')),
    },
    ...optional('modelFamilies', modelFamilies),
  };
}

function positive(values: CliValues, name: 'scorer-max-tokens' | 'optimizer-max-tokens'): number | undefined {
  const n = intFlag(values, name);
  if (n === 0) {
    throw new OproError('config', `Expected --${name} to be a whole number ≥ 1, got \`0\`.`);
  }
  return n;
}
