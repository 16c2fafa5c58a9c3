import { formatUsd } from '../core/pricing';
import { bestCandidate } from '../core/run/history';
import { ungradedCounts } from '../core/run/runReport';
import type { CandidateView, RunView } from '../core/runView';
import { warningLine } from './progress';
import { terminalSafe } from './terminalText';

function pct(x: number | undefined): string {
  return x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function scores(candidate: CandidateView | undefined): string {
  return `${pct(candidate?.score)} train${candidate?.validation ? `, ${pct(candidate.validation.score)} validation` : ''}`;
}

/** What the scores leave out, and how to get it in. */
function ungradedLines(record: RunView, runFile: string): string[] {
  const { truncated, errored } = ungradedCounts(record);
  const lines: string[] = [];
  if (truncated > 0) {
    lines.push(`${truncated} answers cut at the token limit (not counted wrong): raise --scorer-max-tokens, or lower --reasoning-effort`);
  }
  if (errored > 0) {
    lines.push(`${errored} examples failed after retries (left out of the scores): \`opro resume ${runFile}\` asks them again`);
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

/** The human-readable end of a run. */
export function runSummaryText(record: RunView, runFile: string): string {
  const best = bestCandidate(record);
  const baseline = record.candidates.find((c) => c.origin === 'seed');
  const lines = [
    `run ${record.id} ${record.status}${record.stopReason === undefined ? '' : ` (${record.stopReason})`}`,
    `baseline: ${scores(baseline)}`,
    `best:     ${scores(best)} (step ${best?.step ?? 0})`,
    '',
    terminalSafe(best?.instruction ?? ''),
    '',
    `${record.usage.calls} paid calls (${record.usage.cachedCalls} cached), ${record.usage.promptTokens + record.usage.completionTokens} tokens${costText(record)}`,
    ...budgetLines(record, runFile),
    ...ungradedLines(record, runFile),
    ...(record.warnings ?? []).map((w) => terminalSafe(warningLine(w))),
    `saved: ${runFile}`,
  ];
  return `${lines.join('\n')}\n`;
}
