import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadDataset } from '../../../../src/core/dataset';
import { detectUtf16 } from '../../../../src/core/dataset/textEncoding';
import { rejectsWithDatasetError, writeDataset } from './tempDataset';

function utf16(text: string, order: 'le' | 'be', withMark: boolean): Buffer {
  const le = Buffer.from((withMark ? '\ufeff' : '') + text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

const CSV = 'question,answer\r\n"Wie viel ist 2 + 2, bitte?",vier\r\nCafé?,ja\r\n';
const rowsOf = (dataset: Awaited<ReturnType<typeof loadDataset>>): unknown[] => dataset.examples.map((e) => [e.line, e.input, e.target]);

describe('loadDataset: text encodings', () => {
  for (const order of ['le', 'be'] as const) {
    for (const withMark of [false, true]) {
      it(`reads a UTF-16${order.toUpperCase()} CSV file ${withMark ? 'with' : 'without'} a byte-order mark as its text, not as a quoting error`, async () => {
        const bytes = utf16(CSV, order, withMark);
        const file = writeDataset('excel.csv', bytes);
        const dataset = await loadDataset(file);
        assert.deepEqual(rowsOf(dataset), [
          [2, 'Wie viel ist 2 + 2, bitte?', 'vier'],
          [3, 'Café?', 'ja'],
        ]);
        assert.equal(dataset.fingerprint, createHash('sha256').update(bytes).digest('hex'));
      });
    }
  }

  it('reads UTF-16 JSON Lines and numbers its lines as the file has them', async () => {
    const file = writeDataset('rows.jsonl', utf16('{"question": "ä?", "answer": "1"}\n\n{"question": "b?", "answer": "2"}\n', 'le', false));
    assert.deepEqual(rowsOf(await loadDataset(file)), [
      [1, 'ä?', '1'],
      [3, 'b?', '2'],
    ]);
  });

  it('says a Latin-1 file is not UTF-8, at the line of its first such byte, instead of loading replacement characters', async () => {
    const file = writeDataset('legacy.csv', Buffer.from('question,answer\nq,1\nCaf\xe9?,2\n', 'latin1'));
    await rejectsWithDatasetError(loadDataset(file), file, { line: 3, includes: ['not UTF-8 text', 'Save with Encoding'] });
  });

  it('takes UTF-8 with a stray NUL, or non-ASCII text, for UTF-8', () => {
    assert.equal(detectUtf16(Buffer.from('question,answer\nq\u0000,1\n')), undefined);
    assert.equal(detectUtf16(Buffer.from('вопрос,ответ\nдва,2\n')), undefined);
    assert.equal(detectUtf16(Buffer.from('q', 'utf16le')), 'utf-16le');
  });
});
