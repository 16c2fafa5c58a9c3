import type { CandidateView } from '../core/runView';
import { button, el, setText, textNode } from './dom';
import { buildExamplesTable } from './examplesTable';
import { formatScore, scoreWithInterval } from './format';
import type { CandidateDetailsValue } from './protocol';
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

function summary(candidate: CandidateView, ranking: Ranking): string {
  const parts = [
    `rank ${ranking.rankOf.get(candidate.id) ?? '?'} of ${ranking.ranked.length}`,
    `train ${scoreWithInterval(candidate)}`,
    candidate.objective !== undefined && `objective ${formatScore(candidate.objective)} (length-penalized)`,
    candidate.validation && `validation ${scoreWithInterval(candidate.validation)}`,
    `step ${candidate.step}`,
    candidate.id === ranking.baselineId ? 'baseline' : candidate.origin,
    `${candidate.instruction.length} chars`,
    candidate.tokens !== undefined && `${candidate.tokens} prompt tokens`,
    (candidate.demos?.length ?? 0) > 0 && `${candidate.demos?.length ?? 0} demonstrations`,
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

/**
 * The candidate's demonstrations, each with the dataset line it came from (a link that opens it),
 * and the whole prompt as it is scored and inserted.
 */
function demosSection(value: CandidateDetailsValue): HTMLElement[] {
  const demos = value.demos ?? [];
  if (demos.length === 0) {
    return [];
  }
  const items = demos.map((demo) =>
    el('li', {}, [
      button(`line ${demo.line}`, { class: 'small secondary', 'data-action': 'openExample', 'data-example': String(demo.example), title: 'Open this row in the dataset' }),
      el('pre', {}, [`Q: ${demo.input}\nA: ${demo.target}`]),
    ]),
  );
  return [
    el('h3', {}, [`Demonstrations (${demos.length} training rows, never scored for this prompt)`]),
    el('ol', { class: 'demos-list' }, items),
    el('h3', {}, ['The whole prompt (inserted as is)']),
    el('pre', { class: 'prompt-full' }, [value.prompt ?? '']),
  ];
}

/** Per-example tables kept, so going back to a candidate just seen asks the host nothing. */
const KEPT_TABLES = 16;

/** The key a candidate's table is kept under: its validation score arrives later and adds rows. */
function tableKey(candidate: CandidateView): string {
  return `${candidate.id}:${candidate.validation === undefined ? '' : 'v'}`;
}

/**
 * The selected instruction: full text, actions, word diff against the original, and per-example
 * results, which the host sends on demand (`fetchRows`) since the run's view does not carry them.
 */
export class Details {
  readonly root = el('section', { class: 'details', 'aria-labelledby': 'details-title' });
  private shown: CandidateView | undefined;
  private readonly summary = el('p', { class: 'muted' });
  private readonly examples = el('div', { class: 'examples-slot' });
  private readonly demos = el('div', { class: 'demos-slot' });
  private readonly tables = new Map<string, CandidateDetailsValue>();

  constructor(private readonly fetchRows: (candidateId: string, onRows: (value: CandidateDetailsValue) => void) => void) {
    this.renderEmpty();
  }

  /** Forgets the kept tables (another run is shown: the same instruction has other results there). */
  reset(): void {
    this.tables.clear();
    this.shown = undefined;
    this.renderEmpty();
  }

  update(ranking: Ranking, candidate: CandidateView | undefined): void {
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
      this.demos,
      el('h3', {}, ['Changes from the original']),
      diffView(ranking.original, candidate.instruction),
      el('h3', {}, ['Per example (failures first)']),
      this.examples,
    );
    this.demos.replaceChildren(...((candidate.demos?.length ?? 0) > 0 ? [el('p', { class: 'muted loading' }, ['Loading the demonstrations…'])] : []));
    this.showRows(candidate);
  }

  /** The kept table of the candidate, else a placeholder until the host's answer arrives. */
  private showRows(candidate: CandidateView): void {
    const key = tableKey(candidate);
    const kept = this.tables.get(key);
    if (kept !== undefined) {
      this.examples.replaceChildren(buildExamplesTable(kept));
      this.demos.replaceChildren(...demosSection(kept));
      return;
    }
    this.examples.replaceChildren(el('p', { class: 'muted loading' }, ['Loading the per-example results…']));
    this.fetchRows(candidate.id, (value) => {
      this.tables.set(key, value);
      if (this.tables.size > KEPT_TABLES) {
        this.tables.delete(this.tables.keys().next().value as string);
      }
      if (this.shown !== undefined && tableKey(this.shown) === key) {
        this.examples.replaceChildren(buildExamplesTable(value));
        this.demos.replaceChildren(...demosSection(value));
      }
    });
  }

  private renderEmpty(): void {
    this.root.replaceChildren(
      el('h2', { id: 'details-title' }, ['Selected instruction']),
      el('p', { class: 'muted' }, ['Select an instruction in the table or the chart.']),
    );
  }
}
