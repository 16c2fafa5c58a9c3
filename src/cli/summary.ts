import { bestCandidate } from '../core/run/history';
import type { RunRecord } from '../core/runRecord';
import { terminalSafe } from './terminalText';

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
