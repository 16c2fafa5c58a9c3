import type { RunConfig } from './config';
import type { EngineDeps, ResumeDeps } from './engineDeps';
import type { ScoredCandidate } from './runRecord';
import type { RunView } from './runView';
import { candidateId, scoreCandidates } from './run/candidates';
import { estimateRun, type RunEstimate } from './run/costEstimate';
import { assertUsableConfig, loadRunDataset, newRunState } from './run/newRunState';
import { stepMetaPrompt } from './run/proposals';
import { driveRun, nextStep, viewOf } from './run/runLoop';
import { resumeConfig } from './run/resumeConfig';
import { datasetChangeWarning, longPromptWarnings } from './run/runWarnings';
import { openSession, type RunSession } from './run/session';
import { createFileStore, openFileStore } from './store/fileStore';
import type { RunState } from './store/logEntry';
import { createMemoryStore } from './store/memoryStore';
import { readRunRecord, readRunState } from './store/readRun';
import type { RunStore } from './store/runStore';
import { removeStaleTempFiles } from './store/staleTempFiles';

export { readRunRecord };

/**
 * What a run on `config` may cost, before it starts and without calling a model: the config checked
 * as `startRun` checks it (a cost limit needs every model priced), the dataset loaded as the run reads it.
 */
export async function estimateRunCost(config: RunConfig): Promise<RunEstimate> {
  assertUsableConfig(config);
  const dataset = await loadRunDataset(config);
  return estimateRun(config, dataset.examples);
}

/**
 * Loads the dataset, scores the seeds and runs the OPRO loop. Resolves with the run's light view when
 * it finishes or is cancelled (per-example results are in the run files: `readRunRecord`); rejects on
 * a fatal error (bad config or dataset, wrong key, unknown model, a run file that cannot be written),
 * after saving what finished and emitting `runFailed` when the run had started.
 */
export async function startRun(config: RunConfig, deps: EngineDeps, signal?: AbortSignal): Promise<RunView> {
  return (await runNew(config, deps, signal)).view;
}

async function runNew(config: RunConfig, deps: EngineDeps, signal?: AbortSignal): Promise<{ view: RunView; store: RunStore }> {
  const record = await newRunState(config, deps.meta, deps.runId);
  const store = deps.runFile === undefined ? createMemoryStore() : await createFileStore(deps.runFile, record, deps.storeFs);
  const session = await openSession({ record, config, store }, deps, signal);
  session.emit({ type: 'runStarted', record: viewOf(record), resumed: false });
  longPromptWarnings(config, record.train.length).forEach(session.warn);
  return { view: await driveRun(session), store };
}

/** Continues a cancelled, failed or crashed run from its files; finished work is never paid again. */
export async function resumeRun(runFile: string, deps: ResumeDeps, signal?: AbortSignal): Promise<RunView> {
  await removeStaleTempFiles(runFile);
  const session = await reopenSession(runFile, deps, signal);
  const warning = await datasetChangeWarning(session.record);
  session.emit({ type: 'runStarted', record: viewOf(session.record), resumed: true });
  if (warning !== undefined) {
    session.warn(warning);
  }
  return driveRun(session);
}

/**
 * Scores instructions on the training split without optimizing ("Evaluate Prompt", `opro eval`).
 * Returns one candidate per distinct instruction, in the order given, with its per-example results.
 */
export async function evaluateInstructions(config: RunConfig, instructions: string[], deps: EngineDeps, signal?: AbortSignal): Promise<ScoredCandidate[]> {
  const evalConfig: RunConfig = { ...config, seedInstructions: instructions, steps: 0, targetScore: 1, validationTopK: 0 };
  const { view, store } = await runNew(evalConfig, deps, signal);
  if (view.status === 'cancelled') {
    return [];
  }
  const byId = new Map(view.candidates.map((c) => [c.id, c]));
  const scored: ScoredCandidate[] = [];
  for (const text of new Set(instructions)) {
    const candidate = byId.get(candidateId(text));
    if (candidate !== undefined) {
      const { validation: _validation, ...rest } = candidate;
      scored.push({ ...rest, results: await store.results(candidate.id, 'train') });
    }
  }
  return scored;
}

/** Scores a person's instruction against a saved (not running) run and appends it to the run's files. */
export async function scoreUserInstruction(runFile: string, instruction: string, deps: ResumeDeps, signal?: AbortSignal): Promise<ScoredCandidate> {
  const session = await reopenSession(runFile, deps, signal);
  const { record } = session;
  const step = nextStep(record);
  const ordinal = -1000 + record.candidates.filter((c) => c.origin === 'user').length;
  try {
    await scoreCandidates(session, [{ instruction, step, ordinal, origin: 'user' }]);
  } finally {
    session.halt.release();
    await session.scoring.grader.close?.();
  }
  const id = candidateId(instruction);
  const { validation: _validation, ...candidate } = record.candidates.find((c) => c.id === id) as RunState['candidates'][number];
  return { ...candidate, results: await session.store.results(id, 'train') };
}

/** A saved run's session: its own endpoints, the user's credentials in every role, then `patchConfig`. */
async function reopenSession(runFile: string, deps: ResumeDeps, signal?: AbortSignal): Promise<RunSession> {
  const { state: record, folded } = await readRunState(runFile);
  const config = resumeConfig(runFile, record.config, deps);
  const store = await openFileStore(runFile, folded.index, deps.storeFs);
  return openSession({ record, config, store }, { runFile, ...deps }, signal);
}

/** The meta-prompt the next step of a saved run would send. */
export async function nextMetaPrompt(runFile: string): Promise<string> {
  const { state, folded } = await readRunState(runFile);
  const store = await openFileStore(runFile, folded.index);
  const step = nextStep(state);
  const pending = await store.stepDetails(step);
  return pending?.metaPrompt ?? (await stepMetaPrompt(state, state.config, step, store)).metaPrompt;
}
