import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeDataset } from '../../../../src/core/dataset';
import { scratchDir } from '../../../support/scratchDir';

describe('probeDataset', () => {
  const dir = scratchDir('opro-probe-');
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('finds the input and target columns of JSON Lines, JSON arrays, CSV and TSV', async () => {
    assert.deepEqual(await probeDataset(file('a.jsonl', '{"question":"1+1","answer":"2"}\n')), {
      columns: ['question', 'answer'],
      detected: { inputColumn: 'question', targetColumn: 'answer' },
      format: 'jsonl',
    });
    assert.deepEqual((await probeDataset(file('b.json', '[\n  {"input": "x", "label": "y"}\n]'))).detected, { inputColumn: 'input', targetColumn: 'label' });
    assert.deepEqual((await probeDataset(file('c.csv', 'text,expected\nhi,there\n'))).detected, { inputColumn: 'text', targetColumn: 'expected' });
    assert.deepEqual((await probeDataset(file('d.tsv', 'prompt\toutput\na\tb\n'))).detected, { inputColumn: 'prompt', targetColumn: 'output' });
  });

  it('says why a configuration file is not a dataset', async () => {
    const probe = await probeDataset(file('features.json', '{\n  "darkMode": true,\n  "beta": {"search": false}\n}\n'));
    assert.deepEqual(probe, { columns: [], problem: 'an object with keys [darkMode, beta], not an array of examples', format: 'json' });
  });

  it('says what is missing: a column, rows, valid syntax, content', async () => {
    assert.equal((await probeDataset(file('r.csv', 'review,sentiment\ngood,pos\n'))).problem, 'no target column among [review, sentiment]');
    assert.equal((await probeDataset(file('h.csv', 'question,answer\n'))).problem, 'a header but no rows');
    assert.equal((await probeDataset(file('bad.json', '{"a": '))).problem, 'not valid JSON');
    assert.equal((await probeDataset(file('line.jsonl', 'oops\n'))).problem, 'line 1: invalid JSON (Unexpected token \'o\') at column 1');
    assert.equal((await probeDataset(file('e.jsonl', ''))).problem, 'the file is empty');
    assert.equal((await probeDataset(join(dir, 'missing.csv'))).problem, 'not a readable file');
  });

  it('accepts a template dataset with the placeholder columns and no input column', async () => {
    const path = file('t.jsonl', '{"review":"great","answer":"pos"}\n');
    assert.deepEqual((await probeDataset(path, { templateColumns: ['review'] })).detected, { inputColumn: undefined, targetColumn: 'answer' });
    assert.match((await probeDataset(path, { templateColumns: ['tone'] })).problem ?? '', /placeholders \{\{tone\}\} name no column/);
  });

  it('judges a large JSON array from its first bytes, cut in the middle of a row', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ question: `What is ${i} + 1?`, answer: String(i + 1) }));
    const path = file('big.json', JSON.stringify(rows, null, 2));
    assert.deepEqual((await probeDataset(path, { maxBytes: 1000 })).detected, { inputColumn: 'question', targetColumn: 'answer' });
  });
});
