import { createHash } from 'node:crypto';
import type { CandidateOrigin, ScoredCandidate, SplitScore } from '../runRecord';
import { adaptiveOrder, raceStep, type Entrant } from './adaptiveScoring';
import { insertCandidate } from './history';
import { objectiveFields } from './objective';
import { scoreInstruction } from './scoring';
import { isIncomplete } from './splitScore';
import { saveSession, type RunSession } from './session';

/** An instruction waiting to be scored, with its place in the history. */
export interface PendingCandidate {
  instruction: string;
  step: number;
  ordinal: number;
  origin: CandidateOrigin;
}

export function candidateId(instruction: string): string {
  return createHash('sha256').update(instruction, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Scores the candidates not yet in the record, all at once. Each is saved and announced as soon as
 * it is complete, so a crash loses only what was in flight. After every one has settled, the first
 * error (cancellation, budget, fatal endpoint error) is rethrown. With adaptive evaluation and an
 * incumbent, a step's proposals race instead (see raceStep).
 */
export async function scoreCandidates(
  session: RunSession,
  pending: PendingCandidate[],
  incumbent?: ScoredCandidate,
): Promise<void> {
  const { record, config } = session;
  if (config.evaluation === 'adaptive' && incumbent !== undefined && pending.every((p) => p.origin === 'optimizer')) {
    await raceCandidates(session, pending, incumbent);
    return;
  }
  const known = new Set(record.candidates.map((c) => c.instruction));
  const fresh = pending.filter((p) => {
    const isNew = !known.has(p.instruction);
    known.add(p.instruction);
    return isNew;
  });
  await settleAll(fresh.map(async (p) => recordCandidate(session, p, await scoreInstruction(p.instruction, record.train, session.scoring))));
}

async function raceCandidates(session: RunSession, pending: PendingCandidate[], incumbent: ScoredCandidate): Promise<void> {
  const { record, config } = session;
  const recorded = new Map(record.candidates.map((c) => [c.instruction, c]));
  const byText = new Map(pending.map((p) => [p.instruction, p]));
  const entrants: Entrant[] = [...byText.keys()].map((instruction) => {
    const results = recorded.get(instruction)?.results;
    return { instruction, results: [], ...(results === undefined ? {} : { recorded: results }) };
  });
  await raceStep(
    entrants,
    {
      order: adaptiveOrder(record.train, config.seed),
      incumbent,
      lengthPenalty: config.lengthPenalty,
      onFinished: async ({ instruction, partial, ...split }) => {
        const p = byText.get(instruction);
        if (p !== undefined && !recorded.has(instruction)) {
          await recordCandidate(session, p, split, partial);
        }
      },
    },
    session.scoring,
  );
}

async function recordCandidate(session: RunSession, pending: PendingCandidate, split: SplitScore, partial = false): Promise<ScoredCandidate> {
  const candidate: ScoredCandidate = {
    id: candidateId(pending.instruction),
    ...pending,
    ...split,
    ...objectiveFields(pending.instruction, split.score, session.config.lengthPenalty),
    ...(partial ? { partial } : {}),
    ...(isIncomplete(split) ? { incomplete: true } : {}),
    scoredAt: new Date().toISOString(),
  };
  insertCandidate(session.record, candidate);
  session.emit({ type: 'candidateScored', candidate, usage: session.meter.snapshot() });
  await saveSession(session);
  return candidate;
}

/**
 * Asks again, on the same rows, every example of an incomplete candidate (a resumed run): answers
 * already paid come back from the cache for free, so only what failed (or was cut at a limit that
 * has since been raised) costs anything. Each candidate is replaced in place, announced and saved.
 */
export async function rescoreIncomplete(session: RunSession): Promise<void> {
  const { record } = session;
  const todo = record.candidates.filter((c) => c.incomplete === true || (c.validation !== undefined && isIncomplete(c.validation)));
  await settleAll(
    todo.map(async (stale) => {
      const split = await scoreInstruction(stale.instruction, stale.results.map((r) => r.example), session.scoring);
      const validation = stale.validation !== undefined && isIncomplete(stale.validation)
        ? await scoreInstruction(stale.instruction, stale.validation.results.map((r) => r.example), session.scoring)
        : stale.validation;
      const { truncated: _t, errored: _e, incomplete: _i, ...kept } = stale;
      const candidate: ScoredCandidate = {
        ...kept,
        ...split,
        ...objectiveFields(stale.instruction, split.score, session.config.lengthPenalty),
        ...(isIncomplete(split) ? { incomplete: true } : {}),
        ...(validation === undefined ? {} : { validation }),
        scoredAt: new Date().toISOString(),
      };
      record.candidates[record.candidates.indexOf(stale)] = candidate;
      session.emit({ type: 'candidateScored', candidate, usage: session.meter.snapshot() });
      await saveSession(session);
    }),
  );
}

/** Waits for every promise, then rethrows the first rejection (so no work outlives the call). */
async function settleAll(work: Array<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
}
