import { bestCandidate as bestOf, historyOrder, rankCandidates, rankingValue } from '../ranking';
import type { CandidateView, StepView } from '../runView';

/** What the history functions read of a run: its light candidates and steps. */
export interface History {
  candidates: CandidateView[];
  steps: StepView[];
}

/** Inserts a candidate where history order puts it, so the candidates are always in that order. */
export function insertCandidate(history: Pick<History, 'candidates'>, candidate: CandidateView): void {
  let at = history.candidates.length;
  while (at > 0 && historyOrder(history.candidates[at - 1] as CandidateView, candidate) > 0) {
    at -= 1;
  }
  history.candidates.splice(at, 0, candidate);
}

/** The run's best candidate by the one ranking rule (`core/ranking.ts`). */
export function bestCandidate(history: Pick<History, 'candidates'>): CandidateView | undefined {
  return bestOf(history.candidates);
}

/** The run's candidates best first, by the one ranking rule. */
export function rankedCandidates(history: Pick<History, 'candidates'>): CandidateView[] {
  return rankCandidates(history.candidates);
}

/** How many finished steps in a row ended without beating the best score reached before them. */
export function stepsWithoutImprovement(history: History): number {
  let best = -1;
  let stale = 0;
  const finished = new Set(history.steps.filter((s) => s.done).map((s) => s.step));
  const maxStep = Math.max(0, ...finished);
  for (let step = 0; step <= maxStep; step++) {
    const scores = history.candidates.filter((c) => c.step === step && c.partial !== true).map(rankingValue);
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
export function incumbentBefore(history: Pick<History, 'candidates'>, step: number): CandidateView | undefined {
  return bestOf(history.candidates.filter((c) => c.step < step && c.partial !== true));
}
