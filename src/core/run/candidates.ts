import { createHash } from 'node:crypto';
import type { CandidateOrigin, ScoredCandidate, SplitScore } from '../runRecord';
import { adaptiveOrder, raceStep, type Entrant } from './adaptiveScoring';
import { insertCandidate } from './history';
import { objectiveFields } from './objective';
import { scoreInstruction } from './scoring';
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
  const outcomes = await Promise.allSettled(
    fresh.map(async (p) => recordCandidate(session, p, await scoreInstruction(p.instruction, record.train, session.scoring))),
  );
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
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
    scoredAt: new Date().toISOString(),
  };
  insertCandidate(session.record, candidate);
  session.emit({ type: 'candidateScored', candidate, usage: session.meter.snapshot() });
  await saveSession(session);
  return candidate;
}
