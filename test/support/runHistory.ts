import type { RunRecord, ScoredCandidate } from '../../src/core/runRecord';

/** One candidate as two equivalent runs must agree on: where it sits in the history, its score and its text. */
export function candidateLine(candidate: ScoredCandidate): string {
  return `${candidate.step}/${candidate.ordinal} ${candidate.score} ${candidate.instruction}`;
}

/** Every candidate of a run, in history order, as `step/ordinal score instruction` lines. */
export function candidateHistory(record: RunRecord): string[] {
  return record.candidates.map(candidateLine);
}
