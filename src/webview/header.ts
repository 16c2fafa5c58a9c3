import type { StopReason } from '../core/runRecord';
import type { RunView } from '../core/runView';
import { describeCost } from './costText';
import { el, type Child } from './dom';
import { basename, formatCount, formatDate, formatScore, intervalText } from './format';
import { describeModels } from './modelNames';
import type { Ranking } from './ranking';
import { readPromptSource } from './protocol';
import type { ShownRun } from './runState';

const STOP_REASONS: Record<StopReason, string> = {
  steps: 'all steps done',
  target: 'target score reached',
  patience: 'no better instruction for a while (patience)',
  maxCalls: 'call budget reached',
  maxTokens: 'token budget reached',
  maxCost: 'cost budget reached (opro.maxCost)',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The run at a glance: where the prompt is, the data, the models, the status and what it cost. */
export class Header {
  readonly root = el('header', { class: 'run-header' });

  update(view: ShownRun, ranking: Ranking): void {
    const record = view.record;
    this.root.replaceChildren(
      el('h1', {}, titleParts(record)),
      el('p', { class: `status status-${statusClass(view)}` }, [describeStatus(view)]),
      ...warningList(record),
      el('dl', { class: 'facts' }, factRows(view, ranking)),
    );
  }
}

/** What the run learned its user should know, each with its fix. */
function warningList(record: RunView): HTMLElement[] {
  const warnings = record.warnings ?? [];
  if (warnings.length === 0) {
    return [];
  }
  const items = warnings.map((w) => el('li', { class: `warning warning-${w.kind}` }, [w.message, ...(w.fix === undefined ? [] : [' ', el('strong', {}, [w.fix])])]));
  return [el('ul', { class: 'warnings', 'aria-label': 'Run notes' }, items)];
}

function titleParts(record: RunView): Child[] {
  const source = readPromptSource(record);
  if (source === undefined) {
    return [`OPRO run ${record.id}`];
  }
  return ['Prompt at ', el('span', { class: 'source', title: source.file }, [`${basename(source.file)}:${source.line}`])];
}

function statusClass(view: ShownRun): string {
  return view.record.status === 'running' && !view.isLive ? 'interrupted' : view.record.status;
}

export function describeStatus(view: ShownRun): string {
  const { record, currentStep, totalSteps } = view;
  const at = `step ${currentStep}/${totalSteps}`;
  switch (record.status) {
    case 'running':
      if (!view.isLive) {
        return `Interrupted at ${at}: Resume continues it`;
      }
      return currentStep === 0 ? 'Running: scoring the baseline' : `Running: ${at}`;
    case 'finished':
      return `Finished: ${STOP_REASONS[record.stopReason ?? 'steps']}`;
    case 'cancelled':
      return `Cancelled at ${at}`;
    case 'failed':
      return `Failed: ${record.error?.message ?? 'unknown error'}`;
  }
}

/** A score and its interval, short: `78.5% [66.2–87.9%]`. */
function shortScore(split: { score: number; ci95?: readonly [number, number] } | undefined): string {
  const interval = intervalText(split);
  return interval === '' ? formatScore(split?.score) : `${formatScore(split?.score)} [${interval}]`;
}

/**
 * The evidence line: the paired test of the best against the seed on the validation rows, or why
 * there is none yet. Undefined while nothing can be said (running, or the best is the seed).
 */
export function evidenceText(view: ShownRun, ranking: Ranking): { text: string; verdict?: string } | undefined {
  const { record } = view;
  const best = ranking.best;
  if (best === undefined || best.id === ranking.baselineId) {
    return undefined;
  }
  const comparison = record.comparison;
  if (comparison !== undefined && comparison.candidateId === best.id) {
    return { text: `The best is ${comparison.sentence}.`, verdict: comparison.verdict };
  }
  if (record.status === 'finished' && record.validationRows === 0) {
    return { text: 'Not tested against your prompt: the run held out no validation rows (set opro.validationSplit).' };
  }
  return undefined;
}

function factRows(view: ShownRun, ranking: Ranking): HTMLElement[] {
  const { record } = view;
  const { dataset, usage, config } = record;
  const baseline = ranking.baselineId === undefined ? undefined : ranking.byId.get(ranking.baselineId);
  const cost = describeCost(record, view.prices);
  const facts: [string, string][] = [
    ['Dataset', `${basename(dataset.file)} · ${formatCount(dataset.rows)} rows · ${record.trainRows} train / ${record.validationRows} validation`],
    ['Models', describeModels(config)],
    ['Best', `${shortScore(ranking.best)} (baseline ${shortScore(baseline)}) of ${record.candidates.length} candidates`],
    ['Calls', `${formatCount(usage.calls)} (${formatCount(usage.cachedCalls)} cached, ${formatCount(usage.failedCalls)} failed)`],
    ['Tokens', `${formatCount(usage.promptTokens)} in · ${formatCount(usage.completionTokens)} out`],
    ['Started', formatDate(record.createdAt)],
  ];
  if (cost !== undefined) {
    facts.splice(5, 0, ['Cost', cost]);
  }
  const rows = facts.map(([term, value]) => el('div', { class: 'fact' }, [el('dt', {}, [term]), el('dd', {}, [value])]));
  const evidence = evidenceText(view, ranking);
  if (evidence !== undefined) {
    const value = el('dd', { class: `evidence${evidence.verdict === undefined ? '' : ` verdict-${evidence.verdict}`}` }, [evidence.text]);
    rows.splice(3, 0, el('div', { class: 'fact' }, [el('dt', {}, ['Evidence']), value]));
  }
  return rows;
}
