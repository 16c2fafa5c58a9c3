import type { RunConfigInput } from '../src/core/defaults';
import { evaluateInstructions } from '../src/core/engine';
import { createOpenAiClient } from '../src/core/llm/openaiClient';
import type { ScoredCandidate } from '../src/core/runRecord';
import { syntheticConfig, SEED_INSTRUCTION } from '../test/support/syntheticRun';
import { AttemptLog } from './attemptLog';

/** `count` distinct instructions of mixed quality for the synthetic task. */
export function benchInstructions(count: number): string[] {
  const extras = ['', ' Think step by step.', ' Double-check.', ' Show your work.', ' Give the final answer.'];
  return Array.from({ length: count }, (_, i) => `${SEED_INSTRUCTION}${extras[i % extras.length] ?? ''} (variant ${i + 1})`);
}

export interface ScoringRun {
  wallMs: number;
  cpuMs: number;
  scored: ScoredCandidate[];
  log: AttemptLog;
  /** Examples whose call still failed after the client's retries. */
  failedEvaluations: number;
}

/** Scores `instructions` on every row with the engine's `evaluateInstructions` and the real openai client, no cache. */
export async function timeScoring(
  target: { baseUrl: string; datasetPath: string },
  instructions: string[],
  overrides: Partial<RunConfigInput>,
): Promise<ScoringRun> {
  const config = syntheticConfig(target.baseUrl, target.datasetPath, { steps: 0, ...overrides });
  const log = new AttemptLog();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const scored = await evaluateInstructions(config, instructions, { createClient: createOpenAiClient, onLog: log.onLog });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const failedEvaluations = scored.reduce((sum, c) => sum + c.results.filter((r) => r.error !== undefined).length, 0);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, scored, log, failedEvaluations };
}
