import type { SplitSummary } from '../core/runView';

/** A score in [0, 1] as a percent: `0.785` -> `78.5%`, `1` -> `100%`. */
export function formatScore(score: number | undefined): string {
  if (score === undefined || !Number.isFinite(score)) {
    return '–';
  }
  return `${(score * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/**
 * `78% (31/40)`; `partial` marks an evaluation stopped early (adaptive), on fewer rows; examples
 * left out of the score follow: `· 2 cut off` (token limit), `· 1 failed` (call failed after retries).
 */
export function splitText(split: (SplitSummary & { partial?: boolean }) | undefined): string {
  if (split === undefined) {
    return '–';
  }
  const cut = split.truncated === undefined ? '' : ` · ${split.truncated} cut off`;
  const failed = split.errored === undefined ? '' : ` · ${split.errored} failed`;
  return `${formatScore(split.score)} (${split.correct}/${split.total}${split.partial === true ? ', partial' : ''})${cut}${failed}`;
}

/** A split's 95% interval as `66.2–87.9%`, or '' when it has none (an old run, nothing graded). */
export function intervalText(split: Pick<SplitSummary, 'ci95'> | undefined): string {
  const ci = split?.ci95;
  return ci === undefined ? '' : `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%`;
}

/** `78% (31/40), 95% CI 66.2–87.9%`: a score with its interval, as the details and the header say it. */
export function scoreWithInterval(split: (SplitSummary & { partial?: boolean }) | undefined): string {
  const interval = intervalText(split);
  return interval === '' ? splitText(split) : `${splitText(split)}, 95% CI ${interval}`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Dollars (core's one rule, shared with the CLI). */
export { formatUsd as formatCost } from '../core/pricing';

/** ISO time as local `YYYY-MM-DD HH:MM`. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
