import { randomBytes } from 'node:crypto';
import type { RunConfig } from '../config';
import { loadDataset } from '../dataset/loadDataset';
import { splitDataset } from '../dataset/split';
import type { Dataset } from '../dataset/types';
import { OproError } from '../errors';
import { JUDGE_SYSTEM, judgeUserTemplate } from '../grading/judgePrompt';
import { detectMetricKind } from '../metrics/detectMetric';
import { placeholdersOf } from '../prompt/template';
import type { DatasetInfo, RecordedExample } from '../runRecord';
import { RUN_FORMAT_VERSION } from '../runView';
import type { RunState } from '../store/logEntry';
import { validateRunConfig } from '../validateConfig';
import { checkCostBudget } from './modelPrices';
import { withRecordedEndpoints } from './resumeConfig';
import { redactConfig } from './redactConfig';
import { emptyUsage } from './usage';

/** A sortable, unique run id: `20261122-031502-a1b2c3`. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Throws the config's problems, all at once, as one config error; then a cost limit's unpriced models. */
export function assertUsableConfig(config: RunConfig): void {
  const problems = validateRunConfig(config);
  if (problems.length > 0) {
    throw new OproError('config', `The run configuration is not usable:\n- ${problems.join('\n- ')}`);
  }
  checkCostBudget(config);
}

/** The run's dataset, loaded as the run reads it (a template's columns included). */
export function loadRunDataset(config: RunConfig): Promise<Dataset> {
  const { path, train: _train, validation: _validation, seed: _seed, ...loadOptions } = config.dataset;
  return loadDataset(path, {
    ...loadOptions,
    ...(config.position === 'template' ? { templateColumns: placeholdersOf(config.seedInstructions[0] ?? '') } : {}),
  });
}

/** Checks the config, loads and splits the dataset, and builds the state of a new run. */
export async function newRunState(config: RunConfig, meta?: Record<string, unknown>, runId?: string): Promise<RunState> {
  assertUsableConfig(config);
  const isTemplate = config.position === 'template';
  const { train, validation, seed: splitSeed } = config.dataset;
  const dataset = await loadRunDataset(config);
  const split = splitDataset(dataset.examples.length, {
    ...(train === undefined ? {} : { train }),
    ...(validation === undefined ? {} : { validation }),
    // The split's own seed when given (repeated runs keep one split), else the run's.
    seed: splitSeed ?? config.seed,
  });
  const now = new Date();
  return {
    version: RUN_FORMAT_VERSION,
    id: runId ?? newRunId(now),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    status: 'running',
    config: redactConfig(withRecordedEndpoints(config)),
    metric: config.metric ?? { kind: detectMetricKind(split.train.map((i) => dataset.examples[i]?.target ?? '')) },
    ...(config.grader?.kind === 'judge' ? { judgePrompt: { system: JUDGE_SYSTEM, user: judgeUserTemplate(config.grader.rubric) } } : {}),
    dataset: datasetInfo(dataset),
    examples: recordedExamples(dataset, isTemplate),
    train: split.train,
    validation: split.validation,
    trainRows: split.train.length,
    validationRows: split.validation.length,
    candidates: [],
    steps: [],
    usage: emptyUsage(),
    ...(meta === undefined ? {} : { meta }),
  };
}

function datasetInfo(dataset: Dataset): DatasetInfo {
  return {
    file: dataset.file,
    format: dataset.format,
    fingerprint: dataset.fingerprint,
    columns: dataset.columns,
    inputColumn: dataset.inputColumn,
    targetColumn: dataset.targetColumn,
    rows: dataset.examples.length,
    skipped: dataset.skipped.length,
  };
}

function recordedExamples(dataset: Dataset, withFields: boolean): RecordedExample[] {
  return dataset.examples.map((e) => ({
    index: e.index,
    line: e.line,
    input: e.input,
    target: e.target,
    ...(withFields ? { fields: e.fields } : {}),
  }));
}
