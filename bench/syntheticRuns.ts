import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfigInput } from '../src/core/defaults';
import { readRunRecord, startRun } from '../src/core/engine';
import { scratchDir } from '../test/support/scratchDir';
import { createOpenAiClient } from '../src/core/llm/openaiClient';
import type { RunRecord } from '../src/core/runRecord';
import { syntheticConfig, syntheticWorkspace, type SyntheticWorkspace } from '../test/support/syntheticRun';

/**
 * The synthetic task with every `every`-th row's expected answer made wrong (the fake scorer never
 * gives it), so no instruction reaches 1.0 and a run goes on for all its steps.
 */
export function unreachableWorkspace(rowCount: number, seed: number, every = 10): SyntheticWorkspace {
  const workspace = syntheticWorkspace(rowCount, seed);
  // +1000, not +1: the fake scorer answers `sum + 1` on examples it fails, which would match.
  const rows = workspace.rows.map((row, i) => (i % every === 0 ? { ...row, answer: String(Number(row.answer) + 1000) } : row));
  const datasetPath = join(workspace.dir, 'unreachable.jsonl');
  writeFileSync(datasetPath, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return { dir: workspace.dir, datasetPath, rows };
}

export interface TimedRun {
  record: RunRecord;
  wallMs: number;
  /** CPU of this process (engine + openai client; the server runs elsewhere), in ms. */
  cpuMs: number;
}

/** One `startRun` against `baseUrl` with the real openai client and no cache, timed. */
export async function timeRun(baseUrl: string, datasetPath: string, overrides: Partial<RunConfigInput>): Promise<TimedRun> {
  const config = syntheticConfig(baseUrl, datasetPath, overrides);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const runFile = join(scratchDir('opro-bench-'), 'run.json');
  await startRun(config, { createClient: createOpenAiClient, runFile });
  const record = await readRunRecord(runFile);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { record, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** A small run first, so module loading and JIT warm-up are not charged to the run measured next. */
export async function warmUp(baseUrl: string): Promise<void> {
  const workspace = syntheticWorkspace(20, 3);
  await timeRun(baseUrl, workspace.datasetPath, { steps: 1, candidatesPerStep: 2 });
}

/** Paid scorer calls of a run (every scorer model together). */
export function scorerCalls(record: RunRecord): number {
  return Object.entries(record.usage.byModel)
    .filter(([key]) => key.startsWith('scorer:'))
    .reduce((sum, [, usage]) => sum + usage.calls, 0);
}
