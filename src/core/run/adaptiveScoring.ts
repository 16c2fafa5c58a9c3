import { createRandom, mixSeed, shuffled } from '../random';
import type { ExampleResult, SplitScore } from '../runRecord';
import { estimateTokens } from './objective';
import { scoreInstruction, type ScorerContext } from './scoring';
import { exampleValue, gradedMean, isGraded, splitScore } from './splitScore';

/** Rows every candidate of a step is scored on first; each rung doubles it. */
export const ADAPTIVE_FIRST_BATCH = 16;
/** Width of the one-sided confidence bound, in standard errors (≈ 97.7% for a normal mean). */
export const ADAPTIVE_BOUND_Z = 2;

/** One candidate in a step's race. */
export interface Entrant {
  instruction: string;
  /** Results so far, in the race's row order. */
  results: ExampleResult[];
  /** Results already in the run file (a resumed step replays them instead of paying again). */
  recorded?: readonly ExampleResult[];
}

/** How a race ended for one entrant. */
export interface RaceOutcome extends SplitScore {
  instruction: string;
  partial: boolean;
}

/** The order every candidate of a run meets the training rows in, so comparisons are paired. */
export function adaptiveOrder(train: readonly number[], seed: number): number[] {
  return shuffled(train, createRandom(mixSeed(seed, 0xada)));
}

/**
 * Upper confidence bound of the mean paired difference candidate − incumbent (each in −1, 0, 1),
 * with a variance floor of 1/n so a handful of ties never looks certain.
 */
export function differenceUpperBound(differences: readonly number[]): number {
  const n = differences.length;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const variance = differences.reduce((a, d) => a + (d - mean) ** 2, 0) / Math.max(1, n - 1);
  return mean + ADAPTIVE_BOUND_Z * Math.sqrt((variance + 1 / n) / n);
}

function mean(entrant: Entrant): number {
  return gradedMean(entrant.results);
}

function outcome(entrant: Entrant, partial: boolean): RaceOutcome {
  const results = entrant.results.slice().sort((a, b) => a.example - b.example);
  return { instruction: entrant.instruction, ...splitScore(results), partial };
}

/**
 * Differences entrant − incumbent on the rows both have a verdict for: a truncated or failed
 * example says nothing about either side.
 */
function pairedDifferences(entrant: Entrant, theirs: ReadonlyMap<number, number>): number[] {
  return entrant.results.flatMap((r) => {
    const other = theirs.get(r.example);
    return isGraded(r) && other !== undefined ? [exampleValue(r) - other] : [];
  });
}

async function extend(entrant: Entrant, rows: readonly number[], context: ScorerContext): Promise<void> {
  const todo = rows.slice(entrant.results.length);
  const recorded = new Map((entrant.recorded ?? []).map((r) => [r.example, r]));
  const known = todo.flatMap((row) => recorded.get(row) ?? []);
  if (known.length === todo.length) {
    entrant.results.push(...known);
    return;
  }
  entrant.results.push(...(await scoreInstruction(entrant.instruction, todo, context)).results);
}

export interface RacePlan {
  order: readonly number[];
  /** The best candidate of the steps before, with its per-example results. */
  incumbent: { instruction: string; results: readonly ExampleResult[] };
  /** λ of the length penalty: shorter entrants get `λ × (incumbent tokens − theirs)` of head start. */
  lengthPenalty: number;
  /** Called as each entrant's race ends, in a deterministic order. */
  onFinished: (result: RaceOutcome) => Promise<void>;
}

/**
 * Successive halving over a step's candidates on a shared row order: all are scored on the first
 * rung; at each rung, those whose paired difference with the incumbent is bounded below zero stop,
 * and of the rest only the better half (ties: proposal order) go on to twice the rows. The last one
 * standing is scored on every row. Stopped entrants keep a partial score.
 */
export async function raceStep(entrants: Entrant[], plan: RacePlan, context: ScorerContext): Promise<void> {
  const theirs = new Map(plan.incumbent.results.filter(isGraded).map((r) => [r.example, exampleValue(r)]));
  const lengthEdge = (e: Entrant): number => plan.lengthPenalty * (estimateTokens(plan.incumbent.instruction) - estimateTokens(e.instruction));
  const beats = (e: Entrant): boolean => {
    const differences = pairedDifferences(e, theirs);
    // No row to compare on yet: it cannot be shown to lose.
    return differences.length === 0 || differenceUpperBound(differences) + lengthEdge(e) >= 0;
  };
  const objective = (e: Entrant): number => mean(e) + lengthEdge(e);
  const total = plan.order.length;
  let alive = entrants;
  let size = Math.min(ADAPTIVE_FIRST_BATCH, total);
  while (alive.length > 0) {
    const rows = plan.order.slice(0, size);
    await Promise.all(alive.map((e) => extend(e, rows, context)));
    if (size >= total) {
      for (const e of alive) {
        await plan.onFinished(outcome(e, false));
      }
      return;
    }
    const contenders = alive.filter(beats);
    const ranked = contenders.slice().sort((a, b) => objective(b) - objective(a));
    const kept = new Set(ranked.slice(0, Math.ceil(ranked.length / 2)));
    for (const e of alive.filter((x) => !kept.has(x))) {
      await plan.onFinished(outcome(e, true));
    }
    alive = alive.filter((x) => kept.has(x));
    size = alive.length === 1 ? total : Math.min(size * 2, total);
  }
}
