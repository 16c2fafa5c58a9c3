import type { RunConfig } from '../../core/config';
import { withDefaults } from '../../core/defaults';
import type { Position } from '../../core/prompt/position';
import type { ModelSetup } from '../models/resolveModels';
import type { Settings } from '../settingValues';

/** The dataset as the user chose it. */
export interface DatasetChoice {
  path: string;
  inputColumn?: string;
  targetColumn?: string;
}

export interface RunConfigInput {
  prompt: string;
  dataset: DatasetChoice;
  /** Undefined lets core decide (`template` for prompts with placeholders, else `Q_begin`). */
  position: Position | undefined;
  settings: Settings;
  models: ModelSetup;
}

/** The engine's `RunConfig` from the user's choices and settings; everything else keeps core's defaults. */
export function buildRunConfig(input: RunConfigInput): RunConfig {
  const { settings, models, dataset } = input;
  return withDefaults({
    seedInstructions: [input.prompt],
    dataset: {
      path: dataset.path,
      ...(dataset.inputColumn ? { inputColumn: dataset.inputColumn } : {}),
      ...(dataset.targetColumn ? { targetColumn: dataset.targetColumn } : {}),
      validation: settings.validationSplit,
    },
    ...(input.position === undefined ? {} : { position: input.position }),
    ...(settings.metric === 'auto' ? {} : { metric: { kind: settings.metric } }),
    scorer: {
      provider: models.provider,
      model: models.scorerModel,
      temperature: settings.scorerTemperature,
      ...(models.baseUrl === undefined ? {} : { baseUrl: models.baseUrl }),
      ...(models.apiKey === undefined ? {} : { apiKey: models.apiKey }),
      ...(models.apiVersion === undefined ? {} : { apiVersion: models.apiVersion }),
    },
    optimizer: { model: models.optimizerModel, temperature: settings.optimizerTemperature },
    steps: settings.steps,
    candidatesPerStep: settings.candidatesPerStep,
    exemplarsPerStep: settings.exemplarsPerStep,
    concurrency: settings.concurrency,
    maxCalls: settings.maxCalls,
    maxTokens: settings.maxTokens,
    requestTimeoutMs: Math.round(settings.requestTimeoutSeconds * 1000),
  });
}

/** Puts the current key back into a saved run's config (run files never hold keys). */
export function withApiKey(config: RunConfig, apiKey: string | undefined): RunConfig {
  if (apiKey === undefined || config.scorer.provider === 'vscode-lm') {
    return config;
  }
  return { ...config, scorer: { ...config.scorer, apiKey }, optimizer: { ...config.optimizer, apiKey } };
}
