// Which candidate is best: the one rule the engine, the CLI, the extension and the panel all use.
// Dependency-free on purpose (no imports at all), so the webview bundle can include it.

/** The fields ranking reads; a full scored candidate and the panel's light one both have them. */
export interface Rankable {
  /** Training score in [0, 1]. */
  score: number;
  /** score − λ × tokens when the run penalizes length; ranking uses it instead of `score`. */
  objective?: number;
  /** Adaptive evaluation stopped it early: its score covers only some rows. */
  partial?: boolean;
  /** 0 for seeds, else the step that proposed it. */
  step: number;
  /** Position within its step; ties keep this order. */
  ordinal: number;
}

/** What ranking compares: the length-penalized objective when the run has one, else the score. */
export function rankingValue(candidate: Pick<Rankable, 'score' | 'objective'>): number {
  return candidate.objective ?? candidate.score;
}

/** History order: by step, then position within the step. */
export function historyOrder(a: Rankable, b: Rankable): number {
  return a.step - b.step || a.ordinal - b.ordinal;
}

/**
 * Best first: fully scored candidates before partly scored ones, then by ranking value descending,
 * ties by history order (the earlier one wins).
 */
export function compareCandidates(a: Rankable, b: Rankable): number {
  return Number(a.partial === true) - Number(b.partial === true) || rankingValue(b) - rankingValue(a) || historyOrder(a, b);
}

/** The candidates best first (a new array). */
export function rankCandidates<T extends Rankable>(candidates: readonly T[]): T[] {
  return candidates.slice().sort(compareCandidates);
}

/** The best candidate, or undefined when there is none. Linear: no sort. */
export function bestCandidate<T extends Rankable>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) {
    if (best === undefined || compareCandidates(candidate, best) < 0) {
      best = candidate;
    }
  }
  return best;
}
