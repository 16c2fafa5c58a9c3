import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../../src/core/dataset';
import { DatasetError } from '../../../../src/core/errors';
import { makeFolder, rejectsWithDatasetError, writeDataset } from './tempDataset';

const CHECK_PATH = 'Check the path';

describe('loadDataset errors: reading the file', () => {
  it('reports a missing file without a line and says to check the path', async () => {
    const file = join(tmpdir(), 'opro-no-such-dataset.jsonl');
    await rejectsWithDatasetError(loadDataset(file), file, { line: undefined, includes: ['does not exist', CHECK_PATH] });
  });

  it('reports a folder given as the dataset path', async () => {
    const folder = makeFolder('data.csv');
    await rejectsWithDatasetError(loadDataset(folder, { format: 'csv' }), folder, {
      line: undefined,
      includes: ['folder', CHECK_PATH],
    });
  });

  it('rejects an unknown extension and lists the ones it reads', async () => {
    const file = writeDataset('data.xlsx', 'question,answer\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: undefined, includes: ['`.xlsx`', '.jsonl', '.csv'] });
  });

  it('rejects an unknown format option', async () => {
    const file = writeDataset('data.csv', 'question,answer\nq,a\n');
    const options = JSON.parse('{"format": "xml"}') as { format: 'csv' };
    await rejectsWithDatasetError(loadDataset(file, options), file, { line: undefined, includes: ['`xml`', 'jsonl, json, csv or tsv'] });
  });
});

describe('loadDataset errors: empty files', () => {
  for (const [name, content] of [
    ['empty.jsonl', ''],
    ['blank.json', '  \n\n'],
    ['bom.csv', '\ufeff\r\n'],
    ['empty.tsv', ''],
  ] as const) {
    it(`rejects ${name} as empty and shows what a row looks like`, async () => {
      const file = writeDataset(name, content);
      await rejectsWithDatasetError(loadDataset(file), file, { line: undefined, includes: ['the file is empty', 'Add'] });
    });
  }

  it('rejects a CSV file with a header but no rows', async () => {
    const file = writeDataset('header.csv', 'question,answer\n\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: undefined, includes: ['a header but no rows'] });
  });

  it('rejects an empty JSON array', async () => {
    const file = writeDataset('none.json', '[]');
    await rejectsWithDatasetError(loadDataset(file), file, { line: undefined, includes: ['no rows', '[{"question"'] });
  });
});

describe('loadDataset errors: JSON syntax', () => {
  it('names the JSON Lines line that is not valid JSON and what the parser said', async () => {
    const file = writeDataset('bad.jsonl', '{"question": "a", "answer": "b"}\n\n{"question": "c", "answer": }\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: 3,
      includes: ['invalid JSON (Unexpected token', 'one complete JSON object per line'],
    });
  });

  it('suggests the .json extension when a .jsonl file holds a pretty-printed document', async () => {
    const file = writeDataset('pretty.jsonl', '[\n  {"question": "a", "answer": "b"}\n]\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 1, includes: ['invalid JSON', '.json extension'] });
  });

  it('names a JSON Lines line holding something other than an object', async () => {
    const file = writeDataset('array.jsonl', '{"question": "a", "answer": "b"}\n["c", "d"]\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 2, includes: ['expected a JSON object, found an array'] });
  });

  it('turns the position of a JSON syntax error into its line', async () => {
    const file = writeDataset('bad.json', '[\n  {"question": "a", "answer": "b"},\n  {"question": "c", "answer": "d",}\n]\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: 3,
      includes: ['invalid JSON (Expected double-quoted property name)', 'trailing comma'],
    });
  });

  it('gives the column of a syntax error in a one-line 5 MB JSON file, where the line alone says nothing', async () => {
    const row = JSON.stringify({ question: 'What is 2 + 2?', answer: '4' });
    const rows = Array.from({ length: Math.ceil((5 * 2 ** 20) / (row.length + 1)) }, () => row);
    const good = rows.slice(0, 70_000).join(',');
    const text = `[${good},{"question": x},${rows.slice(70_000).join(',')}]`;
    const file = writeDataset('one-line.json', text);
    const column = good.length + 16;
    assert.equal(text.charAt(column - 1), 'x');
    await assert.rejects(loadDataset(file), (err: unknown) => {
      assert.ok(err instanceof DatasetError);
      assert.deepEqual([err.line, err.column], [1, column]);
      assert.ok(err.message.startsWith(`${file}:1: invalid JSON (Unexpected token 'x') at column ${column}.`), err.message);
      return true;
    });
  });

  it('gives the column of a syntax error on a JSON Lines line, counting its indentation', async () => {
    const file = writeDataset('col.jsonl', '{"question": "a", "answer": "b"}\n  {"question": "c" "answer": "d"}\n');
    await assert.rejects(loadDataset(file), (err: unknown) => {
      assert.ok(err instanceof DatasetError);
      assert.deepEqual([err.line, err.column], [2, 20]);
      assert.match(err.message, /:2: invalid JSON \(Expected ',' or '\}' after property value\) at column 20\./);
      return true;
    });
  });

  it('puts a truncated JSON document at its last line', async () => {
    const file = writeDataset('cut.json', '[\n  {"question": "a", "answer": "b"},\n  {"question": "c"');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 3, includes: ['invalid JSON'] });
  });

  it('rejects a JSON document that is not an array', async () => {
    const file = writeDataset('object.json', '{\n  "rows": []\n}\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: undefined,
      includes: ['expected a JSON array of objects, found an object', 'JSON Lines'],
    });
  });

  it('names the line of an array element that is not an object', async () => {
    const file = writeDataset('mixed.json', '[\n  {"question": "a", "answer": "b"},\n\n  "just text"\n]');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 4, includes: ['array element 2 is a string, not an object'] });
  });
});

