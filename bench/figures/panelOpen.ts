import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTsChild } from '../childJson';
import type { PanelOpenMeasure } from '../panelOpenMeasure';
import { round, type Emit } from '../report';

const TARGET_MS = 1000;
const TARGET_BYTES = 2_000_000;

/** Figure `panel-open`: a finished 1,600 × 261 run opened in the panel, to its first full render, and the bytes posted. */
export async function panelOpen(emit: Emit): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    emit({ figure: 'panel-open', skipped: 'needs /usr/bin/chromium' });
    return;
  }
  const m = await runTsChild<PanelOpenMeasure>(join(__dirname, '..', 'panelOpenProcess.ts'), [], 600_000);
  emit({
    figure: 'panel-open',
    candidates: m.candidates,
    rows: m.rows,
    readLightViewMs: round(m.readMs),
    openToFullRenderMs: round(m.openMs),
    postedKb: round(m.postedBytes / 1000),
    showMessageKb: round(m.showBytes / 1000),
    target: `< ${TARGET_MS} ms, < ${TARGET_BYTES / 1e6} MB posted`,
    met: m.openMs < TARGET_MS && m.postedBytes < TARGET_BYTES,
  });
}
