/** A candidate as the trade-off chart places it. */
export interface TradeOffPoint {
  id: string;
  /** Prompt tokens (instruction and demonstrations), the cost of every call. */
  tokens: number;
  /** Training score in [0, 1]. */
  score: number;
}

/**
 * The Pareto front of score against prompt tokens: every candidate no other one beats on both
 * (at most as many tokens and at least the score, better on one). Sorted by tokens ascending, so
 * score rises along it; of candidates equal on both, the first listed stands for them.
 */
export function paretoFront<T extends TradeOffPoint>(points: readonly T[]): T[] {
  const sorted = points.slice().sort((a, b) => a.tokens - b.tokens || b.score - a.score);
  const front: T[] = [];
  for (const point of sorted) {
    const last = front[front.length - 1];
    if (last === undefined || point.score > last.score) {
      front.push(point);
    }
  }
  return front;
}

/** Prompt tokens that make a difference in cost per call, whatever the ratio. */
export const MATERIAL_TOKENS = 50;

/**
 * Whether the panel shows the trade-off: the run penalizes length, some prompt carries
 * demonstrations, or the prompts' costs per call differ materially (the longest is at least 1.5
 * times the shortest and at least MATERIAL_TOKENS longer).
 */
export function showsTradeOff(points: readonly (TradeOffPoint & { hasDemos?: boolean })[], lengthPenalty: number): boolean {
  if (points.length < 2) {
    return false;
  }
  if (lengthPenalty > 0 || points.some((p) => p.hasDemos === true)) {
    return true;
  }
  const tokens = points.map((p) => p.tokens);
  const [shortest, longest] = [Math.min(...tokens), Math.max(...tokens)];
  return longest >= 1.5 * Math.max(1, shortest) && longest - shortest >= MATERIAL_TOKENS;
}
