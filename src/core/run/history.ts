import { bestCandidate as bestOf, historyOrder, rankCandidates, rankingValue } from '../ranking';
import type { RunRecord, ScoredCandidate } from '../runRecord';

/** Inserts a candidate where history order puts it, so the saved file is always in that order. */
export function insertCandidate(record: RunRecord, candidate: ScoredCandidate): void {
  let at = record.candidates.length;
  while (at > 0 && historyOrder(record.candidates[at - 1] as ScoredCandidate, candidate) > 0) {
    at -= 1;
  }
  record.candidates.splice(at, 0, candidate);
}

/** The run's best candidate by the one ranking rule (`core/ranking.ts`). */
export function bestCandidate(record: RunRecord): ScoredCandidate | undefined {
  return bestOf(record.candidates);
}

/** The run's candidates best first, by the one ranking rule. */
export function rankedCandidates(record: RunRecord): ScoredCandidate[] {
  return rankCandidates(record.candidates);
}

/** How many finished steps in a row ended without beating the best score reached before them. */
export function stepsWithoutImprovement(record: RunRecord): number {
  let best = -1;
  let stale = 0;
  const finished = new Set(record.steps.filter((s) => s.done).map((s) => s.step));
  const maxStep = Math.max(0, ...finished);
  for (let step = 0; step <= maxStep; step++) {
    const scores = record.candidates.filter((c) => c.step === step && c.partial !== true).map(rankingValue);
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
  return bestOf(record.candidates.filter((c) => c.step < step && c.partial !== true));
}
