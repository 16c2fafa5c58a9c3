import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRuns } from '../../src/core/store/listRuns';
import { runPaths } from '../../src/core/store/runPaths';
import { scratchDir } from '../../test/support/scratchDir';
import { writeBigRun } from '../panel/bigRun';
import { round, type Emit } from '../report';

const RUNS = 100;
const TARGET_MS = 200;

/**
 * Figure `runs-list`: listing 100 saved runs of 1,600 candidates × 261 rows, as the Runs view and
 * "Show Runs" do (headers only). The runs share their big files through hard links, so the figure
 * needs one run's disk space; each has its own header.
 */
export async function runsList(emit: Emit): Promise<void> {
  const source = await writeBigRun();
  const dir = scratchDir('opro-bench-runs-');
  mkdirSync(dir, { recursive: true });
  const header = JSON.parse(readFileSync(source, 'utf8')) as { id: string; createdAt: string };
  const from = runPaths(source);
  let totalBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const file = join(dir, `run-${String(i).padStart(3, '0')}.json`);
    const to = runPaths(file);
    const text = JSON.stringify({ ...header, id: `${header.id}-${i}`, createdAt: new Date(Date.parse(header.createdAt) + i * 1000).toISOString() });
    writeFileSync(file, text);
    for (const key of ['log', 'details', 'examples'] as const) {
      linkSync(from[key], to[key]);
    }
    totalBytes += text.length + ['log', 'details', 'examples'].reduce((sum, key) => sum + readFileSync(from[key as 'log']).length, 0);
  }
  await listRuns(dir);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const runs = await listRuns(dir);
    times.push(performance.now() - started);
    if (runs.length !== RUNS) {
      throw new Error(`listed ${runs.length} runs, expected ${RUNS}`);
    }
  }
  const median = [...times].sort((a, b) => a - b)[2] as number;
  emit({ figure: 'runs-list', runs: RUNS, runsOnDiskMb: round(totalBytes / 1e6), listMsMedianOf5: round(median), listMs: times.map((t) => round(t)), target: `< ${TARGET_MS} ms`, met: median < TARGET_MS });
}
