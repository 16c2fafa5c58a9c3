// Times the panel rendering a run of N candidates (default 2000) in headless Chromium, through the
// `measurePanelRender` in panel/panelRender.ts; prints its result as JSON.
// Loaded by path at run time: bench/panel compiles with the DOM lib, which this tsconfig leaves out.
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface RenderMeasure {
  candidates: number;
  renderMs: number;
  batchMs: number;
  rows: number;
}

type Measure = (options: { candidates?: number }) => Promise<RenderMeasure>;

async function main(): Promise<void> {
  const file = join(__dirname, 'panel', 'panelRender.ts');
  const { measurePanelRender } = createRequire(__filename)(file) as { measurePanelRender: Measure };
  const measure = await measurePanelRender({ candidates: Number(process.argv[2] ?? 2000) });
  console.log(JSON.stringify(measure));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
