import type { CandidateOrigin } from '../core/runRecord';
import type { CandidateView } from '../core/runView';
import { distinctOpenings, type DistinctOpening } from './distinctOpenings';
import { button, el, keepingFocus, setText } from './dom';
import { formatCount, intervalText, splitText } from './format';
import { filterCandidates, type Ranking } from './ranking';

/** Rows rendered at first; "Show more" adds this many again, so a 2,000-candidate run stays quick. */
export const ROW_PAGE = 200;

const ORIGINS: Record<CandidateOrigin, string> = { seed: 'seed', optimizer: 'optimizer', user: 'you' };

export interface TableView {
  filter: string;
  selectedId: string | undefined;
  rowLimit: number;
}

interface CachedRow {
  row: HTMLTableRowElement;
  rankCell: HTMLTableCellElement;
  candidate: CandidateView;
  isBaseline: boolean;
  /** The differing part the row shows (it moves as candidates sharing the opening come and go). */
  rest: string;
}


function cell(className: string, children: (Node | string)[]): HTMLTableCellElement {
  return el('td', { class: className }, children);
}

function actionButtons(id: string): HTMLElement {
  const action = (name: string, label: string, title: string): HTMLButtonElement =>
    button(label, { 'data-action': name, 'data-id': id, 'data-focus-key': `${name}:${id}`, title, class: 'small' });
  return el('div', { class: 'row-actions' }, [
    action('insert', 'Insert', 'Insert into the code in place of the original prompt'),
    action('copy', 'Copy', 'Copy the instruction'),
    action('diff', 'Diff', 'Open a diff against the original prompt'),
  ]);
}

/** A score with its 95% interval beneath it, small. */
function scoreCell(className: string, split: CandidateView | CandidateView['validation']): HTMLTableCellElement {
  const interval = intervalText(split);
  return cell(className, interval === '' ? [splitText(split)] : [splitText(split), el('span', { class: 'ci', title: '95% interval' }, [interval])]);
}

function badges(c: CandidateView, isBaseline: boolean): HTMLElement[] {
  const demos = c.demos?.length ?? 0;
  return [
    ...(isBaseline ? [el('span', { class: 'badge baseline-badge' }, ['baseline'])] : []),
    ...(demos > 0 ? [el('span', { class: 'badge demos-badge', title: 'Training rows shown in the prompt as worked examples' }, [`+${demos} demos`])] : []),
  ];
}

/** The instruction, or its first words, an ellipsis and the part no other row shares; the full text is the tooltip. */
function instructionText(opening: DistinctOpening): HTMLElement {
  if (opening.lead === '') {
    return el('div', { class: 'instruction-text' }, [opening.rest]);
  }
  const shared = el('span', { class: 'shared-lead' }, [opening.lead, el('span', { class: 'elided', 'aria-hidden': 'true' }, [' … '])]);
  return el('div', { class: 'instruction-text' }, [shared, opening.rest]);
}

interface RowParts {
  candidate: CandidateView;
  rankCell: HTMLTableCellElement;
  isBaseline: boolean;
  opening: DistinctOpening;
}

function buildRow({ candidate: c, rankCell, isBaseline, opening }: RowParts): HTMLTableRowElement {
  const text = instructionText(opening);
  if (opening.lead !== '') {
    text.title = c.instruction;
  }
  return el('tr', { 'data-id': c.id, 'data-action': 'select', 'data-focus-key': `row:${c.id}`, tabindex: 0, class: isBaseline ? 'baseline' : undefined }, [
    rankCell,
    cell('col-instruction', [...badges(c, isBaseline), text]),
    scoreCell('col-score', c),
    scoreCell('col-validation', c.validation),
    cell('col-step', [String(c.step)]),
    cell('col-length', [String(c.instruction.length)]),
    cell('col-origin', [ORIGINS[c.origin]]),
    cell('col-actions', [actionButtons(c.id)]),
  ]);
}

