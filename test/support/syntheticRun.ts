import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../src/core/config';
import { readRunRecord, startRun } from '../../src/core/engine';
import type { EngineDeps } from '../../src/core/engineDeps';
import type { RunRecord } from '../../src/core/runRecord';
import { withDefaults, type RunConfigInput } from '../../src/core/defaults';
import { scratchDir } from './scratchDir';
import { makeSyntheticRows, type SyntheticRow } from './syntheticTask';

export const SEED_INSTRUCTION = 'Solve the problem.';

export interface SyntheticWorkspace {
  dir: string;
  datasetPath: string;
  rows: SyntheticRow[];
}

/** A temp folder with `rows` synthetic questions as JSONL. */
export function syntheticWorkspace(rowCount = 40, seed = 7): SyntheticWorkspace {
  const dir = scratchDir('opro-run-');
  const rows = makeSyntheticRows(rowCount, seed);
  const datasetPath = join(dir, 'arithmetic.jsonl');
  writeFileSync(datasetPath, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return { dir, datasetPath, rows };
}

/** A config for the suite's fake server; `overrides` win. */
export function syntheticConfig(baseUrl: string, datasetPath: string, overrides: Partial<RunConfigInput> = {}): RunConfig {
  return withDefaults({
    seedInstructions: [SEED_INSTRUCTION],
    dataset: { path: datasetPath },
    scorer: { baseUrl, apiKey: 'test-key', model: 'scorer-model' },
    optimizer: { baseUrl, apiKey: 'test-key', model: 'optimizer-model' },
    steps: 8,
    ...overrides,
  });
}

/**
 * Runs to the end with a run file (a scratch one unless `deps.runFile` names it) and reads the whole
 * record back, per-example results and meta-prompts included: the engine itself keeps only the light view.
 */
export async function runToRecord(config: RunConfig, deps: EngineDeps = {}, signal?: AbortSignal): Promise<RunRecord> {
  const runFile = deps.runFile ?? join(scratchDir('opro-run-'), 'run.json');
  await startRun(config, { ...deps, runFile }, signal);
  return readRunRecord(runFile);
}
