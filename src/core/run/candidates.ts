import { createHash } from 'node:crypto';
import type { CandidateOrigin, ScoredCandidate } from '../runRecord';
import { insertCandidate } from './history';
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
 * error (cancellation, budget, fatal endpoint error) is rethrown.
 */
export async function scoreCandidates(session: RunSession, pending: PendingCandidate[]): Promise<ScoredCandidate[]> {
  const known = new Set(session.record.candidates.map((c) => c.instruction));
  const fresh = pending.filter((p) => {
    const isNew = !known.has(p.instruction);
    known.add(p.instruction);
    return isNew;
  });
  const outcomes = await Promise.allSettled(fresh.map((p) => scoreOne(session, p)));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  return outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
}

async function scoreOne(session: RunSession, pending: PendingCandidate): Promise<ScoredCandidate> {
  const split = await scoreInstruction(pending.instruction, session.record.train, session.scoring);
  const candidate: ScoredCandidate = {
    id: candidateId(pending.instruction),
    ...pending,
    ...split,
    scoredAt: new Date().toISOString(),
  };
  insertCandidate(session.record, candidate);
  session.emit({ type: 'candidateScored', candidate, usage: session.meter.snapshot() });
  await saveSession(session);
  return candidate;
}