function header(): HTMLTableSectionElement {
  const names = ['#', 'Instruction', 'Train', 'Validation', 'Step', 'Length', 'Origin', 'Actions'];
  const classes = ['rank', 'instruction', 'score', 'validation', 'step', 'length', 'origin', 'actions'];
  return el('thead', {}, [el('tr', {}, names.map((name, i) => el('th', { scope: 'col', class: `col-${classes[i] ?? ''}` }, [name])))]);
}

/** The top instructions, best first, with a filter; rows are reused so updates keep focus and scroll. */
export class CandidatesTable {
  readonly filterInput = el('input', { type: 'search', class: 'filter', placeholder: 'Filter instructions', 'aria-label': 'Filter instructions' });
  readonly root: HTMLElement;
  private readonly body = el('tbody');
  private readonly count = el('span', { class: 'count' });
  private readonly more = button('Show more', { 'data-action': 'more', class: 'secondary' });
  private readonly rows = new Map<string, CachedRow>();

  constructor() {
    this.root = el('section', { class: 'candidates', 'aria-labelledby': 'candidates-title' }, [
      el('div', { class: 'section-head' }, [el('h2', { id: 'candidates-title' }, ['Top instructions']), this.filterInput, this.count]),
      el('div', { class: 'table-wrap' }, [el('table', { class: 'candidates-table' }, [header(), this.body])]),
      this.more,
    ]);
  }

  update(ranking: Ranking, view: TableView): void {
    if (this.filterInput.value !== view.filter) {
      this.filterInput.value = view.filter;
    }
    if (this.rows.size > ranking.byId.size) {
      // Another run was shown: forget rows of candidates this run does not have.
      [...this.rows.keys()].filter((id) => !ranking.byId.has(id)).forEach((id) => this.rows.delete(id));
    }
    const matches = filterCandidates(ranking.ranked, view.filter);
    const shown = matches.slice(0, view.rowLimit);
    const openings = distinctOpenings(shown.map((c) => c.instruction));
    const rows = shown.map((c) => this.rowFor(c, ranking, openings.get(c.instruction) ?? { lead: '', rest: c.instruction }));
    keepingFocus(this.root, () => this.placeRows(rows));
    for (const row of rows) {
      const isSelected = row.dataset.id === view.selectedId;
      row.classList.toggle('selected', isSelected);
      row.setAttribute('aria-selected', String(isSelected));
    }
    this.more.hidden = matches.length <= shown.length;
    setText(this.more, `Show ${formatCount(Math.min(ROW_PAGE, matches.length - shown.length))} more`);
    setText(this.count, `${formatCount(shown.length)} of ${formatCount(matches.length)}${view.filter === '' ? '' : ' matching'}`);
  }

  private rowFor(candidate: CandidateView, ranking: Ranking, opening: DistinctOpening): HTMLTableRowElement {
    const rank = ranking.rankOf.get(candidate.id) ?? 0;
    const isBaseline = candidate.id === ranking.baselineId;
    const cached = this.rows.get(candidate.id);
    if (cached !== undefined && cached.candidate === candidate && cached.isBaseline === isBaseline && cached.rest === opening.rest) {
      // Ranks shift whenever a better candidate arrives; only the number changes.
      setText(cached.rankCell, String(rank));
      return cached.row;
    }
    const rankCell = cell('col-rank', [String(rank)]);
    const row = buildRow({ candidate, rankCell, isBaseline, opening });
    cached?.row.replaceWith(row);
    this.rows.set(candidate.id, { row, rankCell, candidate, isBaseline, rest: opening.rest });
    return row;
  }

  /** Moves only rows that are out of place, so a focused row that keeps its place is never detached. */
  private placeRows(rows: HTMLTableRowElement[]): void {
    rows.forEach((row, i) => {
      const current = this.body.children[i];
      if (current !== row) {
        this.body.insertBefore(row, current ?? null);
      }
    });
    while (this.body.children.length > rows.length) {
      this.body.lastElementChild?.remove();
    }
  }
}