describe('loadDataset errors: CSV and TSV structure', () => {
  it('names a duplicated header column and both of its positions', async () => {
    const file = writeDataset('dup.csv', 'question,answer,Answer,answer\nq,a,b,c\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: 1,
      includes: ['column `answer` appears twice in the header (columns 2 and 4)', 'Rename one'],
    });
  });

  it('rejects a header column without a name', async () => {
    const file = writeDataset('unnamed.tsv', 'question\t\tanswer\nq\tx\ta\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 1, includes: ['column 2 of the header has no name'] });
  });

  it('names the first line of a row with the wrong number of fields, after a multi-line field', async () => {
    const file = writeDataset('count.csv', 'question,answer\n"two\nlines",a\n1, 2,3\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: 4,
      includes: ['row has 3 fields but the header has 2 columns', 'double quotes around any field that contains a comma'],
    });
  });

  it('names the line where a never-closed quoted field starts, even in a CRLF file', async () => {
    const file = writeDataset('open.csv', 'question,answer\r\n"a\r\nb",1\r\n"c,2\r\nd,3\r\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 4, includes: ['never closed', '("")'] });
  });

  it('names the row where text follows a closing quote', async () => {
    const file = writeDataset('closing.csv', 'question,answer\nq,1\n"say "hi" now",2\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 3, includes: ['text after its closing quote'] });
  });

  it('names the row where a CSV field holds a quote without being quoted', async () => {
    const file = writeDataset('opening.csv', 'question,answer\nq,1\nsay "hi",2\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 3, includes: ['not wrapped in quotes', '""units""'] });
  });
});

describe('loadDataset errors: row values', () => {
  it('names the row with no target field and how to fix it', async () => {
    const file = writeDataset('target.jsonl', '{"question": "a", "answer": "b"}\n{"question": "c"}\n');
    await rejectsWithDatasetError(loadDataset(file), file, {
      line: 2,
      includes: ['row has no `answer` field', 'Fill in `answer`', '--skip-bad-rows'],
    });
  });

  it('treats a whitespace-only target as missing', async () => {
    const file = writeDataset('blank.csv', 'question,answer\nq,a\nr,"  "\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 3, includes: ['row has an empty `answer`'] });
  });

  it('names the row with no input', async () => {
    const file = writeDataset('input.jsonl', '{"prompt": null, "label": "x"}\n');
    await rejectsWithDatasetError(loadDataset(file), file, { line: 1, includes: ['row has an empty `prompt`', 'Fill in `prompt`'] });
  });
});
