// Measures how long the panel takes to render a large run, in real Chromium. `npm run bench` calls
// `measurePanelRender` (through ../panelRenderProcess.ts); run this file directly to print the numbers.
import type { RunEvent } from '../../src/core/events';
import type { ToPanel } from '../../src/webview/protocol';
import { candidateView } from '../../src/core/runView';
import { lightRun, makeRunRecord } from '../../test/webview/fixtures';
import { PanelHarness, type PanelPage } from '../../test/webview/harness';

export interface RenderMeasure {
  candidates: number;
  /** From posting `run/show` until two animation frames later (cloned, handled, laid out, painted). */
  renderMs: number;
  /** A structuredClone of that message alone: the part of `renderMs` that is moving the data. */
  cloneMs: number;
  /** The same for one live batch of a step's 8 new candidates on top of that run. */
  batchMs: number;
  /** Table rows in the DOM after the first render. */
  rows: number;
}

/** Posts a message in the page and times it until painted; also times a bare structuredClone of it. */
function timeMessage(panel: PanelPage, message: ToPanel): Promise<{ totalMs: number; cloneMs: number }> {
  return panel.page.evaluate(
    (json) =>
      new Promise<{ totalMs: number; cloneMs: number }>((resolve) => {
        const m: unknown = JSON.parse(json);
        const cloneStart = performance.now();
        structuredClone(m);
        const cloneMs = performance.now() - cloneStart;
        const start = performance.now();
        const painted = (): void => resolve({ totalMs: performance.now() - start, cloneMs });
        window.addEventListener('message', () => requestAnimationFrame(() => requestAnimationFrame(painted)), { once: true });
        window.postMessage(m, '*');
      }),
    JSON.stringify(message),
  );
}

/** Renders a run of about `candidates` candidates (8 per step) in a fresh panel and times it. */
export async function measurePanelRender(options: { candidates?: number; harness?: PanelHarness } = {}): Promise<RenderMeasure> {
  const steps = Math.max(1, Math.round((options.candidates ?? 2000) / 8));
  // 30 rows (24 train): each candidate carries 24 per-example results, about 4 KB.
  const full = makeRunRecord({ steps: steps + 1, perStep: 8, rows: 30, validationRows: 6 });
  const lastStep = steps + 1;
  const record = lightRun({ ...full, candidates: full.candidates.filter((c) => c.step < lastStep), steps: full.steps.slice(0, steps), status: 'running' as const });
  const batch: RunEvent[] = full.candidates.filter((c) => c.step === lastStep).map((candidate) => ({ type: 'candidateScored', candidate: candidateView(candidate), usage: full.usage }));
  const harness = options.harness ?? (await PanelHarness.start());
  try {
    const panel = await harness.open();
    const render = await timeMessage(panel, { type: 'run/show', record, isLive: true });
    const rows = await panel.page.locator('.candidates-table tbody tr').count();
    const batch8 = await timeMessage(panel, { type: 'run/events', runId: record.id, events: batch });
    await panel.page.close();
    return { candidates: record.candidates.length, renderMs: render.totalMs, cloneMs: render.cloneMs, batchMs: batch8.totalMs, rows };
  } finally {
    if (options.harness === undefined) {
      await harness.stop();
    }
  }
}

if (require.main === module) {
  void measurePanelRender().then((m) =>
    console.log(`panel render, ${m.candidates} candidates: ${m.renderMs.toFixed(0)} ms (cloning the message: ${m.cloneMs.toFixed(0)} ms); a live batch of 8 more: ${m.batchMs.toFixed(0)} ms`),
  );
}
