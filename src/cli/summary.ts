import { formatUsd } from '../core/pricing';
import type { CandidateReport, RunReport } from '../core/run/runReport';
import { formatScoreWith } from '../core/stats/scoreInterval';
import type { RunView } from '../core/runView';
import { warningLine } from './progress';
import { terminalSafe } from './terminalText';

function scores(candidate: CandidateReport | null): string {
  if (candidate === null) {
    return 'n/a';
  }
  const { validation } = candidate;
  const train = `${formatScoreWith(candidate, candidate.ci95)} train`;
  return validation === null ? train : `${train}, ${formatScoreWith(validation, validation.ci95)} validation`;
}

/** What the comparison line says: the paired test's sentence, or why there is none. */
function comparisonLine(report: RunReport): string | undefined {
  const { best, baseline, comparison } = report;
  if (comparison !== null) {
    return `vs. yours: ${comparison.sentence}`;
  }
  if (best === null || baseline === null || best.prompt === baseline.prompt) {
    return undefined;
  }
  return best.validation === null ? 'vs. yours: not tested (no validation rows; hold some out with --validation 0.2)' : undefined;
}

/** What the scores leave out, and how to get it in. */
function ungradedLines(report: RunReport): string[] {
  const { truncated, errored } = report.ungraded;
  const lines: string[] = [];
  if (truncated > 0) {
    lines.push(`${truncated} answers cut at the token limit (not counted wrong): raise --scorer-max-tokens, or lower --reasoning-effort`);
  }
  if (errored > 0) {
    lines.push(`${errored} examples failed after retries (left out of the scores): \`opro resume ${report.runFile}\` asks them again`);
  }
  return lines;
}

/** What the paid calls cost: dollars, "not priced" naming the models without a price, nothing for VS Code's models. */
function costText(record: RunView): string {
  const { usage } = record;
  if (usage.costUsd !== undefined) {
    return `, ${formatUsd(usage.costUsd)}`;
  }
  const unpriced = usage.unpricedModels ?? [];
  return unpriced.length === 0 ? '' : `, not priced (${unpriced.join(', ')}; --prices sets a price)`;
}

/** Why a budget ended the run, and how to go on. */
function budgetLines(record: RunView, runFile: string): string[] {
  const limits = { maxCalls: '--max-calls', maxTokens: '--max-tokens', maxCost: '--max-cost' } as const;
  const reason = record.stopReason;
  if (reason !== 'maxCalls' && reason !== 'maxTokens' && reason !== 'maxCost') {
    return [];
  }
  const resume = reason === 'maxCost' ? `\`opro resume ${runFile} --max-cost USD\` with a higher limit` : `\`opro resume ${runFile}\` with a higher ${limits[reason]}`;
  return [`stopped by the ${reason === 'maxCost' ? 'cost' : reason === 'maxCalls' ? 'call' : 'token'} budget (${limits[reason]}); ${resume} continues it`];
}

/** The human-readable end of a run: scores with their 95% intervals, the paired verdict, the best prompt. */
export function runSummaryText(record: RunView, report: RunReport): string {
  const { best } = report;
  const comparison = comparisonLine(report);
  const demos = best?.demos === undefined ? [] : [`(with ${best.demos.length} demonstrations: dataset lines ${best.demos.map((d) => d.line).join(', ')})`];
  const lines = [
    `run ${record.id} ${record.status}${record.stopReason === undefined ? '' : ` (${record.stopReason})`}`,
    `baseline: ${scores(report.baseline)}`,
    `best:     ${scores(best)} (step ${best?.step ?? 0})`,
    ...(comparison === undefined ? [] : [comparison]),
    '',
    terminalSafe(best?.prompt ?? ''),
    ...demos,
    '',
    `${record.usage.calls} paid calls (${record.usage.cachedCalls} cached), ${record.usage.promptTokens + record.usage.completionTokens} tokens${costText(record)}`,
    ...budgetLines(record, report.runFile),
    ...ungradedLines(report),
    ...(record.warnings ?? []).map((w) => terminalSafe(warningLine(w))),
    `saved: ${report.runFile}`,
  ];
  return `${lines.join('\n')}\n`;
}
