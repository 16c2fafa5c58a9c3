import type { RunRecord, ScoredCandidate } from '../runRecord';
import { valueOf } from './objective';

/** Candidates in the order they joined the history: by step, then position within the step. */
export function historyOrder(a: ScoredCandidate, b: ScoredCandidate): number {
  return a.step - b.step || a.ordinal - b.ordinal;
}

/** Inserts a candidate where history order puts it, so the saved file is always in that order. */
export function insertCandidate(record: RunRecord, candidate: ScoredCandidate): void {
  let at = record.candidates.length;
  while (at > 0 && historyOrder(record.candidates[at - 1] as ScoredCandidate, candidate) > 0) {
    at -= 1;
  }
  record.candidates.splice(at, 0, candidate);
}

/**
 * The best candidate by training score (length-penalized when the run says so); ties go to the earliest in history order. Partly scored
 * candidates (adaptive evaluation) count only when nothing was fully scored.
 */
export function bestCandidate(record: RunRecord): ScoredCandidate | undefined {
  const full = record.candidates.filter((c) => c.partial !== true);
  let best: ScoredCandidate | undefined;
  for (const candidate of full.length > 0 ? full : record.candidates) {
    if (best === undefined || valueOf(candidate) > valueOf(best)) {
      best = candidate;
    }
  }
  return best;
}

/** Candidates by training score, best first, fully scored ones before partial ones; ties by history order. */
export function rankedCandidates(record: RunRecord): ScoredCandidate[] {
  const partial = (c: ScoredCandidate): number => (c.partial === true ? 1 : 0);
  return record.candidates.slice().sort((a, b) => partial(a) - partial(b) || valueOf(b) - valueOf(a) || historyOrder(a, b));
}

/** How many finished steps in a row ended without beating the best score reached before them. */
export function stepsWithoutImprovement(record: RunRecord): number {
  let best = -1;
  let stale = 0;
  const finished = new Set(record.steps.filter((s) => s.done).map((s) => s.step));
  const maxStep = Math.max(0, ...finished);
  for (let step = 0; step <= maxStep; step++) {
    const scores = record.candidates.filter((c) => c.step === step && c.partial !== true).map(valueOf);
    const stepBest = Math.max(-1, ...scores);
    if (stepBest > best) {
      best = stepBest;
      stale = 0;
    } else if (step > 0) {
      stale += 1;
    }
  }
  return stale;
}

/** The best fully scored candidate from the steps before `step`: the incumbent adaptive evaluation compares against. */
export function incumbentBefore(record: RunRecord, step: number): ScoredCandidate | undefined {
  return bestCandidate({ ...record, candidates: record.candidates.filter((c) => c.step < step && c.partial !== true) });
}
