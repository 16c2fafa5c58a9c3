import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DatasetFormat, LoadDatasetOptions } from '../../../src/core/dataset/types';
import { loadOptionsArbitrary, mutatedFileArbitrary } from '../../support/datasetArbitraries';
import { startGuardedLoader, type GuardedLoader, type LoadOutcome } from '../../support/guardedLoader';

/** Not a speed limit: a call still running after this long is taken to hang. */
const HANG_LIMIT_MS = 10_000;
const RUNS_PER_FORMAT = 250;
/** Messages name the problem and the fix; they must not echo a huge field back. */
const MAX_MESSAGE_LENGTH = 1000;
/** Problems that sit on one row, so their message must say which line. */
const ROW_LEVEL = /invalid JSON|row has|expected a JSON object|array element|quoted field|this row|header has no name|appears twice in the header|nested/;
const EXTENSIONS: Record<DatasetFormat, string> = { jsonl: '.jsonl', json: '.json', csv: '.csv', tsv: '.tsv' };

function lineCount(bytes: Buffer): number {
  let lines = 1;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) {
    lines++;
  }
  return lines;
}

function checkLoaded(outcome: Extract<LoadOutcome, { ok: true }>, bytes: Buffer, options: LoadDatasetOptions): void {
  const { dataset } = outcome;
  assert.ok(dataset.examples.length > 0, 'a dataset that loads has rows');
  assert.ok(dataset.columns.includes(dataset.targetColumn));
  if (options.skipBadRows !== true) {
    assert.deepEqual(dataset.skipped, []);
  }
  const lines = lineCount(bytes);
  dataset.examples.forEach((example, index) => {
    assert.equal(example.index, index);
    assert.ok(Number.isInteger(example.line) && example.line >= 1 && example.line <= lines, `line ${example.line} of ${lines}`);
    assert.equal(typeof example.input, 'string');
    assert.equal(typeof example.target, 'string');
    assert.notEqual(example.target.trim(), '');
    assert.ok(Object.values(example.fields).every((value) => typeof value === 'string'));
  });
}

function checkRejected(outcome: Extract<LoadOutcome, { ok: false }>, file: string, bytes: Buffer): void {
  assert.ok(outcome.isDatasetError, `only DatasetError may escape, got ${outcome.name}: ${outcome.message}\n${outcome.stack}`);
  assert.equal(outcome.file, file);
  const where = outcome.line === undefined ? `${file}: ` : `${file}:${outcome.line}: `;
  assert.ok(outcome.message.startsWith(where), `"${outcome.message.slice(0, 200)}" starts with "${where}"`);
  assert.ok(outcome.message.length - file.length <= MAX_MESSAGE_LENGTH, `a ${outcome.message.length}-character message`);
  if (outcome.line !== undefined) {
    assert.ok(outcome.line >= 1 && outcome.line <= lineCount(bytes), `line ${outcome.line} of ${lineCount(bytes)}`);
  }
  // "empty after skipping N bad rows (the first, at line L: …)" is about the whole file.
  if (ROW_LEVEL.test(outcome.message) && !outcome.message.includes('after skipping')) {
    assert.notEqual(outcome.line, undefined, `a row problem names its line: ${outcome.message.slice(0, 200)}`);
  }
}

describe('the dataset loader fed hostile files', () => {
  let loader: GuardedLoader;
  let dir: string;
  let written = 0;

  async function loadBytes(bytes: Buffer, format: DatasetFormat, options: LoadDatasetOptions): Promise<void> {
    const file = join(dir, `${written++}${EXTENSIONS[format]}`);
    writeFileSync(file, bytes);
    const outcome = await loader.load(file, options);
    assert.ok(!('hung' in outcome), `loadDataset did not return within ${HANG_LIMIT_MS} ms`);
    assert.ok(!('crashed' in outcome), `the loader crashed: ${'crashed' in outcome ? outcome.crashed : ''}`);
    if (outcome.ok) {
      checkLoaded(outcome, bytes, options);
    } else {
      checkRejected(outcome, file, bytes);
    }
  }

  before(async () => {
    loader = await startGuardedLoader(HANG_LIMIT_MS);
    dir = mkdtempSync(join(tmpdir(), 'opro-hostile-'));
  });
  after(async () => {
    await loader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const format of ['jsonl', 'json', 'csv', 'tsv'] as const) {
    it(`loads or rejects with a DatasetError (with its line for a row) any mutated ${format} file, and never hangs`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedFileArbitrary(format), loadOptionsArbitrary, async ({ bytes }, options) => {
          await loadBytes(bytes, format, options);
        }),
        { numRuns: RUNS_PER_FORMAT },
      );
    });
  }

  it('loads or rejects with a DatasetError any random bytes, whatever the extension says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom<DatasetFormat>('jsonl', 'json', 'csv', 'tsv'), async (bytes, format) => {
        await loadBytes(Buffer.from(bytes), format, {});
      }),
      { numRuns: RUNS_PER_FORMAT },
    );
  });
});
