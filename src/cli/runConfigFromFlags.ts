import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunConfig } from '../core/config';
import { withDefaults } from '../core/defaults';
import { OproError } from '../core/errors';
import type { Position } from '../core/prompt/position';
import { priceTableProblems, type PriceTable } from '../core/pricing';
import { endpointFromFlags, modelsFromFlags, type CliEnv } from './modelFlags';
import { intFlag, numberFlag, type CliValues } from './options';
import { scoringFromFlags } from './scoringFlags';

export type { CliEnv } from './modelFlags';

function promptsOf(values: CliValues, cwd: string): string[] {
  if (values['prompt-file'] !== undefined) {
    try {
      return [readFileSync(resolve(cwd, values['prompt-file']), 'utf8').replace(/\r?\n$/, '')];
    } catch (err) {
      throw new OproError('config', `${values['prompt-file']}: cannot read the prompt file (${(err as Error).message}).`);
    }
  }
  return values.prompt ?? [];
}

/** `--prices JSON` (or `prices` in the config file); its fields are checked with the rest of the config. */
function pricesFlag(values: CliValues): PriceTable | undefined {
  const raw = values.prices;
  if (raw === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new OproError('config', `Expected --prices to be JSON such as '{"my-model":{"input":0.2,"output":0.8}}' (USD per million tokens), got \`${raw}\` (${(err as Error).message}).`);
  }
  const problems = priceTableProblems(parsed, '--prices');
  if (problems.length > 0) {
    throw new OproError('config', `${problems.join('; ')}.`);
  }
  return parsed as PriceTable;
}

function megabytes(mb: number | undefined): number | undefined {
  return mb === undefined ? undefined : mb * 2 ** 20;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Turns flags (already merged with the config file) and the environment into a full RunConfig. */
export function runConfigFromFlags(values: CliValues, env: CliEnv, cwd: string): RunConfig {
  const seedInstructions = promptsOf(values, cwd);
  if (seedInstructions.length === 0) {
    throw new OproError('config', 'Give the prompt to optimize with --prompt TEXT or --prompt-file FILE.');
  }
  if (values.dataset === undefined) {
    throw new OproError('config', 'Give the examples with --dataset FILE (JSONL, JSON, CSV or TSV).');
  }
  const endpoint = endpointFromFlags(values, env);
  const timeout = intFlag(values, 'timeout');
  const scoring = scoringFromFlags(values, cwd);
  if (scoring.judge !== undefined) {
    scoring.judge = { ...endpoint, ...scoring.judge };
  }
  return withDefaults({
    seedInstructions,
    dataset: {
      path: resolve(cwd, values.dataset),
      ...optional('inputColumn', values['input-column']),
      ...optional('targetColumn', values['target-column']),
      ...optional('skipBadRows', values['skip-bad-rows']),
      ...optional('maxBytes', megabytes(intFlag(values, 'max-dataset-mb'))),
      ...optional('train', numberFlag(values, 'train')),
      ...optional('validation', numberFlag(values, 'validation')),
    },
    ...optional('position', values.position as Position | undefined),
    ...optional('includeQA', values['include-qa']),
    ...scoring,
    ...optional('lengthPenalty', numberFlag(values, 'length-penalty')),
    ...optional('evaluation', values.evaluation as RunConfig['evaluation'] | undefined),
    ...modelsFromFlags(values, endpoint),
    ...optional('steps', intFlag(values, 'steps')),
    ...optional('candidatesPerStep', intFlag(values, 'candidates')),
    ...optional('exemplarsPerStep', intFlag(values, 'exemplars')),
    ...optional('exemplarSelection', values['exemplar-selection'] as RunConfig['exemplarSelection'] | undefined),
    ...optional('demos', intFlag(values, 'demos')),
    ...optional('method', values.method as RunConfig['method']),
    ...optional('feedbackExamples', intFlag(values, 'feedback-examples')),
    ...optional('targetScore', numberFlag(values, 'target-score')),
    ...optional('patience', intFlag(values, 'patience')),
    ...optional('maxCalls', intFlag(values, 'max-calls')),
    ...optional('maxTokens', intFlag(values, 'max-tokens')),
    ...optional('maxCost', numberFlag(values, 'max-cost')),
    ...optional('prices', pricesFlag(values)),
    ...optional('seed', intFlag(values, 'seed')),
    ...optional('concurrency', intFlag(values, 'concurrency')),
    ...optional('requestTimeoutMs', timeout),
    ...optional('maxRetries', intFlag(values, 'max-retries')),
  });
}
