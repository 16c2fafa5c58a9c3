import uPlot from 'uplot';
import type { CandidateView } from '../core/runView';
import { axis, CandidateChart, CHART_HEIGHT, dots, legendItem, type Palette } from './candidateChart';
import { buildChartData, scoreRange, type ChartData } from './chartData';
import { el } from './dom';

function chartOptions(palette: Palette, width: number): uPlot.Options {
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, range: (_u, min, max) => [Math.min(min, 0) - 0.6, max + 0.6] },
      y: { range: (_u, min, max) => scoreRange(min, max) },
    },
    axes: [
      { ...axis(palette, (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : ''))), incrs: [1, 2, 5, 10, 20, 50, 100] },
      { ...axis(palette, (_u, splits) => splits.map((v) => `${Math.round(v * 100)}%`)), size: 48 },
    ],
    series: [
      {},
      dots(palette.point, 5),
      { stroke: palette.best, width: 2, paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false } },
      dots(palette.validation, 9, 'transparent'),
      dots(palette.selected, 13, 'transparent'),
    ],
  };
}

/** Draws each training score's 95% interval as a thin vertical whisker (before the dots, so behind them). */
function drawIntervals(u: uPlot, data: ChartData, color: string): void {
  const ctx = u.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.beginPath();
  data.interval.forEach((interval, i) => {
    if (interval === null) {
      return;
    }
    const x = u.valToPos(data.x[i] ?? 0, 'x', true);
    ctx.moveTo(x, u.valToPos(interval[0], 'y', true));
    ctx.lineTo(x, u.valToPos(interval[1], 'y', true));
  });
  ctx.stroke();
  ctx.restore();
}

function legend(): HTMLElement {
  return el('div', { class: 'chart-legend' }, [
    legendItem('point', 'candidate (train)'),
    legendItem('interval', '95% interval'),
    legendItem('best', 'best so far'),
    legendItem('validation', 'validation'),
    legendItem('selected', 'selected'),
  ]);
}

/** Score of every candidate by step with its 95% interval, the best-so-far line and validation scores (uPlot, bundled). */
export class TrajectoryChart extends CandidateChart<ChartData> {
  constructor(onSelect: (id: string) => void) {
    super({ id: 'chart-title', title: 'Trajectory', label: 'Score of every candidate by step', legend: legend() }, buildChartData([]), onSelect);
  }

  /** Redraws with the run's candidates; call after `root` is in the document (uPlot measures it). */
  update(candidates: readonly CandidateView[], selectedId: string | undefined): void {
    this.draw(buildChartData(candidates), selectedId);
  }

  protected options(palette: Palette, width: number): uPlot.Options {
    const options = chartOptions(palette, width);
    options.hooks = { drawAxes: [(u) => drawIntervals(u, this.data, palette.point)] };
    return options;
  }

  protected columns(): uPlot.AlignedData {
    const { order, x, score, bestSoFar, validation } = this.data;
    const selected = order.map((c, i) => (c.id === this.selectedId ? (score[i] ?? null) : null));
    return [x, score, bestSoFar, validation, selected];
  }

  protected pointOf(i: number): { x: number; y: number } {
    return { x: this.data.x[i] ?? 0, y: this.data.score[i] ?? 0 };
  }
}
