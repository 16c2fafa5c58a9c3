import type { RunRecord, ScoredCandidate } from '../core/runRecord';
import { button, el, setText, textNode } from './dom';
import { buildExamplesTable } from './examplesTable';
import { formatScore, splitText } from './format';
import type { Ranking } from './ranking';
import { diffWords } from './wordDiff';

function diffView(before: string, after: string): HTMLElement {
  const parts = diffWords(before, after).map((part) => {
    if (part.kind === 'added') {
      return el('ins', {}, [part.text]);
    }
    return part.kind === 'removed' ? el('del', {}, [part.text]) : textNode(part.text);
  });
  return el('p', { class: 'word-diff' }, parts);
}

function summary(candidate: ScoredCandidate, ranking: Ranking): string {
  const parts = [
    `rank ${ranking.rankOf.get(candidate.id) ?? '?'} of ${ranking.ranked.length}`,
    `train ${splitText(candidate)}`,
    candidate.objective !== undefined && `objective ${formatScore(candidate.objective)} (length-penalized)`,
    candidate.validation && `validation ${splitText(candidate.validation)}`,
    `step ${candidate.step}`,
    candidate.id === ranking.baselineId ? 'baseline' : candidate.origin,
    `${candidate.instruction.length} chars`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function actions(id: string): HTMLElement {
  const action = (name: string, label: string): HTMLButtonElement =>
    button(label, { 'data-action': name, 'data-id': id, 'data-focus-key': `details-${name}` });
  return el('div', { class: 'actions' }, [
    action('insert', 'Insert'),
    action('copy', 'Copy'),
    action('diff', 'Show diff'),
    action('edit', 'Edit and score…'),
  ]);
}

/** The selected instruction: full text, actions, word diff against the original, per-example results. */
export class Details {
  readonly root = el('section', { class: 'details', 'aria-labelledby': 'details-title' });
  private shown: ScoredCandidate | undefined;
  private readonly summary = el('p', { class: 'muted' });

  constructor() {
    this.renderEmpty();
  }

  update(record: RunRecord, ranking: Ranking, candidate: ScoredCandidate | undefined): void {
    if (candidate !== undefined) {
      // The rank moves while a run goes on; the rest only changes with the candidate.
      setText(this.summary, summary(candidate, ranking));
    }
    if (this.shown === candidate) {
      return;
    }
    this.shown = candidate;
    if (candidate === undefined) {
      this.renderEmpty();
      return;
    }
    this.root.replaceChildren(
      el('h2', { id: 'details-title' }, ['Selected instruction']),
      this.summary,
      el('pre', { class: 'instruction-full' }, [candidate.instruction]),
      actions(candidate.id),
      el('h3', {}, ['Changes from the original']),
      diffView(ranking.original, candidate.instruction),
      el('h3', {}, ['Per example (failures first)']),
      buildExamplesTable(record, candidate),
    );
  }

  private renderEmpty(): void {
    this.root.replaceChildren(
      el('h2', { id: 'details-title' }, ['Selected instruction']),
      el('p', { class: 'muted' }, ['Select an instruction in the table or the chart.']),
    );
  }
}
