import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetError } from '../../../../src/core/errors';

const folder = mkdtempSync(join(tmpdir(), 'opro-dataset-test-'));
let written = 0;

// Registered at load time, so it runs once after every suite that imports this module.
after(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Writes `content` to a fresh file named `name` (numbered to stay unique) and returns its path. */
export function writeDataset(name: string, content: string | Uint8Array): string {
  written++;
  const path = join(folder, `${written}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Creates an empty folder named `name` among the temporary datasets and returns its path. */
export function makeFolder(name: string): string {
  written++;
  const path = join(folder, `${written}-${name}`);
  mkdirSync(path);
  return path;
}

/** The folder of the fixtures committed with the tests. */
export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'datasets');

/** What a dataset error must say: its line, and text its message must contain. */
export interface ExpectedError {
  line: number | undefined;
  includes: string[];
}

/** Asserts that `promise` rejects with a DatasetError for `file` at the expected line, mentioning each text. */
export async function rejectsWithDatasetError(promise: Promise<unknown>, file: string, expected: ExpectedError): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof DatasetError, `expected a DatasetError, got ${String(err)}`);
    assert.equal(err.kind, 'dataset');
    assert.equal(err.file, file);
    assert.equal(err.line, expected.line);
    const where = expected.line === undefined ? `${file}: ` : `${file}:${expected.line}: `;
    assert.ok(err.message.startsWith(where), `message should start with "${where}": ${err.message}`);
    for (const text of expected.includes) {
      assert.ok(err.message.includes(text), `message should include "${text}": ${err.message}`);
    }
    return true;
  });
}
