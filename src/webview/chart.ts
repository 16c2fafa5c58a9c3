import uPlot from 'uplot';
import type { CandidateView } from '../core/runView';
import { buildChartData, scoreRange, type ChartData } from './chartData';
import { el } from './dom';
import { formatScore } from './format';

const HEIGHT = 240;

interface Palette {
  text: string;
  grid: string;
  point: string;
  best: string;
  validation: string;
  selected: string;
  font: string;
}

/** Canvas cannot read CSS variables, so the theme's colors are read once per theme. */
function readPalette(): Palette {
  const css = getComputedStyle(document.body);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--vscode-descriptionForeground', '#808080'),
    grid: read('--vscode-editorWidget-border', 'rgba(128, 128, 128, 0.35)'),
    point: read('--vscode-charts-blue', '#3794ff'),
    best: read('--vscode-charts-green', '#388a34'),
    validation: read('--vscode-charts-orange', '#d18616'),
    selected: read('--vscode-focusBorder', '#007fd4'),
    font: `11px ${css.fontFamily}`,
  };
}

function dots(color: string, size: number, fill = color): uPlot.Series {
  return { stroke: color, paths: () => null, points: { show: true, size, width: 1.5, space: 0, fill, stroke: color } };
}

function axis(palette: Palette, values: uPlot.Axis['values']): uPlot.Axis {
  return {
    stroke: palette.text,
    font: palette.font,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
    values,
  };
}

function chartOptions(palette: Palette, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
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

function legend(): HTMLElement {
  const item = (kind: string, label: string): HTMLElement =>
    el('span', { class: 'legend-item' }, [el('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), label]);
  return el('div', { class: 'chart-legend' }, [
    item('point', 'candidate (train)'),
    item('best', 'best so far'),
    item('validation', 'validation'),
    item('selected', 'selected'),
  ]);
}

/** Score of every candidate by step, the best-so-far line and validation scores (uPlot, bundled). */
export class TrajectoryChart {
  readonly root: HTMLElement;
  private readonly host = el('div', { class: 'chart-plot', role: 'img', 'aria-label': 'Score of every candidate by step' });
  private readonly tooltip = el('div', { class: 'chart-tooltip', hidden: true });
  private plot: uPlot | undefined;
  private data: ChartData = buildChartData([]);
  private selectedId: string | undefined;
  private readonly observers: { disconnect(): void }[] = [];

  constructor(private readonly onSelect: (id: string) => void) {
    this.root = el('section', { class: 'chart', 'aria-labelledby': 'chart-title' }, [
      el('h2', { id: 'chart-title' }, ['Trajectory']),
      this.host,
      legend(),
    ]);
    const themes = new MutationObserver(() => this.rebuild());
    themes.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    const sizes = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    sizes.observe(this.host);
    this.observers.push(themes, sizes);
  }

  /** Redraws with the run's candidates; call after `root` is in the document (uPlot measures it). */
  update(candidates: readonly CandidateView[], selectedId: string | undefined): void {
    this.data = buildChartData(candidates);
    this.selectedId = selectedId;
    if (this.plot === undefined) {
      this.create();
    } else {
      this.plot.setData(this.columns());
    }
  }

  dispose(): void {
    this.observers.forEach((o) => o.disconnect());
    this.plot?.destroy();
  }

  private width(): number {
    return Math.max(this.host.clientWidth, 200);
  }

  private columns(): uPlot.AlignedData {
    const { order, x, score, bestSoFar, validation } = this.data;
    const selected = order.map((c, i) => (c.id === this.selectedId ? (score[i] ?? null) : null));
    return [x, score, bestSoFar, validation, selected];
  }

  private create(): void {
    const options = chartOptions(readPalette(), this.width());
    options.hooks = { setCursor: [(u) => this.showTooltip(u)] };
    const plot = new uPlot(options, this.columns(), this.host);
    plot.over.appendChild(this.tooltip);
    plot.over.addEventListener('click', () => this.selectAtCursor(plot));
    this.plot = plot;
  }

  /** VS Code swaps the body class with the theme: colors live in the canvas, so draw anew. */
  private rebuild(): void {
    if (this.plot === undefined) {
      return;
    }
    this.plot.destroy();
    this.plot = undefined;
    this.create();
  }

  private selectAtCursor(plot: uPlot): void {
    const idx = plot.cursor.idx;
    const candidate = idx === null || idx === undefined ? undefined : this.data.order[idx];
    if (candidate !== undefined) {
      this.onSelect(candidate.id);
    }
  }

  private showTooltip(u: uPlot): void {
    const idx = u.cursor.idx;
    const candidate = idx === null || idx === undefined ? undefined : this.data.order[idx];
    if (idx === null || idx === undefined || candidate === undefined || (u.cursor.left ?? -1) < 0) {
      this.tooltip.hidden = true;
      return;
    }
    this.tooltip.replaceChildren(
      el('strong', {}, [`${formatScore(candidate.score)} · step ${candidate.step}`]),
      el('div', { class: 'chart-tooltip-text' }, [candidate.instruction]),
    );
    const left = u.valToPos(this.data.x[idx] ?? 0, 'x');
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${u.valToPos(candidate.score, 'y')}px`;
    this.tooltip.classList.toggle('flip', left > u.over.clientWidth / 2);
    this.tooltip.hidden = false;
  }
}
