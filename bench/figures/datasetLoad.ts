import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSyntheticRows } from '../../test/support/syntheticTask';
import { syntheticWorkspace } from '../../test/support/syntheticRun';
import { runTsChild } from '../childJson';
import { round, type Emit } from '../report';

const ROWS = 100_000;
const CHILD = join(__dirname, '..', 'datasetLoadProcess.ts');

interface LoadMeasure {
  rows: number;
  loadMs: number;
  baselineRssMb: number;
  peakRssMb: number;
}

function writeDatasets(dir: string): Record<'jsonl' | 'csv', string> {
  const rows = makeSyntheticRows(ROWS, 5);
  const jsonl = join(dir, 'large.jsonl');
  const csv = join(dir, 'large.csv');
  writeFileSync(jsonl, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  writeFileSync(csv, 'question,answer\n' + rows.map((row) => `"${row.question}",${row.answer}`).join('\n') + '\n');
  return { jsonl, csv };
}

/** Figure 4: `loadDataset` on 100,000-row files, each in a fresh process so its peak RSS is its own. */
export async function datasetLoading(emit: Emit): Promise<void> {
  const files = writeDatasets(syntheticWorkspace(1, 1).dir);
  for (const [format, path] of Object.entries(files)) {
    const measure = await runTsChild<LoadMeasure>(CHILD, [path], 120_000);
    emit({
      figure: 'dataset-load',
      format,
      rows: measure.rows,
      fileMb: round(statSync(path).size / 2 ** 20),
      loadMs: round(measure.loadMs),
      baselineRssMb: round(measure.baselineRssMb),
      peakRssMb: round(measure.peakRssMb),
    });
  }
}
