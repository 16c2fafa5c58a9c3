import uPlot from 'uplot';
import type { CandidateView } from '../core/runView';
import { axis, CandidateChart, CHART_HEIGHT, dots, legendItem, type Palette } from './candidateChart';
import { scoreRange } from './chartData';
import { el } from './dom';
import { paretoFront } from './paretoFront';

/** Candidates by prompt tokens (x, ascending; ties a hair apart so each has its own x) and training score. */
export interface TradeOffData {
  order: CandidateView[];
  x: number[];
  score: number[];
  /** The score where the candidate is on the Pareto front, else null (the front's line joins them). */
  front: (number | null)[];
}

/** The trade-off chart's columns: every candidate with a token count, cheapest first. */
export function buildTradeOffData(candidates: readonly CandidateView[]): TradeOffData {
  const order = candidates.filter((c): c is CandidateView & { tokens: number } => c.tokens !== undefined).sort((a, b) => a.tokens - b.tokens || b.score - a.score);
  const onFront = new Set(paretoFront(order.map((c) => ({ id: c.id, tokens: c.tokens, score: c.score }))).map((p) => p.id));
  return {
    order,
    // uPlot needs increasing x; a thousandth of a token apart never shows.
    x: order.map((c, i) => (c.tokens ?? 0) + i * 1e-3),
    score: order.map((c) => c.score),
    front: order.map((c) => (onFront.has(c.id) ? c.score : null)),
  };
}

function options(palette: Palette, width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false } },
    scales: { x: { time: false }, y: { range: (_u, min, max) => scoreRange(min, max) } },
    axes: [
      { ...axis(palette, (_u, splits) => splits.map((v) => String(Math.round(v)))), label: 'prompt tokens', labelSize: 18 },
      { ...axis(palette, (_u, splits) => splits.map((v) => `${Math.round(v * 100)}%`)), size: 48 },
    ],
    series: [
      {},
      dots(palette.point, 5),
      { stroke: palette.front, width: 2, spanGaps: true, paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: true, size: 7, fill: palette.front } },
      dots(palette.selected, 13, 'transparent'),
    ],
  };
}

/**
 * Score against prompt tokens (the cost of every call), with the Pareto front: the prompts no other
 * beats on both. Shown when the run penalizes length or its prompts' costs differ (showsTradeOff).
 */
export class TradeOffChart extends CandidateChart<TradeOffData> {
  constructor(onSelect: (id: string) => void) {
    const legend = el('div', { class: 'chart-legend' }, [legendItem('point', 'candidate (train)'), legendItem('front', 'Pareto front: best score for its length'), legendItem('selected', 'selected')]);
    super({ id: 'tradeoff-title', title: 'Score against prompt length', label: 'Training score of every candidate against its prompt tokens', legend }, buildTradeOffData([]), onSelect);
    this.root.classList.add('tradeoff');
  }

  update(candidates: readonly CandidateView[], selectedId: string | undefined): void {
    this.draw(buildTradeOffData(candidates), selectedId);
  }

  protected options(palette: Palette, width: number): uPlot.Options {
    return options(palette, width);
  }

  protected columns(): uPlot.AlignedData {
    const { order, x, score, front } = this.data;
    const selected = order.map((c, i) => (c.id === this.selectedId ? (score[i] ?? null) : null));
    return [x, score, front, selected];
  }

  protected pointOf(i: number): { x: number; y: number } {
    return { x: this.data.x[i] ?? 0, y: this.data.score[i] ?? 0 };
  }
}
