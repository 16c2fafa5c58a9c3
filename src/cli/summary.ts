import { bestCandidate } from '../core/run/history';
import type { RunRecord } from '../core/runRecord';
import { terminalSafe } from './terminalText';

/** The `--json` summary of a run: stable field names scripts can rely on. */
export function runSummary(record: RunRecord, runFile: string): Record<string, unknown> {
  const best = bestCandidate(record);
  const baseline = record.candidates.find((c) => c.origin === 'seed');
  return {
    runId: record.id,
    runFile,
    status: record.status,
    stopReason: record.stopReason ?? null,
    best: best === undefined ? null : { instruction: best.instruction, score: best.score, validationScore: best.validation?.score ?? null, step: best.step },
    baseline: baseline === undefined ? null : { instruction: baseline.instruction, score: baseline.score, validationScore: baseline.validation?.score ?? null },
    candidates: record.candidates.length,
    steps: record.steps.filter((s) => s.done).length,
    calls: record.usage.calls,
    tokens: record.usage.promptTokens + record.usage.completionTokens,
    usage: record.usage,
    error: record.error ?? null,
  };
}

/** The human-readable end of a run. */
export function runSummaryText(record: RunRecord, runFile: string): string {
  const best = bestCandidate(record);
  const baseline = record.candidates.find((c) => c.origin === 'seed');
  const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `run ${record.id} ${record.status}${record.stopReason === undefined ? '' : ` (${record.stopReason})`}`,
    `baseline: ${pct(baseline?.score)} train${baseline?.validation ? `, ${pct(baseline.validation.score)} validation` : ''}`,
    `best:     ${pct(best?.score)} train${best?.validation ? `, ${pct(best.validation.score)} validation` : ''} (step ${best?.step ?? 0})`,
    '',
    terminalSafe(best?.instruction ?? ''),
    '',
    `${record.usage.calls} paid calls (${record.usage.cachedCalls} cached), ${record.usage.promptTokens + record.usage.completionTokens} tokens`,
    `saved: ${runFile}`,
  ];
  return `${lines.join('\n')}\n`;
}
