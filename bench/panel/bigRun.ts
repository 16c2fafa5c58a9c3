import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunHeader } from '../../src/core/store/readRun';
import { scratchDir } from '../../test/support/scratchDir';
import { makeRunRecord } from '../../test/webview/fixtures';

/** Steps × candidates of the finished run the panel-open and runs-list figures read: the paper's 1,600 candidates. */
export const BIG_RUN = { steps: 200, perStep: 8, rows: 261 };

/**
 * Writes a finished run of 1,600 candidates × 261 rows to disk in the current layout (written as a
 * version 1 file, then migrated by opening it, as an old run would be) and returns its header's path.
 */
export async function writeBigRun(dir = scratchDir('opro-bench-run-')): Promise<string> {
  const record = makeRunRecord({ steps: BIG_RUN.steps, perStep: BIG_RUN.perStep, rows: BIG_RUN.rows, validationRows: 0 });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${record.id}.json`);
  writeFileSync(file, JSON.stringify({ ...record, version: 1 }));
  await readRunHeader(file);
  return file;
}
