import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../../../src/core/dataset';
import { FIXTURES, writeDataset } from './tempDataset';

describe('loadDataset: JSON Lines', () => {
  it('returns every row as an example numbered by its line, ignoring blank lines', async () => {
    const content = '{"question": "1+1?", "answer": "2"}\n\n   \n{"question": "2+2?", "answer": "4"}\n';
    const file = writeDataset('rows.jsonl', content);
    const dataset = await loadDataset(file);
    assert.deepEqual(dataset, {
      file,
      format: 'jsonl',
      columns: ['question', 'answer'],
      inputColumn: 'question',
      targetColumn: 'answer',
      examples: [
        { index: 0, line: 1, input: '1+1?', target: '2', fields: { question: '1+1?', answer: '2' } },
        { index: 1, line: 4, input: '2+2?', target: '4', fields: { question: '2+2?', answer: '4' } },
      ],
      skipped: [],
      fingerprint: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('reads .ndjson files with CRLF line ends and a BOM as JSON Lines', async () => {
    const file = writeDataset('rows.ndjson', '\ufeff{"input": "a", "target": "b"}\r\n\r\n{"input": "c", "target": "d"}\r\n');
    const dataset = await loadDataset(file);
    assert.equal(dataset.format, 'jsonl');
    assert.deepEqual(
      dataset.examples.map((example) => [example.line, example.input, example.target]),
      [
        [1, 'a', 'b'],
        [3, 'c', 'd'],
      ],
    );
  });

  it('collects columns from every row in first-seen order and fills absent ones with empty text', async () => {
    const file = writeDataset('sparse.jsonl', '{"question": "q1", "answer": "a1"}\n{"answer": "a2", "question": "q2", "note": "n"}\n');
    const dataset = await loadDataset(file);
    assert.deepEqual(dataset.columns, ['question', 'answer', 'note']);
    assert.deepEqual(dataset.examples[0]?.fields, { question: 'q1', answer: 'a1', note: '' });
  });
});

describe('loadDataset: JSON arrays', () => {
  it('numbers each element by the line of its opening brace and turns values into text', async () => {
    const file = join(FIXTURES, 'sample.json');
    const dataset = await loadDataset(file);
    assert.equal(dataset.format, 'json');
    assert.deepEqual(dataset.examples, [
      { index: 0, line: 2, input: '2+2', target: '4', fields: { input: '2+2', output: '4', meta: '{"level":1}' } },
      { index: 1, line: 9, input: '3*3', target: '9', fields: { input: '3*3', output: '9', meta: '' } },
    ]);
  });

  it('finds element lines past strings that hold brackets, commas and escaped quotes', async () => {
    const content = '[{"question": "a [1, {2}] \\" ,", "answer": true},\n\n {"question": "b", "answer": [1, "x"]}]';
    const dataset = await loadDataset(writeDataset('tricky.json', content));
    assert.deepEqual(
      dataset.examples.map((example) => [example.line, example.input, example.target]),
      [
        [1, 'a [1, {2}] " ,', 'true'],
        [3, 'b', '[1,"x"]'],
      ],
    );
  });

  it('reads a .json file holding one object per line as JSON Lines', async () => {
    const file = writeDataset('lines.json', '{"question": "a", "answer": "1"}\n{"question": "b", "answer": "2"}\n');
    const dataset = await loadDataset(file);
    assert.equal(dataset.format, 'jsonl');
    assert.deepEqual(
      dataset.examples.map((example) => example.line),
      [1, 2],
    );
  });
});

describe('loadDataset: CSV and TSV', () => {
  it('reads quoted commas, doubled quotes and line breaks, with a BOM and CRLF, numbering rows by their first line', async () => {
    const dataset = await loadDataset(join(FIXTURES, 'quoted.csv'));
    assert.equal(dataset.format, 'csv');
    assert.deepEqual(dataset.columns, ['Question', 'Answer', 'Source']);
    assert.equal(dataset.inputColumn, 'Question');
    assert.equal(dataset.targetColumn, 'Answer');
    assert.deepEqual(
      dataset.examples.map((example) => [example.index, example.line, example.input, example.target]),
      [
        [0, 2, 'Add 2, then 3', '5'],
        [1, 3, 'He said "hi". What did he say?', 'hi'],
        [2, 4, 'Line one\r\nline two', 'two lines'],
        [3, 6, 'What is 1 + 1?', '2'],
      ],
    );
    assert.deepEqual(dataset.examples[3]?.fields, { Question: 'What is 1 + 1?', Answer: '2', Source: '' });
  });

  it('keeps counting lines after multi-line fields and blank lines in an LF file', async () => {
    const content = 'question,answer\n"one\ntwo\nthree",3\n\n\nnext,4\n"a\n\nb",5\nlast,6';
    const dataset = await loadDataset(writeDataset('lf.csv', content));
    assert.deepEqual(
      dataset.examples.map((example) => [example.line, example.target]),
      [
        [2, '3'],
        [7, '4'],
        [8, '5'],
        [11, '6'],
      ],
    );
  });

  it('reads TSV, detecting query and label columns', async () => {
    const dataset = await loadDataset(join(FIXTURES, 'sample.tsv'));
    assert.equal(dataset.format, 'tsv');
    assert.deepEqual(
      dataset.examples.map((example) => [example.line, example.input, example.target, example.fields.id]),
      [
        [2, 'Is the sky blue?', 'yes', '1'],
        [3, 'Is fire cold?', 'no', '2'],
      ],
    );
  });

  it('keeps quotes that sit inside unquoted TSV fields and commas as plain text', async () => {
    const file = writeDataset('quotes.tsv', 'question\tanswer\nHe said "hi", twice\t5 "units"\n');
    const dataset = await loadDataset(file);
    assert.deepEqual(dataset.examples[0]?.fields, { question: 'He said "hi", twice', answer: '5 "units"' });
  });

  it('trims spaces around header names and ignores rows whose fields are all blank', async () => {
    const dataset = await loadDataset(writeDataset('spaced.csv', ' question , answer \n1,2\n , \n3,4\n'));
    assert.deepEqual(dataset.columns, ['question', 'answer']);
    assert.deepEqual(
      dataset.examples.map((example) => example.line),
      [2, 4],
    );
  });
});

describe('loadDataset: format and fingerprint', () => {
  it('uses the format option over the file extension', async () => {
    const dataset = await loadDataset(writeDataset('data.txt', 'question\tanswer\nq\ta\n'), { format: 'tsv' });
    assert.equal(dataset.format, 'tsv');
    assert.equal(dataset.examples[0]?.target, 'a');
  });

  it('recognises extensions in any case', async () => {
    const dataset = await loadDataset(writeDataset('DATA.CSV', 'question,answer\nq,a\n'));
    assert.equal(dataset.format, 'csv');
  });

  it('fingerprints the file bytes so a changed file gets a new fingerprint', async () => {
    const first = await loadDataset(writeDataset('a.csv', 'question,answer\nq,a\n'));
    const same = await loadDataset(writeDataset('b.csv', 'question,answer\nq,a\n'));
    const changed = await loadDataset(writeDataset('c.csv', 'question,answer\nq,b\n'));
    assert.match(first.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(same.fingerprint, first.fingerprint);
    assert.notEqual(changed.fingerprint, first.fingerprint);
  });
});

describe('loadDataset: larger files', () => {
  it('loads the 100-row fixture with one example per line', async () => {
    const file = join(FIXTURES, 'arithmetic100.jsonl');
    const dataset = await loadDataset(file);
    assert.equal(dataset.examples.length, 100);
    assert.equal(dataset.fingerprint, createHash('sha256').update(readFileSync(file)).digest('hex'));
    for (const example of dataset.examples) {
      assert.equal(example.line, example.index + 1);
      const [, a, b] = /What is (\d+) \+ (\d+)\?/.exec(example.input) ?? [];
      assert.equal(Number(example.target), Number(a) + Number(b));
    }
  });

  for (const format of ['jsonl', 'json', 'csv'] as const) {
    // Load time is measured by `npm run bench`; here only correctness at size.
    it(`loads 100,000 ${format} rows with exact line numbers`, async () => {
      const file = writeDataset(`big.${format}`, bigFile(format, 100_000));
      const dataset = await loadDataset(file);
      assert.equal(dataset.examples.length, 100_000);
      const last = dataset.examples[99_999];
      assert.equal(last?.target, '99999');
      assert.equal(last?.line, format === 'jsonl' ? 100_000 : 100_001);
    });
  }
});

function bigFile(format: 'jsonl' | 'json' | 'csv', rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(format === 'csv' ? `"q ${i}, please",${i}` : `{"question": "q ${i}", "answer": ${i}}`);
  }
  if (format === 'csv') {
    return `question,answer\n${lines.join('\n')}\n`;
  }
  return format === 'json' ? `[\n${lines.join(',\n')}\n]\n` : `${lines.join('\n')}\n`;
}
