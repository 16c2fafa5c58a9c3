import type { RunConfig } from './config';
import type { EngineDeps, ResumeDeps } from './engineDeps';
import type { RunRecord, ScoredCandidate } from './runRecord';
import { candidateId, scoreCandidates } from './run/candidates';
import { pickExemplars } from './run/exemplars';
import { newRunRecord } from './run/newRecord';
import { metaPromptFor } from './run/proposals';
import { driveRun, nextStep } from './run/runLoop';
import { resumeConfig } from './run/resumeConfig';
import { readRunRecord, removeStaleTempFiles } from './run/runStore';
import { datasetChangeWarning, longPromptWarnings } from './run/runWarnings';
import { openSession, saveSession, type RunSession } from './run/session';

export { readRunRecord };

/**
 * Loads the dataset, scores the seeds and runs the OPRO loop. Resolves with the final record when the
 * run finishes or is cancelled; rejects on a fatal error (bad config or dataset, wrong key, unknown
 * model), after saving what finished and emitting `runFailed` when the run had started.
 */
export async function startRun(config: RunConfig, deps: EngineDeps, signal?: AbortSignal): Promise<RunRecord> {
  const record = await newRunRecord(config, deps.meta, deps.runId);
  const session = await openSession(record, config, deps, signal);
  session.emit({ type: 'runStarted', record: structuredClone(record), resumed: false });
  longPromptWarnings(config, record.train.length).forEach(session.warn);
  return driveRun(session);
}

/** Continues a cancelled, failed or crashed run from its file; finished work is never paid again. */
export async function resumeRun(runFile: string, deps: ResumeDeps, signal?: AbortSignal): Promise<RunRecord> {
  await removeStaleTempFiles(runFile);
  const session = await reopenSession(runFile, deps, signal);
  const { record } = session;
  const warning = await datasetChangeWarning(record);
  session.emit({ type: 'runStarted', record: structuredClone(record), resumed: true });
  if (warning !== undefined) {
    session.warn(warning);
  }
  return driveRun(session);
}

/**
 * Scores instructions on the training split without optimizing ("Evaluate Prompt", `opro eval`).
 * Returns one candidate per distinct instruction, in the order given.
 */
export async function evaluateInstructions(
  config: RunConfig,
  instructions: string[],
  deps: EngineDeps,
  signal?: AbortSignal,
): Promise<ScoredCandidate[]> {
  const evalConfig: RunConfig = { ...config, seedInstructions: instructions, steps: 0, targetScore: 1, validationTopK: 0 };
  const record = await startRun(evalConfig, deps, signal);
  if (record.status === 'cancelled') {
    return [];
  }
  const byId = new Map(record.candidates.map((c) => [c.id, c]));
  return [...new Set(instructions)].flatMap((text) => byId.get(candidateId(text)) ?? []);
}

/** Scores a person's instruction against a saved (not running) run and appends it to the file. */
export async function scoreUserInstruction(
  runFile: string,
  instruction: string,
  deps: ResumeDeps,
  signal?: AbortSignal,
): Promise<ScoredCandidate> {
  const session = await reopenSession(runFile, deps, signal);
  const { record } = session;
  const step = nextStep(record);
  const ordinal = -1000 + record.candidates.filter((c) => c.origin === 'user').length;
  try {
    await scoreCandidates(session, [{ instruction, step, ordinal, origin: 'user' }]);
    await saveSession(session);
  } finally {
    await session.scoring.grader.close?.();
  }
  return record.candidates.find((c) => c.id === candidateId(instruction)) as ScoredCandidate;
}

/** A saved run's session: its own endpoints, the user's credentials in every role, then `patchConfig`. */
async function reopenSession(runFile: string, deps: ResumeDeps, signal?: AbortSignal): Promise<RunSession> {
  const record = await readRunRecord(runFile);
  const config = resumeConfig(runFile, record.config, deps);
  return openSession(record, config, { runFile, ...deps }, signal);
}

/** The meta-prompt the next step of this run would send. */
export function nextMetaPrompt(record: RunRecord): string {
  const step = nextStep(record);
  const pending = record.steps.find((s) => s.step === step);
  return pending?.metaPrompt ?? metaPromptFor(record, record.config, pickExemplars(record, record.config, step));
}
