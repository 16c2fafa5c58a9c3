import uPlot from 'uplot';
import type { CandidateView } from '../core/runView';
import { el } from './dom';
import { formatScore, intervalText } from './format';

export const CHART_HEIGHT = 240;

export interface Palette {
  text: string;
  grid: string;
  point: string;
  best: string;
  validation: string;
  selected: string;
  front: string;
  font: string;
}

/** Canvas cannot read CSS variables, so the theme's colors are read once per theme. */
export function readPalette(): Palette {
  const css = getComputedStyle(document.body);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--vscode-descriptionForeground', '#808080'),
    grid: read('--vscode-editorWidget-border', 'rgba(128, 128, 128, 0.35)'),
    point: read('--vscode-charts-blue', '#3794ff'),
    best: read('--vscode-charts-green', '#388a34'),
    validation: read('--vscode-charts-orange', '#d18616'),
    selected: read('--vscode-focusBorder', '#007fd4'),
    front: read('--vscode-charts-purple', '#b180d7'),
    font: `11px ${css.fontFamily}`,
  };
}

export function dots(color: string, size: number, fill = color): uPlot.Series {
  return { stroke: color, paths: () => null, points: { show: true, size, width: 1.5, space: 0, fill, stroke: color } };
}

export function axis(palette: Palette, values: uPlot.Axis['values']): uPlot.Axis {
  return {
    stroke: palette.text,
    font: palette.font,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
    values,
  };
}

export function legendItem(kind: string, label: string): HTMLElement {
  return el('span', { class: 'legend-item' }, [el('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), label]);
}

/** What a chart plots: one x per candidate (uPlot's aligned columns), in `order`. */
export interface CandidatePoints {
  order: CandidateView[];
  x: number[];
}

/**
 * One uPlot chart of candidates: it follows the theme and the panel's width, shows a tooltip for the
 * candidate under the cursor and selects it on click. Subclasses say what is plotted.
 */
export abstract class CandidateChart<D extends CandidatePoints> {
  readonly root: HTMLElement;
  protected readonly host: HTMLElement;
  private readonly tooltip = el('div', { class: 'chart-tooltip', hidden: true });
  private plot: uPlot | undefined;
  private readonly observers: { disconnect(): void }[] = [];
  protected selectedId: string | undefined;

  constructor(
    section: { id: string; title: string; label: string; legend: HTMLElement },
    protected data: D,
    private readonly onSelect: (id: string) => void,
  ) {
    this.host = el('div', { class: 'chart-plot', role: 'img', 'aria-label': section.label });
    this.root = el('section', { class: 'chart', 'aria-labelledby': section.id }, [el('h2', { id: section.id }, [section.title]), this.host, section.legend]);
    const themes = new MutationObserver(() => this.rebuild());
    themes.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    const sizes = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: CHART_HEIGHT }));
    sizes.observe(this.host);
    this.observers.push(themes, sizes);
  }

  dispose(): void {
    this.observers.forEach((o) => o.disconnect());
    this.plot?.destroy();
  }

  protected abstract options(palette: Palette, width: number): uPlot.Options;
  protected abstract columns(): uPlot.AlignedData;
  /** Where the tooltip of candidate `i` points, in the plot's values. */
  protected abstract pointOf(i: number): { x: number; y: number };

  /** Redraws with new data; call after `root` is in the document (uPlot measures it). */
  protected draw(data: D, selectedId: string | undefined): void {
    this.data = data;
    this.selectedId = selectedId;
    if (this.plot === undefined) {
      this.create();
    } else {
      this.plot.setData(this.columns());
    }
  }

  private width(): number {
    return Math.max(this.host.clientWidth, 200);
  }

  private create(): void {
    const options = this.options(readPalette(), this.width());
    options.hooks = { ...options.hooks, setCursor: [(u) => this.showTooltip(u)] };
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
    const interval = intervalText(candidate);
    this.tooltip.replaceChildren(
      el('strong', {}, [`${formatScore(candidate.score)}${interval === '' ? '' : ` [${interval}]`} · step ${candidate.step}${candidate.tokens === undefined ? '' : ` · ${candidate.tokens} tokens`}`]),
      el('div', { class: 'chart-tooltip-text' }, [candidate.instruction]),
    );
    const point = this.pointOf(idx);
    const left = u.valToPos(point.x, 'x');
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${u.valToPos(point.y, 'y')}px`;
    this.tooltip.classList.toggle('flip', left > u.over.clientWidth / 2);
    this.tooltip.hidden = false;
  }
}
