import type { RecordedExample, RunStatus, RunUsage, RunWarning, ScoredCandidate, SeedComparison, StopReason } from '../runRecord';
import type { CandidateView, RunError, RunView } from '../runView';
import { formatScoreWith, scoreInterval } from '../stats/scoreInterval';
import type { Interval } from '../stats/wilson';
import { readRunExamples } from '../store/readRun';
import { candidatePrompt } from './candidatePrompt';
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
  /** The prompt to use: the instruction, followed by its demonstrations when it has some. */
  prompt: string;
  /** The training rows shown as demonstrations (0-based row and 1-based line in the dataset file); absent without. */
  demos?: { row: number; line: number }[];
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
  /** The best against the baseline on the validation rows (paired test and its sentence), when both were scored there and differ. */
  comparison: SeedComparison | null;
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

/** What rendering a candidate's demonstrations needs: the run's rows and position. Without it the report names rows only. */
export interface ReportRows {
  examples: readonly RecordedExample[];
  config: RunView['config'];
}

/** The prompt to use and its demonstrations' rows (with their dataset lines when the rows are at hand). */
function promptFields(candidate: CandidateView, rows: ReportRows | undefined): Pick<CandidateReport, 'prompt' | 'demos'> {
  const demos = candidate.demos ?? [];
  const lines = new Map((rows?.examples ?? []).map((e) => [e.index, e.line]));
  return {
    prompt: rows === undefined ? candidate.instruction : candidatePrompt(candidate, rows),
    ...(demos.length === 0 ? {} : { demos: demos.map((row) => ({ row, line: lines.get(row) ?? 0 })) }),
  };
}

export function reportCandidate(candidate: CandidateView, rows?: ReportRows): CandidateReport {
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
    ...promptFields(candidate, rows),
  };
}

/** Examples without a verdict across every candidate's training rows. */
export function ungradedCounts(record: Pick<RunView, 'candidates'>): { truncated: number; errored: number } {
  return record.candidates.reduce((sum, c) => ({ truncated: sum.truncated + (c.truncated ?? 0), errored: sum.errored + (c.errored ?? 0) }), { truncated: 0, errored: 0 });
}

/** The report of a run; with its rows (`readRunExamples`), the prompts carry their demonstrations' text. */
export function reportRun(record: RunView, runFile: string, examples?: readonly RecordedExample[]): RunReport {
  const rows = examples === undefined ? undefined : { examples, config: record.config };
  const best = bestCandidate(record);
  const baseline = record.candidates.find((c) => c.origin === 'seed');
  return {
    runId: record.id,
    runFile,
    status: record.status,
    stopReason: record.stopReason ?? null,
    best: best === undefined ? null : reportCandidate(best, rows),
    baseline: baseline === undefined ? null : reportCandidate(baseline, rows),
    comparison: record.comparison ?? null,
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

/**
 * The report of a saved run, its demonstrations' text read from the run's rows file; a run whose
 * candidates show none reads nothing more.
 */
export async function reportRunFile(record: RunView, runFile: string): Promise<RunReport> {
  const hasDemos = record.candidates.some((c) => (c.demos ?? []).length > 0);
  return reportRun(record, runFile, hasDemos ? (await readRunExamples(runFile)).examples : undefined);
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

/** The best's and the original's scores, and the paired verdict between them. */
function outcomeLines(report: RunReport): string[] {
  const { best, baseline } = report;
  if (best === null) {
    return [];
  }
  const same = baseline !== null && baseline.prompt === best.prompt;
  const lines = [`Best prompt (${same ? 'the original; no candidate beat it' : `found at step ${best.step}`}): ${scoreLine(best)}.`];
  if (baseline !== null && !same) {
    lines.push(`Original prompt: ${scoreLine(baseline)}.`);
  }
  if (report.comparison !== null) {
    lines.push(`The best prompt is ${report.comparison.sentence}.`);
  }
  return lines;
}

/** The plain-text account of a run that an agent reads: outcome, best prompt with score and interval, the seed's, where it is saved. */
export function describeRun(report: RunReport): string {
  const ended = `Run ${report.runId} ${report.status}${report.stopReason === null ? '' : ` (${report.stopReason})`}`;
  const lines = [`${ended}: ${report.steps} of ${report.totalSteps} steps, ${report.candidates} prompts scored, ${report.calls} paid model calls, ${report.tokens} tokens.`];
  if (report.error !== null) {
    lines.push(`Error: ${report.error.message}`);
  }
  lines.push(...outcomeLines(report), ...noteLines(report), `Saved run: ${report.runFile}`);
  if (report.best !== null) {
    lines.push('', 'Best prompt text:', fenced(report.best.prompt));
  }
  return lines.join('\n');
}
