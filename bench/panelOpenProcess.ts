// Times opening a finished 1,600-candidate × 261-row run in the panel (headless Chromium), through
// `measurePanelOpen` in panel/panelOpen.ts; prints its result as JSON. Loaded by path at run time:
// bench/panel compiles with the DOM lib, which this tsconfig leaves out.
import { createRequire } from 'node:module';
import { join } from 'node:path';

async function main(): Promise<void> {
  const file = join(__dirname, 'panel', 'panelOpen.ts');
  const { measurePanelOpen } = createRequire(__filename)(file) as { measurePanelOpen: () => Promise<unknown> };
  console.log(JSON.stringify(await measurePanelOpen()));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
