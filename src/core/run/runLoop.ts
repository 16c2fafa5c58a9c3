import { OproError, isCancellation } from '../errors';
import type { RunRecord, StopReason } from '../runRecord';
import { BudgetExhausted } from './callBudget';
import { rescoreIncomplete, scoreCandidates } from './candidates';
import { bestCandidate, incumbentBefore, rankedCandidates, stepsWithoutImprovement } from './history';
import { rankingValue } from '../ranking';
import { proposeStep } from './proposals';
import { scoreInstruction } from './scoring';
import { saveSession, type RunSession } from './session';

type FinishReason = Exclude<StopReason, 'cancelled' | 'failed'>;

/** The step the run works on next: an unfinished one, else the one after the last. */
export function nextStep(record: RunRecord): number {
  const open = record.steps.find((s) => !s.done);
  if (open !== undefined) {
    return open.step;
  }
  return record.steps.reduce((last, s) => Math.max(last, s.step), 0) + 1;
}

/**
 * Drives a run to its end: seeds, steps until a stop condition, validation of the best. Resolves with
 * the record when the run finishes or is cancelled; on a fatal error it saves, emits `runFailed` and
 * rejects. What finished is always on disk.
 */
export async function driveRun(session: RunSession): Promise<RunRecord> {
  const { record } = session;
  record.status = 'running';
  delete record.error;
  delete record.stopReason;
  await saveSession(session);
  try {
    const reason = await optimize(session);
    await scoreValidation(session);
    return await finish(session, reason);
  } catch (err) {
    if (err instanceof BudgetExhausted) {
      return await finish(session, err.reason);
    }
    if (isCancellation(err) || session.signal?.aborted === true) {
      return await cancel(session);
    }
    await fail(session, err);
    throw err;
  } finally {
    await session.scoring.grader.close?.();
  }
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
      stepRecord = await proposeStep(record, step, session.proposing);
      record.steps.push(stepRecord);
      session.emit({ type: 'stepProposed', step: stepRecord });
      await saveSession(session);
    }
    const accepted = stepRecord.accepted.map((instruction, ordinal) => ({ instruction, step, ordinal, origin: 'optimizer' as const }));
    await scoreCandidates(session, accepted, incumbentBefore(record, step));
    stepRecord.done = true;
    await saveSession(session);
    session.emit({ type: 'stepFinished', step: stepRecord, bestScore: bestCandidate(record)?.score ?? 0, usage: session.meter.snapshot() });
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
      candidate.validation = await scoreInstruction(candidate.instruction, record.validation, session.scoring);
      session.emit({ type: 'validationScored', candidateId: candidate.id, validation: candidate.validation, usage: session.meter.snapshot() });
      await saveSession(session);
    }),
  );
}

async function finish(session: RunSession, reason: FinishReason): Promise<RunRecord> {
  const { record } = session;
  record.status = 'finished';
  record.stopReason = reason;
  await saveSession(session);
  const best = bestCandidate(record);
  session.emit({ type: 'runFinished', reason, ...(best === undefined ? {} : { best }), usage: session.meter.snapshot() });
  return record;
}

async function cancel(session: RunSession): Promise<RunRecord> {
  session.record.status = 'cancelled';
  session.record.stopReason = 'cancelled';
  await saveSession(session);
  session.emit({ type: 'runCancelled', usage: session.meter.snapshot() });
  return session.record;
}

async function fail(session: RunSession, err: unknown): Promise<void> {
  const kind = err instanceof OproError ? err.kind : 'internal';
  session.record.status = 'failed';
  session.record.stopReason = 'failed';
  session.record.error = { kind, message: err instanceof Error ? err.message : String(err) };
  await saveSession(session);
  session.emit({ type: 'runFailed', error: session.record.error, usage: session.meter.snapshot() });
}
