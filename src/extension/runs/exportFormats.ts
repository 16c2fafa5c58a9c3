import { rankCandidates } from '../../core/ranking';
import type { RunRecord, ScoredCandidate } from '../../core/runRecord';

/** The run file itself, pretty-printed. */
export function runToJson(record: RunRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}

const CSV_COLUMNS = ['rank', 'id', 'step', 'origin', 'score', 'correct', 'total', 'validationScore', 'scoredAt', 'instruction'] as const;

/** One row per candidate, best first by core's ranking rule (the panel's order). */
export function runToCsv(record: RunRecord): string {
  const rows = ranked(record).map((c, i) =>
    [i + 1, c.id, c.step, c.origin, c.score, c.correct, c.total, c.validation?.score ?? '', c.scoredAt, c.instruction].map(csvCell).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** `` `gpt-4o` ``, or `` GPT-5 mini · Copilot (`gpt-5-mini`) `` for a model with a label. */
function markdownModel(model: { model: string; label?: string }): string {
  return model.label === undefined ? `\`${model.model}\`` : `${model.label} (\`${model.model}\`)`;
}

/** A readable report: the setup, the top candidates and the cost. */
export function runToMarkdown(record: RunRecord, top = 10): string {
  const seed = record.config.seedInstructions[0] ?? '';
  const best = ranked(record)[0];
  const lines = [
    `# OPRO run ${record.id}`,
    '',
    `- Status: ${record.status}${record.stopReason ? ` (${record.stopReason})` : ''}`,
    `- Created: ${record.createdAt}`,
    `- Dataset: \`${record.dataset.file}\` (${record.dataset.rows} rows, ${record.train.length} train / ${record.validation.length} validation, metric ${record.metric.kind})`,
    `- Scorer: ${markdownModel(record.config.scorer)} · optimizer: ${markdownModel(record.config.optimizer)} · position ${record.config.position}`,
    `- Steps: ${record.steps.filter((s) => s.done).length}/${record.config.steps} · ${record.usage.calls} calls · ${record.usage.promptTokens + record.usage.completionTokens} tokens`,
    '',
    '## Original prompt',
    '',
    fence(seed),
    '',
    ...(best === undefined ? [] : ['## Best prompt', '', `Training ${percent(best.score)}${best.validation ? `, validation ${percent(best.validation.score)}` : ''}`, '', fence(best.instruction), '']),
    `## Top ${Math.min(top, record.candidates.length)} candidates`,
    '',
    '| # | Train | Validation | Step | Origin | Instruction |',
    '|---|---|---|---|---|---|',
    ...ranked(record)
      .slice(0, top)
      .map((c, i) => `| ${i + 1} | ${percent(c.score)} | ${c.validation ? percent(c.validation.score) : '–'} | ${c.step} | ${c.origin} | ${tableCell(c.instruction)} |`),
  ];
  return lines.join('\n') + '\n';
}

function ranked(record: RunRecord): ScoredCandidate[] {
  return rankCandidates(record.candidates);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function percent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
