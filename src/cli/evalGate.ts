import { basename } from 'node:path';
import { bestCandidate } from '../core/run/history';
import type { ScoredCandidate } from '../core/runRecord';
import type { RunView } from '../core/runView';
import { formatScore } from '../core/stats/scoreInterval';
import { terminalSafe } from './terminalText';

/** The bars `opro eval` holds its prompts to (both optional). */
export interface GateBars {
  /** Every prompt must score at least this, in [0, 1]. */
  minScore?: number;
  /** With `baseline`: every prompt must score at least the baseline's best plus this (may be negative). */
  minImprovement?: number;
  baseline?: { record: RunView; file: string };
}

/** What the gate found: failures make `opro eval` exit 1; notes are printed either way. */
export interface GateVerdict {
  failures: string[];
  notes: string[];
}

/** Scores are ratios of row counts; a bar they meet exactly must not fail on a rounding error. */
const TOLERANCE = 1e-9;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const points = (d: number): string => `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} points`;

function label(candidate: Pick<ScoredCandidate, 'instruction'>): string {
  const oneLine = candidate.instruction.replace(/\s+/g, ' ').trim();
  return `"${terminalSafe(oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine)}"`;
}

/**
 * Holds each scored prompt to the bars: `--min-score`, and `--min-improvement` over the best score
 * of a baseline run. Says why in one line per prompt that fails, and warns when the baseline was
 * scored on other data (a different file or number of rows), where a difference means little.
 */
export function checkGate(scored: readonly ScoredCandidate[], bars: GateBars, dataset: { fingerprint: string; rows: number }): GateVerdict {
  const verdict: GateVerdict = { failures: [], notes: [] };
  for (const candidate of scored) {
    if (bars.minScore !== undefined && candidate.score < bars.minScore - TOLERANCE) {
      verdict.failures.push(`${label(candidate)} scores ${formatScore(candidate)}, below --min-score ${pct(bars.minScore)}.`);
    }
  }
  const { baseline } = bars;
  if (baseline === undefined) {
    return verdict;
  }
  const reference = bestCandidate(baseline.record);
  const name = basename(baseline.file);
  if (reference === undefined) {
    verdict.failures.push(`The baseline run ${name} has no scored prompt to compare with.`);
    return verdict;
  }
  if (baseline.record.dataset.fingerprint !== dataset.fingerprint || reference.total !== dataset.rows) {
    verdict.notes.push(`warning: the baseline ${name} was scored on ${reference.total} rows of ${baseline.record.dataset.file}, this eval on ${dataset.rows} rows of different data; the difference may mean little.`);
  }
  const bar = reference.score + (bars.minImprovement ?? -Infinity);
  for (const candidate of scored) {
    const change = candidate.score - reference.score;
    const line = `${label(candidate)} scores ${formatScore(candidate)}, ${points(change)} against the baseline's ${pct(reference.score)} (${name})`;
    if (bars.minImprovement !== undefined && candidate.score < bar - TOLERANCE) {
      verdict.failures.push(`${line}; --min-improvement asks for ${points(bars.minImprovement)}.`);
    } else {
      verdict.notes.push(`${line}.`);
    }
  }
  return verdict;
}
