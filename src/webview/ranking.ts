import { rankCandidates } from '../core/ranking';
import type { CandidateView, RunView } from '../core/runView';
import { readOriginalText } from './runMeta';

/** The run's candidates in table order, with the lookups every component needs. */
export interface Ranking {
  /** Best first, by core's one ranking rule (`core/ranking.ts`). */
  ranked: CandidateView[];
  /** 1-based rank by id. */
  rankOf: Map<string, number>;
  byId: Map<string, CandidateView>;
  best: CandidateView | undefined;
  /** The seed that is the user's original prompt. */
  baselineId: string | undefined;
  original: string;
}

export function rankRun(record: RunView): Ranking {
  const ranked = rankCandidates(record.candidates);
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
export function filterCandidates(ranked: readonly CandidateView[], query: string): CandidateView[] {
  const needle = query.trim().toLowerCase();
  return needle === '' ? [...ranked] : ranked.filter((c) => c.instruction.toLowerCase().includes(needle));
}
