import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadDataset } from '../../../src/core/dataset/loadDataset';
import { DEFAULT_MAX_DATASET_BYTES } from '../../../src/core/dataset/types';
import { DatasetError } from '../../../src/core/errors';
import { startGuardedLoader, type GuardedLoader } from '../../support/guardedLoader';

const MB = 1024 * 1024;
/** Elements that break a JSON array on their own line, each in a way V8 reports without a position. */
const BROKEN_ELEMENTS = [
  '{"question": x, "answer": "1"}',
  '{"question": tru, "answer": "1"}',
  '{"question": "a",, "answer": "1"}',
  '{"question": "a", "answer": }',
  "{'question': 'a', \"answer\": \"1\"}",
  '{"question": NaN, "answer": "1"}',
  '{"question": "a" "answer": "1"}',
  '{"question": "a\u0001", "answer": "1"}',
  '{"question": 01, "answer": "1"}',
  '{"question": "a", "answer": "1"}}',
];

async function datasetError(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DatasetError, `expected a DatasetError, got ${String(err)}`);
    return err;
  }
  return assert.fail('expected the load to fail');
}

describe('the dataset loader at its limits', () => {
  let dir: string;
  let written = 0;
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, `${written++}-${name}`);
    writeFileSync(path, content);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'opro-limits-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a 200 MB file before reading it, saying its size, the limit and how to fix it', async () => {
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, '');
    truncateSync(big, 200 * MB); // sparse: instant, and takes no disk space
    try {
      const err = await datasetError(loadDataset(big));
      assert.equal(err.line, undefined);
      assert.equal(err.message, `${big}: the file is 200.0 MB, more than the 100.0 MB a dataset may have. ${err.hint ?? ''}`);
      assert.match(err.hint ?? '', /split it, or sample/);
      assert.match(err.hint ?? '', /maxBytes/);
    } finally {
      rmSync(big, { force: true });
    }
  });

  it('reads a file of exactly maxBytes and refuses one byte more', async () => {
    const content = '{"question":"q","answer":"1"}\n';
    const path = file('edge.jsonl', content);
    const size = Buffer.byteLength(content);
    assert.equal((await loadDataset(path, { maxBytes: size })).examples.length, 1);
    const err = await datasetError(loadDataset(path, { maxBytes: size - 1 }));
    assert.match(err.message, new RegExp(`the file is ${size} bytes, more than the ${size - 1} bytes`));
    assert.equal(DEFAULT_MAX_DATASET_BYTES, 100 * MB);
  });

  it('still says a folder is a folder', async () => {
    const err = await datasetError(loadDataset(dir));
    assert.equal(err.message.startsWith(`${dir}: the path is a folder, not a file.`), true, err.message);
  });

  it('names the line of a broken element in a JSON array, even where V8 gives no position', async () => {
    const element = (i: number): string => JSON.stringify({ question: `q${i}`, answer: String(i) });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.constantFrom(...BROKEN_ELEMENTS), async (before, after, broken) => {
        const lines = [...Array.from({ length: before }, (_, i) => element(i)), broken, ...Array.from({ length: after }, (_, i) => element(i))];
        const path = file('broken.json', `[\n${lines.join(',\n')}\n]\n`);
        const err = await datasetError(loadDataset(path));
        assert.equal(err.line, before + 2, err.message);
        assert.match(err.message, /invalid JSON/);
        assert.ok(!err.message.includes('question'), `the message quotes no data: ${err.message}`);
      }),
      { numRuns: 100 },
    );
  });

  it('names the last line with text when a JSON array is cut short', async () => {
    const path = file('cut.json', '[\n{"question": "a", "answer": "1"},\n{"question": "b", "answer": "2"}\n\n\n');
    assert.equal((await datasetError(loadDataset(path))).line, 3);
  });

  it('rejects a value nested deeper than 100 levels at its line, or skips that row', async () => {
    for (const depth of [101, 5_000, 200_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const path = file('deep.jsonl', `{"question":"a","answer":"1"}\n{"question":${deep},"answer":"2"}\n{"question":"c","answer":"3"}\n`);
      const err = await datasetError(loadDataset(path));
      assert.equal(err.line, 2);
      assert.match(err.message, /nested more than 100 levels deep/);
      const skipped = await loadDataset(path, { skipBadRows: true });
      assert.deepEqual([skipped.examples.map((e) => e.target), skipped.skipped.map((s) => s.line)], [['1', '3'], [2]]);
    }
    const ok = `${'['.repeat(100)}${']'.repeat(100)}`;
    const shallow = await loadDataset(file('ok.jsonl', `{"question":${ok},"answer":"1"}\n`));
    assert.equal(shallow.examples[0]?.input, ok);
  });

  it('treats columns named __proto__ and constructor as data', async () => {
    const csv = await loadDataset(file('proto.csv', 'question,__proto__,constructor\nq,1,c\n'), { targetColumn: '__proto__' });
    assert.deepEqual(csv.examples.map((e) => [e.input, e.target, e.fields.constructor, Object.keys(e.fields)]), [['q', '1', 'c', ['question', '__proto__', 'constructor']]]);
    const jsonl = await loadDataset(file('proto.jsonl', '{"question":"q","__proto__":"1"}\n{"question":"r","__proto__":"2","constructor":"x"}\n'), { targetColumn: '__proto__' });
    assert.deepEqual(jsonl.examples.map((e) => [e.target, e.fields.constructor]), [['1', ''], ['2', 'x']]);
    const err = await datasetError(loadDataset(file('noproto.jsonl', '{"question":"q","answer":"1"}\n{"question":"r","__proto__":"2"}\n'), { targetColumn: '__proto__' }));
    assert.deepEqual([err.line, err.message.includes('row has no `__proto__` field')], [1, true]);
  });

  it('keeps messages short when a header holds a huge column name', async () => {
    const name = 'x'.repeat(100_000);
    for (const content of [`${name},other\n1,2\n`, `question,${name},${name}\nq,1,2\n`]) {
      const path = file('huge-header.csv', content);
      const err = await datasetError(loadDataset(path));
      assert.ok(err.message.length < path.length + 600, `${err.message.length} characters`);
    }
  });

  describe('with a guard against hangs', () => {
    let loader: GuardedLoader;
    before(async () => {
      loader = await startGuardedLoader(10_000);
    });
    after(async () => {
      await loader.close();
    });

    it('refuses rows that each bring their own keys instead of building rows × keys cells', async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ question: `q${i}`, answer: '1', [`id_${i}`]: i }));
      const path = file('sparse.jsonl', rows.join('\n'));
      const outcome = await loader.load(path, {});
      assert.ok('ok' in outcome && !outcome.ok, `expected a rejection, got ${JSON.stringify(outcome).slice(0, 200)}`);
      assert.equal(outcome.isDatasetError, true);
      assert.equal(outcome.line, undefined);
      assert.match(outcome.message, /20000 rows use 20002 different keys/);
    });

    it('still loads a dense file with an optional column missing from many rows', async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(i % 2 === 0 ? { question: `q${i}`, answer: '1', note: 'n' } : { question: `q${i}`, answer: '1' }));
      const outcome = await loader.load(file('optional.jsonl', rows.join('\n')), {});
      assert.ok('ok' in outcome && outcome.ok, JSON.stringify(outcome).slice(0, 300));
      assert.deepEqual([outcome.dataset.examples.length, outcome.dataset.examples[1]?.fields.note], [20_000, '']);
    });
  });
});
