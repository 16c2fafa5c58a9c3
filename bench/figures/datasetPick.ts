import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { probeDatasets, PROBE_BYTES } from '../../src/core/dataset';
import { makeSyntheticRows } from '../../test/support/syntheticTask';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { round, type Emit } from '../report';

/** The pick's cap on listed files (`pickDataset.ts`). */
const FILES = 500;

/** 500 workspace files of every kind: datasets, 4 MB JSON arrays, CSVs, configuration objects, broken JSON. */
function writeWorkspace(dir: string): { paths: string[]; bytes: number } {
  const rows = makeSyntheticRows(20_000, 9);
  const big = JSON.stringify(rows, null, 2);
  const kinds: ((i: number) => [name: string, text: string])[] = [
    (i: number) => [`d${i}.jsonl`, rows.slice(0, 500).map((r) => JSON.stringify(r)).join('\n')],
    (i: number) => [`big${i}.json`, big],
    (i: number) => [`t${i}.csv`, 'question,answer\n' + rows.slice(0, 500).map((r) => `"${r.question}",${r.answer}`).join('\n')],
    (i: number) => [`config${i}.json`, JSON.stringify({ darkMode: true, search: { fuzzy: i % 2 === 0 } }, null, 2)],
    (i: number) => [`broken${i}.json`, '{"a": [1, 2'],
  ];
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const paths = Array.from({ length: FILES }, (_, i) => {
    const [name, text] = kinds[i % kinds.length]!(i);
    const path = join(dir, name);
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    return path;
  });
  return { paths, bytes };
}

/** The longest the event loop was held while doing nothing for `ms`: what the machine's load alone costs. */
async function idleDelayMs(ms: number): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  delay.disable();
  return delay.max / 1e6;
}

/** The most CPU one file's probe takes (all threads: an upper bound of its synchronous work), probed one by one. */
async function maxCpuPerFileMs(paths: readonly string[]): Promise<number> {
  let max = 0;
  for (const path of paths) {
    const before = process.cpuUsage();
    await probeDatasets([path]);
    const used = process.cpuUsage(before);
    max = Math.max(max, (used.user + used.system) / 1000);
  }
  return max;
}

/**
 * The dataset pick's probing of 500 files as the pick does it (8 at a time): wall time and the longest
 * the event loop was held, against the same wait doing nothing; then the most CPU any one file took.
 */
export async function datasetPick(emit: Emit): Promise<void> {
  const { paths, bytes } = writeWorkspace(join(syntheticWorkspace(1, 1).dir, 'pick'));
  await probeDatasets(paths.slice(0, 10)); // load and warm the parsers, as a first pick in a session would have
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const probes = await probeDatasets(paths);
  const wallMs = performance.now() - started;
  delay.disable();
  const maxCpuMs = await maxCpuPerFileMs(paths);
  emit({
    figure: 'dataset-pick',
    files: paths.length,
    filesMb: round(bytes / 2 ** 20),
    readCapKb: PROBE_BYTES / 1024,
    usable: probes.filter((p) => p.detected !== undefined).length,
    wallMs: round(wallMs),
    maxEventLoopDelayMs: round(delay.max / 1e6),
    idleMaxEventLoopDelayMs: round(await idleDelayMs(wallMs)),
    maxCpuPerFileMs: round(maxCpuMs),
    target: 'the event loop is never held 50 ms',
    met: delay.max / 1e6 < 50,
  });
}
