import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreFs } from '../../../../src/core/engineDeps';
import { readCandidateResults, readRunHeader, readRunView, readStepDetails } from '../../../../src/core/store/readRun';
import { RunReader, RunReaders } from '../../../../src/core/store/runReader';
import { runPaths } from '../../../../src/core/store/runPaths';
import { nodeStoreFs } from '../../../../src/core/store/storeFs';
import { scratchDir } from '../../../support/scratchDir';
import { makeRunRecord } from '../../../webview/fixtures';

/** A saved run in the current layout (written as version 1, migrated on open, as an old run is). */
async function savedRun(): Promise<string> {
  const record = makeRunRecord({ steps: 3, perStep: 4, rows: 20, validationRows: 4 });
  const file = join(scratchDir('opro-reader-'), `${record.id}.json`);
  writeFileSync(file, JSON.stringify({ ...record, version: 1 }));
  await readRunHeader(file);
  return file;
}

/** A StoreFs that records how many log bytes each read asked for. */
function readCounting(): { fs: StoreFs; logReads: number[] } {
  const logReads: number[] = [];
  return {
    logReads,
    fs: {
      ...nodeStoreFs,
      readBytes: async (file, offset, length) => {
        if (file.endsWith('.log.jsonl')) {
          logReads.push(length);
        }
        return nodeStoreFs.readBytes(file, offset, length);
      },
    },
  };
}

/** The last candidateScored line of the log, scored again under a new instruction (a live run's next line). */
function nextCandidateLine(file: string, instruction: string): string {
  const lines = readFileSync(runPaths(file).log, 'utf8').trim().split('\n');
  const last = lines.map((l) => JSON.parse(l) as { type: string; candidate?: Record<string, unknown> }).filter((e) => e.type === 'candidateScored').pop();
  assert.ok(last?.candidate !== undefined);
  return JSON.stringify({ ...last, candidate: { ...last.candidate, id: `id-${instruction}`, instruction } });
}

describe('RunReader', () => {
  it('gives what the whole-file reader gives: the light view, a candidate’s results, a step’s details', async () => {
    const file = await savedRun();
    const reader = new RunReader(file);
    const expected = await readRunView(file);
    const folded = await reader.folded();
    assert.deepEqual(folded.view, expected.view);
    const candidate = expected.view.candidates[2]?.id as string;
    assert.deepEqual(await reader.results(folded, candidate, 'train'), await readCandidateResults(file, expected, candidate, 'train'));
    assert.deepEqual(await reader.stepDetails(folded, 2), await readStepDetails(file, expected, 2));
    assert.equal((await reader.examples()).examples.length, 20);
  });

  it('reads only what the log gained since the last read, and a line still being written the next time', async () => {
    const file = await savedRun();
    const { fs, logReads } = readCounting();
    const reader = new RunReader(file, fs);
    const before = (await reader.folded()).view.candidates.length;
    const logSize = readFileSync(runPaths(file).log).length;
    await reader.folded();
    const line = nextCandidateLine(file, 'Think it through.');
    appendFileSync(runPaths(file).log, line.slice(0, 10));
    assert.equal((await reader.folded()).view.candidates.length, before);
    appendFileSync(runPaths(file).log, `${line.slice(10)}\n`);
    const after = await reader.folded();
    assert.equal(after.view.candidates.length, before + 1);
    assert.deepEqual(after.view, (await readRunView(file)).view);
    // The whole log once, nothing while unchanged, then only the appended bytes (twice: torn, then whole).
    assert.deepEqual(logReads, [logSize, 10, line.length + 1]);
  });

  it('names the file’s own line when an appended line is broken, and reads a log cut shorter from the start', async () => {
    const file = await savedRun();
    const reader = new RunReader(file);
    await reader.folded();
    const { log } = runPaths(file);
    const lines = readFileSync(log, 'utf8').split('\n').length - 1;
    const size = readFileSync(log).length;
    appendFileSync(log, '{"type":"candidateScored"}\n');
    await assert.rejects(reader.folded(), (err: Error) => err.message.startsWith(`${log}:${lines + 1}: this line of the run is not usable`));
    truncateSync(log, size);
    truncateSync(log, size - 1 - (readFileSync(log, 'utf8').trimEnd().split('\n').pop()?.length ?? 0));
    assert.deepEqual((await reader.folded()).view, (await readRunView(file)).view);
  });
});

describe('RunReaders', () => {
  it('keeps one reader per file for the last few files used', () => {
    const readers = new RunReaders(2);
    const a = readers.of('/runs/a.json');
    assert.equal(readers.of('/runs/a.json'), a);
    readers.of('/runs/b.json');
    readers.of('/runs/c.json');
    assert.notEqual(readers.of('/runs/a.json'), a);
    assert.equal(readers.of('/runs/a.json').file, '/runs/a.json');
  });
});
