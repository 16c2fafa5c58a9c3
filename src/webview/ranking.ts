import type { RunRecord, ScoredCandidate } from '../core/runRecord';
import { readOriginalText } from './runMeta';

/** The run's candidates in table order, with the lookups every component needs. */
export interface Ranking {
  /** Best first: score (the length-penalized objective when the run has one) descending, ties by step, then proposal order. */
  ranked: ScoredCandidate[];
  /** 1-based rank by id. */
  rankOf: Map<string, number>;
  byId: Map<string, ScoredCandidate>;
  best: ScoredCandidate | undefined;
  /** The seed that is the user's original prompt. */
  baselineId: string | undefined;
  original: string;
}

/** What the engine ranks by: `objective` when the run penalizes length, else the training score. */
export function rankingScore(candidate: ScoredCandidate): number {
  return candidate.objective ?? candidate.score;
}

export function compareCandidates(a: ScoredCandidate, b: ScoredCandidate): number {
  return rankingScore(b) - rankingScore(a) || a.step - b.step || a.ordinal - b.ordinal;
}

export function rankRun(record: RunRecord): Ranking {
  const ranked = [...record.candidates].sort(compareCandidates);
  const original = readOriginalText(record);
  const seeds = record.candidates.filter((c) => c.origin === 'seed');
  const baseline = seeds.find((c) => c.instruction.trim() === original.trim()) ?? seeds[0];
  return {
    ranked,
    rankOf: new Map(ranked.map((c, i) => [c.id, i + 1])),
    byId: new Map(ranked.map((c) => [c.id, c])),
    best: ranked[0],
    baselineId: baseline?.id,
    original,
  };
}

/** Case-insensitive substring match on the instruction; an empty query matches all. */
export function filterCandidates(ranked: readonly ScoredCandidate[], query: string): ScoredCandidate[] {
  const needle = query.trim().toLowerCase();
  return needle === '' ? [...ranked] : ranked.filter((c) => c.instruction.toLowerCase().includes(needle));
}
