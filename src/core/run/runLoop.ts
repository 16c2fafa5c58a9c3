import { OproError, isCancellation } from '../errors';
import { rankingValue } from '../ranking';
import type { StopReason } from '../runRecord';
import { splitSummary, stepView, type RunError, type RunView } from '../runView';
import type { RunState } from '../store/logEntry';
import { BudgetExhausted } from './callBudget';
import { rescoreIncomplete, scoreCandidates } from './candidates';
import { bestCandidate, incumbentBefore, rankedCandidates, stepsWithoutImprovement } from './history';
import { candidatePrompt } from './candidatePrompt';
import { compareWithSeed } from './seedComparison';
import { proposeStep } from './proposals';
import { scoreInstruction } from './scoring';
import type { RunSession } from './session';

type FinishReason = Exclude<StopReason, 'cancelled' | 'failed'>;

/** The step the run works on next: an unfinished one, else the one after the last. */
export function nextStep(record: Pick<RunState, 'steps'>): number {
  const open = record.steps.find((s) => !s.done);
  if (open !== undefined) {
    return open.step;
  }
  return record.steps.reduce((last, s) => Math.max(last, s.step), 0) + 1;
}

/** The light view of a run's state (what events and front ends get). */
export function viewOf(record: RunState): RunView {
  const { examples: _examples, train: _train, validation: _validation, ...view } = record;
  return structuredClone(view);
}

/**
 * Drives a run to its end: seeds, steps until a stop condition, validation of the best. Resolves with
 * the run's view when it finishes or is cancelled; on a fatal error it saves, emits `runFailed` and
 * rejects. What finished is always on disk.
 */
export async function driveRun(session: RunSession): Promise<RunView> {
  try {
    await setStatus(session, { status: 'running' });
    const reason = await optimize(session);
    await scoreValidation(session);
    return await finish(session, reason);
  } catch (err) {
    if (err instanceof BudgetExhausted) {
      return await finish(session, err.reason).catch((saveErr: unknown) => failed(session, saveErr));
    }
    if (isCancellation(err) || session.signal?.aborted === true) {
      return await cancel(session).catch((saveErr: unknown) => failed(session, saveErr));
    }
    return failed(session, err);
  } finally {
    session.halt.release();
    await session.scoring.grader.close?.();
  }
}

async function failed(session: RunSession, err: unknown): Promise<never> {
  await fail(session, err);
  throw err;
}

async function optimize(session: RunSession): Promise<FinishReason> {
  const { record, config } = session;
  await rescoreIncomplete(session);
  await scoreCandidates(
    session,
    config.seedInstructions.map((instruction, ordinal) => ({ instruction, step: 0, ordinal, origin: 'seed' as const })),
  );
  for (;;) {
    const reason = stopReason(session);
    if (reason !== undefined) {
      return reason;
    }
    const step = nextStep(record);
    session.emit({ type: 'stepStarted', step, totalSteps: config.steps });
    await scoreUserInstructions(session, step);
    let stepRecord = record.steps.find((s) => s.step === step);
    if (stepRecord === undefined) {
      session.budget.check();
      const proposed = await proposeStep(record, step, session.proposing);
      stepRecord = stepView(proposed);
      record.steps.push(stepRecord);
      await session.store.recordStep(proposed, record);
      session.emit({ type: 'stepProposed', step: { ...stepRecord } });
    }
    const demos = stepRecord.demos;
    const accepted = stepRecord.accepted.map((instruction, ordinal) => ({ instruction, step, ordinal, origin: 'optimizer' as const, ...(demos?.[ordinal] === undefined ? {} : { demos: demos[ordinal] }) }));
    await scoreCandidates(session, accepted, incumbentBefore(record, step));
    stepRecord.done = true;
    await session.store.recordStepFinished(step, record);
    session.emit({ type: 'stepFinished', step: { ...stepRecord }, bestScore: bestCandidate(record)?.score ?? 0, usage: session.meter.snapshot() });
  }
}

function stopReason(session: RunSession): FinishReason | undefined {
  const { record, config } = session;
  const finishedSteps = record.steps.filter((s) => s.done).length;
  const best = bestCandidate(record);
  if (best !== undefined && rankingValue(best) >= config.targetScore) {
    return 'target';
  }
  if (finishedSteps >= config.steps) {
    return 'steps';
  }
  if (config.patience > 0 && stepsWithoutImprovement(record) >= config.patience) {
    return 'patience';
  }
  session.budget.check();
  return undefined;
}

async function scoreUserInstructions(session: RunSession, step: number): Promise<void> {
  const texts = session.deps.takeUserInstructions?.() ?? [];
  const base = -texts.length - session.record.candidates.filter((c) => c.step === step && c.origin === 'user').length;
  await scoreCandidates(
    session,
    texts.map((instruction, i) => ({ instruction, step, ordinal: base + i, origin: 'user' as const })),
  );
}

/** Scores the best few instructions and the seeds on the validation rows, when there are any. */
async function scoreValidation(session: RunSession): Promise<void> {
  const { record, config } = session;
  if (record.validation.length === 0) {
    return;
  }
  const chosen = rankedCandidates(record).slice(0, config.validationTopK);
  const seeds = record.candidates.filter((c) => c.origin === 'seed');
  const todo = [...new Set([...chosen, ...seeds])].filter((c) => c.validation === undefined);
  await Promise.all(
    todo.map(async (candidate) => {
      const split = await scoreInstruction(candidatePrompt(candidate, record), record.validation, session.scoring);
      candidate.validation = splitSummary(split);
      await session.store.recordValidation(candidate.id, split, record);
      session.emit({ type: 'validationScored', candidateId: candidate.id, validation: candidate.validation, usage: session.meter.snapshot() });
    }),
  );
}

type StatusChange = Pick<RunState, 'status' | 'stopReason' | 'error' | 'comparison'>;

/** Sets the run's status (and clears an old stop reason, error or comparison) and saves it before going on. */
async function setStatus(session: RunSession, change: StatusChange): Promise<void> {
  const { record } = session;
  delete record.stopReason;
  delete record.error;
  delete record.comparison;
  Object.assign(record, change, { updatedAt: new Date().toISOString() });
  await session.store.recordStatus(record);
}

async function finish(session: RunSession, reason: FinishReason): Promise<RunView> {
  const comparison = await compareWithSeed(session.record, session.store);
  await setStatus(session, { status: 'finished', stopReason: reason, ...(comparison === undefined ? {} : { comparison }) });
  const best = bestCandidate(session.record);
  const ended = { ...(best === undefined ? {} : { best: { ...best } }), ...(comparison === undefined ? {} : { comparison }) };
  session.emit({ type: 'runFinished', reason, ...ended, usage: session.meter.snapshot() });
  return viewOf(session.record);
}

async function cancel(session: RunSession): Promise<RunView> {
  await setStatus(session, { status: 'cancelled', stopReason: 'cancelled' });
  session.emit({ type: 'runCancelled', usage: session.meter.snapshot() });
  return viewOf(session.record);
}

/** Marks the run failed and says so; when even that cannot be saved, the event still goes out. */
async function fail(session: RunSession, err: unknown): Promise<void> {
  const kind = err instanceof OproError ? err.kind : 'internal';
  const error: RunError = { kind, message: err instanceof Error ? err.message : String(err) };
  await setStatus(session, { status: 'failed', stopReason: 'failed', error }).catch(() => undefined);
  session.emit({ type: 'runFailed', error, usage: session.meter.snapshot() });
}
