import { compareCandidates } from '../core/ranking';
import type { CandidateView } from '../core/runView';

/** The trajectory as uPlot's aligned columns: one x per candidate, so hover and click map to one candidate. */
export interface ChartData {
  /** Candidates in x order: by step, then proposal order. */
  order: CandidateView[];
  x: number[];
  score: number[];
  /** Training score of the best candidate so far at each x, by core's ranking rule (the panel's #1 at the end). */
  bestSoFar: number[];
  /** Validation score where a candidate has one. */
  validation: (number | null)[];
  /** Each training score's 95% interval ([low, high]), null where the candidate has none (an old run). */
  interval: (readonly [number, number] | null)[];
}

function byStep(a: CandidateView, b: CandidateView): number {
  return a.step - b.step || a.ordinal - b.ordinal || (a.id < b.id ? -1 : 1);
}

/**
 * Spreads a step's candidates over [step - 0.4, step + 0.4] so each has its own x, strictly
 * increasing (uPlot needs sorted x) while the axis still reads as "step".
 */
export function buildChartData(candidates: readonly CandidateView[]): ChartData {
  const order = [...candidates].sort(byStep);
  const perStep = new Map<number, number>();
  for (const c of order) {
    perStep.set(c.step, (perStep.get(c.step) ?? 0) + 1);
  }
  const seen = new Map<number, number>();
  const data: ChartData = { order, x: [], score: [], bestSoFar: [], validation: [], interval: [] };
  let best: CandidateView | undefined;
  for (const c of order) {
    const k = seen.get(c.step) ?? 0;
    seen.set(c.step, k + 1);
    const n = perStep.get(c.step) ?? 1;
    best = best === undefined || compareCandidates(c, best) < 0 ? c : best;
    data.x.push(c.step - 0.4 + (0.8 * (k + 0.5)) / n);
    data.score.push(c.score);
    data.bestSoFar.push(best.score);
    data.validation.push(c.validation?.score ?? null);
    data.interval.push(c.ci95 ?? null);
  }
  return data;
}

/** The y range: 0..1 trimmed to the data with a margin, on tenths, so close scores stay apart. */
export function scoreRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null) {
    return [0, 1];
  }
  const low = Math.max(0, Math.floor((min - 0.05) * 10) / 10);
  const high = Math.min(1, Math.ceil((max + 0.05) * 10) / 10);
  return high > low ? [low, high] : [0, 1];
}
