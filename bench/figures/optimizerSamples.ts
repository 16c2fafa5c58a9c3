import { join } from 'node:path';
import { readRunRecord, startRun } from '../../src/core/engine';
import { startFakeLlmServer } from '../../test/support/fakeLlmServer';
import type { FakeProvider } from '../../test/support/fakeProviders';
import { scratchDir } from '../../test/support/scratchDir';
import { syntheticConfig } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';
import { unreachableWorkspace } from '../syntheticRuns';

const STEPS = 10;
const CANDIDATES = 8;
const ROWS = 100;
const TARGET_SAVING = 0.8;

interface Mode {
  /** The fake server's provider (its answers to `n`), and the provider the run's config names. */
  server: FakeProvider;
  provider?: string;
}

interface ModeResult {
  optimizerRequestsPerStep: number;
  optimizerInputTokensPerStep: number;
  optimizerOutputTokensPerStep: number;
  proposalsPerStep: number;
}

async function runMode(mode: Mode): Promise<ModeResult> {
  const server = await startFakeLlmServer({ provider: mode.server });
  try {
    const workspace = unreachableWorkspace(ROWS, 7);
    const base = syntheticConfig(server.url, workspace.datasetPath, { steps: STEPS, candidatesPerStep: CANDIDATES, concurrency: 16 });
    const config = mode.provider === undefined ? base : { ...base, scorer: { ...base.scorer, provider: mode.provider }, optimizer: { ...base.optimizer, provider: mode.provider } };
    const runFile = join(scratchDir('opro-bench-n-'), 'run.json');
    await startRun(config, { runFile });
    const record = await readRunRecord(runFile);
    const steps = record.steps.filter((s) => s.done).length;
    const optimizer = record.usage.byModel['optimizer:optimizer-model'];
    return {
      optimizerRequestsPerStep: round((optimizer?.calls ?? 0) / steps, 2),
      optimizerInputTokensPerStep: round((optimizer?.promptTokens ?? 0) / steps, 0),
      optimizerOutputTokensPerStep: round((optimizer?.completionTokens ?? 0) / steps, 0),
      proposalsPerStep: round(record.steps.reduce((sum, s) => sum + s.replies.length, 0) / steps, 2),
    };
  } finally {
    await server.close();
  }
}

/**
 * The optimizer's input tokens per step with the step's samples in one request (`n`, OpenAI) and with
 * one request per sample (Groq's preset, where `n` must be 1), on the same 10-step run of the synthetic task.
 */
export async function optimizerSamples(emit: Emit): Promise<void> {
  const withN = await runMode({ server: 'openai' });
  const withoutN = await runMode({ server: 'groq', provider: 'groq' });
  const saving = 1 - withN.optimizerInputTokensPerStep / withoutN.optimizerInputTokensPerStep;
  emit({
    figure: 'optimizer-samples',
    steps: STEPS,
    candidates: CANDIDATES,
    withN,
    withoutN,
    inputSaving: round(saving, 3),
    target: `inputSaving >= ${TARGET_SAVING} (ideal ${round(1 - 1 / CANDIDATES, 3)})`,
    met: saving >= TARGET_SAVING,
  });
}
