import type { RunStatus, RunUsage, RunWarning, ScoredCandidate, StopReason } from '../runRecord';
import type { CandidateView, RunError, RunView } from '../runView';
import { formatScoreWith, scoreInterval } from '../stats/scoreInterval';
import type { Interval } from '../stats/wilson';
import { bestCandidate } from './history';

/** One instruction's result as reports show it; `ci95` (Wilson, or bootstrap for partial credit) is null when nothing was graded. */
export interface CandidateReport {
  instruction: string;
  score: number;
  correct: number;
  total: number;
  ci95: Interval | null;
  /** `validation.score`, kept for scripts that read the CLI's first `--json` shape. */
  validationScore: number | null;
  /** The score on the held-out rows, when the run scored it there. */
  validation: { score: number; correct: number; total: number; ci95: Interval | null } | null;
  step: number;
  origin: ScoredCandidate['origin'];
  /** Examples left out of `total`: answers cut at the token limit, calls that failed after retries. */
  truncated: number;
  errored: number;
}

/**
 * A run's outcome with stable field names: the CLI's `--json`, the MCP server's `structuredContent`
 * and the extension's language model tools all report it.
 */
export interface RunReport {
  runId: string;
  runFile: string;
  status: RunStatus;
  stopReason: StopReason | null;
  /** The best candidate by training score (length-penalized when the run says so). */
  best: CandidateReport | null;
  /** The prompt the run started from. */
  baseline: CandidateReport | null;
  candidates: number;
  /** Finished steps, and the steps the run was asked for. */
  steps: number;
  totalSteps: number;
  calls: number;
  tokens: number;
  usage: RunUsage;
  error: RunError | null;
  /** What the run learned its user should know (a model without temperature 0, a refused parameter…). */
  warnings: RunWarning[];
  /** Examples no candidate got a verdict for, in all: cut at the token limit, or failed after retries (resume asks those again). */
  ungraded: { truncated: number; errored: number };
}

export function reportCandidate(candidate: CandidateView): CandidateReport {
  const { validation } = candidate;
  return {
    instruction: candidate.instruction,
    score: candidate.score,
    correct: candidate.correct,
    total: candidate.total,
    ci95: scoreInterval(candidate) ?? null,
    validationScore: validation?.score ?? null,
    validation: validation === undefined ? null : { score: validation.score, correct: validation.correct, total: validation.total, ci95: scoreInterval(validation) ?? null },
    step: candidate.step,
    origin: candidate.origin,
    truncated: candidate.truncated ?? 0,
    errored: candidate.errored ?? 0,
  };
}

/** Examples without a verdict across every candidate's training rows. */
export function ungradedCounts(record: Pick<RunView, 'candidates'>): { truncated: number; errored: number } {
  return record.candidates.reduce((sum, c) => ({ truncated: sum.truncated + (c.truncated ?? 0), errored: sum.errored + (c.errored ?? 0) }), { truncated: 0, errored: 0 });
}

export function reportRun(record: RunView, runFile: string): RunReport {
  const best = bestCandidate(record);
  const baseline = record.candidates.find((c) => c.origin === 'seed');
  return {
    runId: record.id,
    runFile,
    status: record.status,
    stopReason: record.stopReason ?? null,
    best: best === undefined ? null : reportCandidate(best),
    baseline: baseline === undefined ? null : reportCandidate(baseline),
    candidates: record.candidates.length,
    steps: record.steps.filter((s) => s.done).length,
    totalSteps: record.config.steps,
    calls: record.usage.calls,
    tokens: record.usage.promptTokens + record.usage.completionTokens,
    usage: record.usage,
    error: record.error ?? null,
    warnings: record.warnings ?? [],
    ungraded: ungradedCounts(record),
  };
}

function scoreLine(candidate: CandidateReport): string {
  const training = `${formatScoreWith(candidate, candidate.ci95)} on the training rows`;
  const { validation } = candidate;
  return validation === null ? training : `${training}; ${formatScoreWith(validation, validation.ci95)} on the held-out validation rows`;
}

/** Wraps model text in a fence longer than any backtick run inside it, so it reads back verbatim. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/** The report's notes: examples left out of the scores, then the run's warnings. */
function noteLines(report: RunReport): string[] {
  const lines = report.ungraded.errored > 0 ? [`${report.ungraded.errored} examples got no answer after retries and are left out of the scores; resuming the run asks them again.`] : [];
  return [...lines, ...report.warnings.map((w) => `Note: ${w.message}${w.fix === undefined ? '' : ` ${w.fix}`}`)];
}

/** The plain-text account of a run that an agent reads: outcome, best prompt with score and interval, the seed's, where it is saved. */
export function describeRun(report: RunReport): string {
  const ended = `Run ${report.runId} ${report.status}${report.stopReason === null ? '' : ` (${report.stopReason})`}`;
  const lines = [`${ended}: ${report.steps} of ${report.totalSteps} steps, ${report.candidates} prompts scored, ${report.calls} paid model calls, ${report.tokens} tokens.`];
  if (report.error !== null) {
    lines.push(`Error: ${report.error.message}`);
  }
  const { best, baseline } = report;
  if (best !== null) {
    const same = baseline !== null && baseline.instruction === best.instruction;
    lines.push(`Best prompt (${same ? 'the original; no candidate beat it' : `found at step ${best.step}`}): ${scoreLine(best)}.`);
  }
  if (baseline !== null && best !== null && baseline.instruction !== best.instruction) {
    lines.push(`Original prompt: ${scoreLine(baseline)}.`);
  }
  lines.push(...noteLines(report), `Saved run: ${report.runFile}`);
  if (best !== null) {
    lines.push('', 'Best prompt text:', fenced(best.instruction));
  }
  return lines.join('\n');
}
