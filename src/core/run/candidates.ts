import { createHash } from 'node:crypto';
import type { CandidateOrigin, ScoredCandidate, SplitScore } from '../runRecord';
import { candidateView, splitSummary, type CandidateView } from '../runView';
import { adaptiveOrder, raceStep, type Entrant } from './adaptiveScoring';
import { candidatePrompt, rowsWithoutDemos } from './candidatePrompt';
import { insertCandidate } from './history';
import { objectiveFields } from './objective';
import { scoreInstruction } from './scoring';
import { isIncomplete } from './splitScore';
import type { RunSession } from './session';

/** An instruction waiting to be scored, with its place in the history. */
export interface PendingCandidate {
  instruction: string;
  step: number;
  ordinal: number;
  origin: CandidateOrigin;
  /** Training rows shown as demonstrations (`RunConfig.demos`). */
  demos?: number[];
}

/** sha256 of the instruction (and of its demonstrations' rows, when it has some), first 16 hex chars. */
export function candidateId(instruction: string, demos: readonly number[] = []): string {
  const text = demos.length === 0 ? instruction : `${instruction}\u0000demos:${demos.join(',')}`;
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Scores the candidates not yet in the record, all at once. Each is saved and then announced as soon
 * as it is complete, so a crash loses only what was in flight. After every one has settled, the first
 * error (cancellation, budget, fatal endpoint error, a write that failed) is rethrown. With adaptive
 * evaluation and an incumbent, a step's proposals race instead (see raceStep).
 */
export async function scoreCandidates(session: RunSession, pending: PendingCandidate[], incumbent?: CandidateView): Promise<void> {
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
  await settleAll(
    fresh.map(async (p) => recordCandidate(session, p, await scoreInstruction(candidatePrompt(p, record), rowsWithoutDemos(record.train, p), session.scoring))),
  );
}

async function raceCandidates(session: RunSession, pending: PendingCandidate[], incumbent: CandidateView): Promise<void> {
  const { record, config, store } = session;
  const recorded = new Map(record.candidates.map((c) => [c.instruction, c]));
  const byText = new Map(pending.map((p) => [p.instruction, p]));
  const entrants: Entrant[] = [];
  for (const instruction of byText.keys()) {
    const known = recorded.get(instruction);
    entrants.push({ instruction, results: [], ...(known === undefined ? {} : { recorded: await store.results(known.id, 'train') }) });
  }
  await raceStep(
    entrants,
    {
      order: adaptiveOrder(record.train, config.seed),
      incumbent: { instruction: incumbent.instruction, results: await store.results(incumbent.id, 'train') },
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
  const { demos, ...place } = pending;
  const candidate: ScoredCandidate = {
    id: candidateId(pending.instruction, demos),
    ...place,
    ...(demos === undefined || demos.length === 0 ? {} : { demos }),
    ...split,
    ...objectiveFields(candidatePrompt(pending, session.record), split.score, session.config.lengthPenalty),
    ...(partial ? { partial } : {}),
    ...(isIncomplete(split) ? { incomplete: true } : {}),
    scoredAt: new Date().toISOString(),
  };
  const view = candidateView(candidate);
  insertCandidate(session.record, view);
  session.record.updatedAt = candidate.scoredAt;
  await session.store.recordCandidate(candidate, session.record);
  session.emit({ type: 'candidateScored', candidate: view, usage: session.meter.snapshot() });
  return candidate;
}

/**
 * Asks again, on the same rows, every example of an incomplete candidate (a resumed run): answers
 * already paid come back from the cache for free, so only what failed (or was cut at a limit that
 * has since been raised) costs anything. The rows come back from the store; each split that left
 * examples out is scored again, saved (a new details line, the log's last line wins) and announced.
 */
export async function rescoreIncomplete(session: RunSession): Promise<void> {
  const { record } = session;
  const todo = record.candidates.filter((c) => c.incomplete === true || (c.validation !== undefined && isIncomplete(c.validation)));
  await settleAll(
    todo.map(async (stale) => {
      const current = stale.incomplete === true ? await rescoreTrain(session, stale) : stale;
      if (current.validation !== undefined && isIncomplete(current.validation)) {
        await rescoreValidation(session, current);
      }
    }),
  );
}

async function rowsOf(session: RunSession, candidateId: string, split: 'train' | 'validation'): Promise<number[]> {
  return (await session.store.results(candidateId, split)).map((r) => r.example);
}

async function rescoreTrain(session: RunSession, stale: CandidateView): Promise<CandidateView> {
  const split = await scoreInstruction(candidatePrompt(stale, session.record), await rowsOf(session, stale.id, 'train'), session.scoring);
  const { truncated: _t, errored: _e, incomplete: _i, ci95: _c, validation, ...kept } = stale;
  const candidate: ScoredCandidate = {
    ...kept,
    ...split,
    ...objectiveFields(candidatePrompt(stale, session.record), split.score, session.config.lengthPenalty),
    ...(isIncomplete(split) ? { incomplete: true } : {}),
    // The log line carries the light validation score (its results stay where they are on disk).
    ...(validation === undefined ? {} : { validation: { ...validation, results: [] } }),
    scoredAt: new Date().toISOString(),
  };
  const view = candidateView(candidate);
  replaceCandidate(session, stale, view);
  session.record.updatedAt = candidate.scoredAt;
  await session.store.recordCandidate(candidate, session.record);
  session.emit({ type: 'candidateScored', candidate: view, usage: session.meter.snapshot() });
  return view;
}

async function rescoreValidation(session: RunSession, stale: CandidateView): Promise<void> {
  const split = await scoreInstruction(candidatePrompt(stale, session.record), await rowsOf(session, stale.id, 'validation'), session.scoring);
  const validation = splitSummary(split);
  replaceCandidate(session, stale, { ...stale, validation });
  await session.store.recordValidation(stale.id, split, session.record);
  session.emit({ type: 'validationScored', candidateId: stale.id, validation, usage: session.meter.snapshot() });
}

/** Candidates are replaced, never edited (see `applyRunEvent`). */
function replaceCandidate(session: RunSession, stale: CandidateView, fresh: CandidateView): void {
  const at = session.record.candidates.indexOf(stale);
  if (at !== -1) {
    session.record.candidates[at] = fresh;
  }
}

/** Waits for every promise, then rethrows the first rejection (so no work outlives the call). */
async function settleAll(work: Array<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
}
