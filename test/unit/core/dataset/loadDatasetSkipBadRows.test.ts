import assert from 'node:assert/strict';
import { loadDataset } from '../../../../src/core/dataset';
import { rejectsWithDatasetError, writeDataset } from './tempDataset';

const SKIP = { skipBadRows: true };

describe('loadDataset with skipBadRows: skipping rows', () => {
  it('skips bad JSON Lines rows, lists each with its line and reason, and numbers the rest contiguously', async () => {
    const content = [
      '{"question": "a", "answer": "1"}',
      '{"question": "b", "answer": ',
      '42',
      '{"question": "c"}',
      '{"question": "", "answer": "3"}',
      '{"question": "d", "answer": "4"}',
    ].join('\n');
    const dataset = await loadDataset(writeDataset('some-bad.jsonl', content), SKIP);
    assert.deepEqual(
      dataset.examples.map((example) => [example.index, example.line, example.input]),
      [
        [0, 1, 'a'],
        [1, 6, 'd'],
      ],
    );
    assert.deepEqual(
      dataset.skipped.map((row) => row.line),
      [2, 3, 4, 5],
    );
    assert.match(dataset.skipped[0]?.reason ?? '', /^invalid JSON \(/);
    assert.deepEqual(dataset.skipped.slice(1), [
      { line: 3, reason: 'expected a JSON object, found a number' },
      { line: 4, reason: 'row has no `answer` field' },
      { line: 5, reason: 'row has an empty `question`' },
    ]);
  });

  it('skips JSON array elements that are not objects', async () => {
    const content = '[\n  {"question": "a", "answer": "1"},\n  null,\n  {"question": "b", "answer": "2"}\n]';
    const dataset = await loadDataset(writeDataset('some-bad.json', content), SKIP);
    assert.equal(dataset.examples.length, 2);
    assert.deepEqual(dataset.skipped, [{ line: 3, reason: 'array element 2 is null, not an object' }]);
  });

  it('skips CSV rows with the wrong number of fields and keeps the line numbers of later rows', async () => {
    const content = 'question,answer\n"multi\nline",1\n1,2,3\nonly one\nlast,4\n';
    const dataset = await loadDataset(writeDataset('some-bad.csv', content), SKIP);
    assert.deepEqual(
      dataset.examples.map((example) => [example.index, example.line, example.target]),
      [
        [0, 2, '1'],
        [1, 6, '4'],
      ],
    );
    assert.deepEqual(dataset.skipped, [
      { line: 4, reason: 'row has 3 fields but the header has 2 columns' },
      { line: 5, reason: 'row has 1 fields but the header has 2 columns' },
    ]);
  });

  it('returns no skipped rows when every row is good', async () => {
    const dataset = await loadDataset(writeDataset('good.jsonl', '{"question": "a", "answer": "1"}\n'), SKIP);
    assert.deepEqual(dataset.skipped, []);
  });
});

describe('loadDataset with skipBadRows: what still fails', () => {
  it('still fails on a duplicate header, which no row skip can repair', async () => {
    const file = writeDataset('dup.csv', 'question,question,answer\nq,r,a\n');
    await rejectsWithDatasetError(loadDataset(file, SKIP), file, { line: 1, includes: ['appears twice'] });
  });

  it('still fails when no target column exists', async () => {
    const file = writeDataset('no-target.jsonl', '{"question": "a", "reply": "1"}\n');
    await rejectsWithDatasetError(loadDataset(file, SKIP), file, { line: undefined, includes: ['no target column among [question, reply]'] });
  });

  it('still fails on an empty file', async () => {
    const file = writeDataset('empty.csv', '');
    await rejectsWithDatasetError(loadDataset(file, SKIP), file, { line: undefined, includes: ['the file is empty'] });
  });

  it('fails when every row was skipped, saying how many and the first reason', async () => {
    const file = writeDataset('all-bad.jsonl', '{"question": "a"}\n{"question": "b", "answer": " "}\n');
    await rejectsWithDatasetError(loadDataset(file, SKIP), file, {
      line: undefined,
      includes: ['empty after skipping 2 bad rows', 'at line 1: row has no `answer` field'],
    });
  });

  it('fails when every row was unparseable, before looking for columns', async () => {
    const file = writeDataset('all-broken.jsonl', 'nope\n[1]\n');
    await rejectsWithDatasetError(loadDataset(file, SKIP), file, { line: undefined, includes: ['empty after skipping 2 bad rows'] });
  });
});
