// Figure `panel-open`: from opening a finished 1,600-candidate × 261-row run to the panel's first full
// render (the light view drawn and the selected candidate's per-example table in), in real Chromium,
// and the bytes posted to the webview for it. The host's part is what the extension does: read the
// light view (header + event log, kept by the window's run reader) and, when the panel asks, one
// candidate's details (one line of the details file, the log not read again).
import { bestCandidate } from '../../src/core/ranking';
import { readCandidateDetails } from '../../src/extension/panel/runDetails';
import { readSavedView } from '../../src/extension/runs/savedRuns';
import type { RunShowMessage } from '../../src/webview/protocol';
import { PanelHarness } from '../../test/webview/harness';
import type { PanelOpenMeasure } from '../panelOpenMeasure';
import { writeBigRun } from './bigRun';

export async function measurePanelOpen(): Promise<PanelOpenMeasure> {
  const runFile = await writeBigRun();
  const harness = await PanelHarness.start();
  try {
    const panel = await harness.open();
    const started = performance.now();
    const view = await readSavedView(runFile);
    const readMs = performance.now() - started;
    const show: RunShowMessage = { type: 'run/show', record: view, isLive: false, runFile };
    const best = bestCandidate(view.candidates);
    const details = best === undefined ? undefined : await readCandidateDetails(runFile, best.id);
    await panel.page.evaluate((json) => void (window.__details = { candidates: JSON.parse(json) as unknown, steps: {} }), JSON.stringify(best === undefined ? {} : { [best.id]: details }));
    await panel.send(show);
    await panel.page.locator('.examples-table').waitFor();
    const openMs = performance.now() - started;
    const showBytes = Buffer.byteLength(JSON.stringify(show));
    await panel.page.close();
    return { candidates: view.candidates.length, rows: view.trainRows + view.validationRows, readMs, openMs, postedBytes: showBytes + Buffer.byteLength(JSON.stringify(details ?? {})), showBytes };
  } finally {
    await harness.stop();
  }
}

if (require.main === module) {
  void measurePanelOpen().then((m) => console.log(JSON.stringify(m)));
}
