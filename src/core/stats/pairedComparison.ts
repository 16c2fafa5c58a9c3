import { mcnemarExactP } from './mcnemar';
import { pairedBootstrapTest } from './pairedBootstrap';

/** The significance level of every verdict. */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * What a paired test reads of one example's result (an `ExampleResult`): the row, its verdict, its
 * partial credit, and `status` when it has no verdict (truncated, errored), which leaves it out.
 */
export interface PairedResult {
  example: number;
  correct: boolean;
  score?: number;
  status?: string;
}

/** A candidate against a baseline on the same rows. */
export interface PairedComparison {
  /** `mcnemar` when every compared result is right or wrong, else `pairedBootstrap`. */
  test: 'mcnemar' | 'pairedBootstrap';
  /** Rows both were graded on (a row either has no verdict for is left out). */
  rows: number;
  /** Mean credit difference, candidate − baseline, on those rows. */
  difference: number;
  /** Two-sided p-value of "neither is better". */
  pValue: number;
  /** Rows only the candidate gets right, and rows only the baseline does (McNemar's discordant pairs). */
  wins?: number;
  losses?: number;
  /** `better`/`worse` when p < SIGNIFICANCE_LEVEL, else `indistinguishable`. */
  verdict: 'better' | 'worse' | 'indistinguishable';
}

function credit(result: PairedResult): number {
  return result.score ?? Number(result.correct);
}

function isBinary(result: PairedResult): boolean {
  return result.score === undefined || result.score === 0 || result.score === 1;
}

/** The graded rows both sets share, as [candidate, baseline] pairs in row order. */
export function pairedRows(candidate: readonly PairedResult[], baseline: readonly PairedResult[]): [PairedResult, PairedResult][] {
  const theirs = new Map(baseline.filter((r) => r.status === undefined).map((r) => [r.example, r]));
  return candidate
    .filter((r) => r.status === undefined && theirs.has(r.example))
    .sort((a, b) => a.example - b.example)
    .map((r) => [r, theirs.get(r.example) as PairedResult]);
}

/**
 * Compares a candidate with a baseline on the rows both were graded on: the exact McNemar test when
 * every result is right or wrong (accuracy), else the paired bootstrap on the credit differences.
 */
export function comparePaired(candidate: readonly PairedResult[], baseline: readonly PairedResult[]): PairedComparison {
  const pairs = pairedRows(candidate, baseline);
  const differences = pairs.map(([mine, theirs]) => credit(mine) - credit(theirs));
  const difference = differences.length === 0 ? 0 : differences.reduce((sum, d) => sum + d, 0) / differences.length;
  if (pairs.every(([mine, theirs]) => isBinary(mine) && isBinary(theirs))) {
    const wins = differences.filter((d) => d > 0).length;
    const losses = differences.filter((d) => d < 0).length;
    const pValue = mcnemarExactP(wins, losses);
    return { test: 'mcnemar', rows: pairs.length, difference, pValue, wins, losses, verdict: verdictOf(difference, pValue) };
  }
  const { pValue } = pairedBootstrapTest(differences);
  return { test: 'pairedBootstrap', rows: pairs.length, difference, pValue, verdict: verdictOf(difference, pValue) };
}

function verdictOf(difference: number, pValue: number): PairedComparison['verdict'] {
  if (pValue >= SIGNIFICANCE_LEVEL || difference === 0) {
    return 'indistinguishable';
  }
  return difference > 0 ? 'better' : 'worse';
}

/** A p-value as people read it: two significant digits, and `< 0.001` below that. */
export function formatPValue(p: number): string {
  if (p < 0.001) {
    return 'p < 0.001';
  }
  if (p >= 0.995) {
    return 'p = 1';
  }
  return `p = ${Number(p.toPrecision(2))}`;
}

/**
 * The comparison in one plain sentence, about the candidate: "better than your prompt on 40
 * validation rows (p = 0.01)", "worse than …", or "not distinguishable from your prompt on 12
 * validation rows (p = 0.38): add rows to tell them apart".
 */
export function describeComparison(comparison: PairedComparison, baselineName = 'your prompt'): string {
  const rows = `${comparison.rows} validation ${comparison.rows === 1 ? 'row' : 'rows'}`;
  const p = formatPValue(comparison.pValue);
  switch (comparison.verdict) {
    case 'better':
      return `better than ${baselineName} on ${rows} (${p})`;
    case 'worse':
      return `worse than ${baselineName} on ${rows} (${p})`;
    case 'indistinguishable':
      return comparison.rows === 0
        ? `not compared with ${baselineName}: no validation rows both were graded on`
        : `not distinguishable from ${baselineName} on ${rows} (${p}): add rows to tell them apart`;
  }
}
