import type { RunConfig } from '../../core/config';
import { withDefaults } from '../../core/defaults';
import type { ModelConfig } from '../../core/llm/types';
import type { Position } from '../../core/prompt/position';
import type { ModelSetup } from '../models/resolveModels';
import type { VsCodeModelInfo } from '../models/vscodeModelInfo';
import type { Settings } from '../settingValues';
import { ruleScoring, type Scoring } from './scoringSettings';

/** The judge answers with a short JSON verdict, deterministically. */
const JUDGE_SAMPLING = { temperature: 0, maxTokens: 256 } as const;

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
  /** From `resolveScoring`; absent keeps `settings.metric` as a rule metric ('auto': detected). */
  scoring?: Scoring;
}

/** The engine's `RunConfig` from the user's choices and settings; everything else keeps core's defaults. */
export function runConfigFromSettings(input: RunConfigInput): RunConfig {
  const { settings, models, dataset } = input;
  const scorer = scorerModel(models, settings);
  const scoring = input.scoring ?? ruleScoring(settings);
  return withDefaults({
    seedInstructions: [input.prompt],
    dataset: {
      path: dataset.path,
      ...(dataset.inputColumn ? { inputColumn: dataset.inputColumn } : {}),
      ...(dataset.targetColumn ? { targetColumn: dataset.targetColumn } : {}),
      validation: settings.validationSplit,
    },
    ...(input.position === undefined ? {} : { position: input.position }),
    ...scoring,
    ...(scoring.grader?.kind === 'judge' && settings.judgeModel ? { judge: judgeModel(scorer, settings.judgeModel, models.vscodeModels?.judge) } : {}),
    lengthPenalty: settings.lengthPenalty,
    evaluation: settings.evaluation,
    demos: settings.demos,
    method: settings.method,
    feedbackExamples: settings.feedbackExamples,
    scorer: { ...scorer, ...maxTokensOf(settings.scorerMaxTokens) },
    optimizer: {
      model: models.optimizerModel,
      temperature: settings.optimizerTemperature,
      ...identity(models.vscodeModels?.optimizer),
      ...maxTokensOf(settings.optimizerMaxTokens),
      ...effortOf(settings),
    },
    ...(Object.keys(settings.modelFamilies).length === 0 ? {} : { modelFamilies: settings.modelFamilies }),
    steps: settings.steps,
    candidatesPerStep: settings.candidatesPerStep,
    exemplarsPerStep: settings.exemplarsPerStep,
    concurrency: settings.concurrency,
    maxCalls: settings.maxCalls,
    maxTokens: settings.maxTokens,
    ...costOf(settings),
    requestTimeoutMs: Math.round(settings.requestTimeoutSeconds * 1000),
  });
}

/** The cost limit and the user's prices, when set. */
function costOf(settings: Settings): Pick<RunConfig, 'maxCost' | 'prices'> {
  return {
    ...(settings.maxCost > 0 ? { maxCost: settings.maxCost } : {}),
    ...(Object.keys(settings.prices).length === 0 ? {} : { prices: settings.prices }),
  };
}

/** 0 leaves the limit to core (1024 / 512, more for reasoning models). */
function maxTokensOf(limit: number): Partial<ModelConfig> {
  return limit > 0 ? { maxTokens: limit } : {};
}

function effortOf(settings: Settings): Partial<ModelConfig> {
  return settings.reasoningEffort === 'default' ? {} : { reasoningEffort: settings.reasoningEffort };
}

function scorerModel(models: ModelSetup, settings: Settings): Omit<ModelConfig, 'maxTokens'> {
  return {
    provider: models.provider,
    model: models.scorerModel,
    ...identity(models.vscodeModels?.scorer),
    temperature: settings.scorerTemperature,
    ...effortOf(settings),
    ...(models.baseUrl === undefined ? {} : { baseUrl: models.baseUrl }),
    ...(models.apiKey === undefined ? {} : { apiKey: models.apiKey }),
    ...(models.apiVersion === undefined ? {} : { apiVersion: models.apiVersion }),
  };
}

/** A VS Code model's name and vendor for the run file, the panel and the log (the id stays in `model`). */
function identity(model: VsCodeModelInfo | undefined): Pick<ModelConfig, 'label' | 'vendor'> {
  return model === undefined ? {} : { label: model.label, vendor: model.vendor };
}

/** `opro.judge.model` on the scorer's endpoint (core uses the scorer model itself when there is none). */
function judgeModel(scorer: Omit<ModelConfig, 'maxTokens'>, model: string, info: VsCodeModelInfo | undefined): ModelConfig {
  const { label: _label, vendor: _vendor, ...endpoint } = scorer;
  return { ...endpoint, model: info?.id ?? model, ...identity(info), ...JUDGE_SAMPLING };
}
